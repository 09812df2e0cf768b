import InstrumentNetwork
import NetworkStore

/// What a person waits for: any free run of `minutes` inside `window`.
public struct WaitlistRequest: Sendable, Hashable {
  public var instrumentID: Int64
  public var window: Range<Instant>
  public var minutes: Int
  public var purpose: String?

  public init(instrumentID: Int64, window: Range<Instant>, minutes: Int, purpose: String? = nil) {
    self.instrumentID = instrumentID
    self.window = window
    self.minutes = minutes
    self.purpose = purpose
  }
}

extension NetworkService {
  /// Puts the acting booker on an instrument's waitlist. Refused when a
  /// run fits now (book it instead) or when a rule refuses the booker.
  public func joinWaitlist(_ request: WaitlistRequest, as principal: Principal) throws
    -> WaitlistEntry
  {
    let purpose = try NameRule.purpose(request.purpose)
    let time = now
    try WaitlistRule.checkJoin(window: request.window, minutes: request.minutes, now: time)
    return try write { store in
      let actor = try actor(principal, in: store)
      let unitID = try actor.requireBooker()
      let listing = try store.instrument(id: request.instrumentID, lockingRow: true)
      let entry = WaitlistEntry(
        id: 0, instrumentID: listing.instrument.id, accountID: actor.id, bookerUnitID: unitID,
        window: request.window, durationMinutes: request.minutes, purpose: purpose,
        createdAt: time)
      if let run = try WaitlistRule.firstRun(
        for: entry, on: listing.instrument,
        busy: try store.busyIntervals(instrumentID: listing.instrument.id, in: request.window),
        now: time)
      {
        // The rules a booking then would meet, so the refusal says what to fix.
        _ = try admit(run, of: listing.instrument, bookerUnitID: unitID, in: store)
        throw LabNetError.refused(
          "instrument \(listing.instrument.id) is free from \(run.lowerBound.iso8601) to \(run.upperBound.iso8601): book it instead of waiting",
          code: "free_now")
      }
      return try store.insertWaitlistEntry(entry)
    }
  }

  /// Takes the acting account's entry off the waitlist (or, for the
  /// instrument's manager or an admin, anyone's).
  public func leaveWaitlist(entryID: Int64, as principal: Principal) throws -> WaitlistEntry {
    try write { store in
      let actor = try actor(principal, in: store)
      guard let entry = try store.waitlistEntry(id: entryID) else {
        throw LabNetError.notFound("no waitlist entry \(entryID)")
      }
      let listing = try store.instrument(id: entry.instrumentID)
      try actor.requireToLeave(
        entryID: entryID, waiterID: entry.accountID, instrumentUnit: listing.unit)
      guard
        try store.closeWaitlistEntry(
          id: entryID, as: .left, reason: "left by \(actor.login)", bookingID: nil)
      else {
        throw LabNetError.refused(
          "waitlist entry \(entryID) is \(entry.status.rawValue), no longer waiting",
          code: "wrong_status")
      }
      return try store.waitlistEntry(id: entryID) ?? entry
    }
  }

  /// The acting account's entries, and those of the instruments it manages.
  public func waitlist(as principal: Principal) throws -> [WaitlistEntry] {
    try read { store in
      let actor = try actor(principal, in: store)
      if actor.isAdmin { return try store.waitlistEntries(accountID: nil, instrumentUnitIDs: []) }
      return try store.waitlistEntries(
        accountID: actor.id, instrumentUnitIDs: actor.managedUnitIDs)
    }
  }

  /// The acting account's messages (the outbox), newest first.
  public func notices(unreadOnly: Bool, limit: Int = 50, as principal: Principal) throws
    -> [StoredNotice]
  {
    try read { store in
      let actor = try actor(principal, in: store)
      return try store.notices(accountID: actor.id, unreadOnly: unreadOnly, limit: limit)
    }
  }
}

extension NetworkService {
  /// Offers time freed on `instrument` to its waiters, earliest first, in
  /// the caller's transaction (which holds the instrument's row lock): each
  /// whose run now fits is booked under every booking rule and told; one
  /// the rules now refuse, or whose window has passed, is skipped and told
  /// why; the others keep waiting.
  func offerFreedTime(on instrument: Instrument, in store: NetworkStore) throws {
    let waiters = try store.waitingEntries(instrumentID: instrument.id)
    guard !waiters.isEmpty else { return }
    let time = now
    for entry in waiters {
      if entry.window.upperBound <= time {
        try skip(entry, reason: "its window ended at \(entry.window.upperBound.iso8601)", in: store)
        continue
      }
      let busy = try store.busyIntervals(instrumentID: instrument.id, in: entry.window)
      guard let run = WaitlistRule.firstRun(for: entry, on: instrument, busy: busy, now: time)
      else { continue }
      let status: ReservationStatus
      do {
        status = try admit(run, of: instrument, bookerUnitID: entry.bookerUnitID, in: store)
        try requireQualification(bookerID: entry.accountID, for: instrument, in: store)
      } catch let refusal as LabNetError where refusal.kind == .refused {
        try skip(entry, reason: refusal.message, in: store)
        continue
      }
      let booking = try store.insertReservation(
        Reservation.new(
          run, of: instrument, by: entry.accountID, for: entry.bookerUnitID,
          purpose: entry.purpose, status: status))
      guard
        try store.closeWaitlistEntry(
          id: entry.id, as: .booked, reason: nil, bookingID: booking.id)
      else {
        throw LabNetError.busy("a waitlist entry changed meanwhile; try again")
      }
      try store.insertNotice(
        .waitlistBooked(entry: entry, booking: booking), for: entry.accountID)
    }
  }

  private func skip(_ entry: WaitlistEntry, reason: String, in store: NetworkStore) throws {
    if try store.closeWaitlistEntry(id: entry.id, as: .skipped, reason: reason, bookingID: nil) {
      try store.insertNotice(.waitlistSkipped(entry: entry, reason: reason), for: entry.accountID)
    }
  }
}
