import InstrumentNetwork

extension NetworkStore {
  /// The calendar feed token of an account, if it has one.
  public func calendarToken(accountID: Int64) throws -> String? {
    try database.first(
      "SELECT token FROM calendar_feed WHERE account_id = ?", [.integer(accountID)]
    ) { try $0.text(0) }
  }

  /// Gives an account `token` as its feed token, replacing the one it had
  /// (one statement, so two renewals at once both succeed; the last wins).
  public func replaceCalendarToken(_ token: String, accountID: Int64) throws {
    try database.execute(
      "INSERT INTO calendar_feed (token, account_id, created_at) VALUES (?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET token = excluded.token, created_at = excluded.created_at",
      [.text(token), .integer(accountID), .integer(now().seconds)])
  }

  /// The account's feed token: the one it has, else `token`, kept (two
  /// requests at once get the same one).
  public func ensureCalendarToken(_ token: String, accountID: Int64) throws -> String {
    try database.execute(
      "INSERT INTO calendar_feed (token, account_id, created_at) VALUES (?, ?, ?) ON CONFLICT (account_id) DO NOTHING",
      [.text(token), .integer(accountID), .integer(now().seconds)])
    guard let kept = try calendarToken(accountID: accountID) else {
      throw Self.unreadable("calendar_feed", "lost the token it was given")
    }
    return kept
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
