import InstrumentNetwork
import NetworkStore

extension NetworkService {
  /// The secret of the acting person's live calendar feed
  /// (`/api/v1/calendar/TOKEN.ics`): the one they have, or a new one.
  public func calendarToken(as principal: Principal) throws -> String {
    try write { store in
      let actor = try actor(principal, in: store)
      return try store.ensureCalendarToken(Self.randomToken(), accountID: actor.id)
    }
  }

  /// A new feed secret for the acting person; the old feed address stops working.
  public func renewCalendarToken(as principal: Principal) throws -> String {
    try write { store in
      let actor = try actor(principal, in: store)
      let token = Self.randomToken()
      try store.replaceCalendarToken(token, accountID: actor.id)
      return token
    }
  }

  /// Ends the acting person's feed: its address stops working.
  public func revokeCalendarToken(as principal: Principal) throws {
    try write { store in
      let actor = try actor(principal, in: store)
      try store.revokeCalendarToken(accountID: actor.id)
    }
  }

  /// The bookings of the person whose feed `token` is: the feed's holder
  /// reads what that person would read as their own calendar.
  public func calendarFeed(token: String) throws -> BookingCalendar {
    try read { store in
      guard token.utf8.count == 43, let id = try store.calendarAccountID(token: token),
        let account = try store.account(id: id)
      else {
        throw LabNetError.notFound("no calendar feed at this address; it may have been renewed")
      }
      return try calendar(of: account, instrumentID: nil, in: store)
    }
  }

  /// 256 random bits, base64url without padding (43 characters).
  static func randomToken() -> String {
    var random = SystemRandomNumberGenerator()
    return Base64URL.encode((0..<32).map { _ in UInt8.random(in: 0...255, using: &random) })
  }
}
