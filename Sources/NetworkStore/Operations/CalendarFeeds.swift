import InstrumentNetwork

extension NetworkStore {
  /// The calendar feed token of an account, if it has one.
  public func calendarToken(accountID: Int64) throws -> String? {
    try database.first(
      "SELECT token FROM calendar_feed WHERE account_id = ?", [.integer(accountID)]
    ) { try $0.text(0) }
  }

  /// Gives an account `token` as its feed token, replacing the one it had.
  public func replaceCalendarToken(_ token: String, accountID: Int64) throws {
    try revokeCalendarToken(accountID: accountID)
    try database.execute(
      "INSERT INTO calendar_feed (token, account_id, created_at) VALUES (?, ?, ?)",
      [.text(token), .integer(accountID), .integer(now().seconds)])
  }

  /// Ends an account's feed; returns whether it had one.
  @discardableResult
  public func revokeCalendarToken(accountID: Int64) throws -> Bool {
    try database.execute("DELETE FROM calendar_feed WHERE account_id = ?", [.integer(accountID)])
      > 0
  }

  /// The account whose feed `token` is, if any.
  public func calendarAccountID(token: String) throws -> Int64? {
    try database.first("SELECT account_id FROM calendar_feed WHERE token = ?", [.text(token)]) {
      try $0.integer(0)
    }
  }

  /// This installation's id, for iCalendar UIDs.
  public func installationID() throws -> String {
    guard let id = try database.first("SELECT id FROM installation", [], { try $0.text(0) }) else {
      throw Self.unreadable("installation", "is empty; run `labnet init` again")
    }
    return id
  }
}
