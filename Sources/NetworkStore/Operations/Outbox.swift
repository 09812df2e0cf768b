import InstrumentNetwork

/// A message due for delivery, with where it goes (nil: the account has no address).
public struct DueNotice: Sendable, Hashable {
  public var id: Int64
  public var login: String
  public var address: String?
  public var subject: String
  public var body: String
  public var attempts: Int

  public init(
    id: Int64, login: String, address: String?, subject: String, body: String, attempts: Int
  ) {
    self.id = id
    self.login = login
    self.address = address
    self.subject = subject
    self.body = body
    self.attempts = attempts
  }
}

extension NetworkStore {
  /// Sets (or replaces) an account's e-mail address.
  public func setEmail(accountID: Int64, address: EmailAddress) throws {
    let time = now().seconds
    try database.execute(
      """
      INSERT INTO account_email (account_id, address, updated_at) VALUES (?, ?, ?)
      ON CONFLICT (account_id) DO UPDATE SET address = excluded.address, updated_at = excluded.updated_at
      """, [.integer(accountID), .text(address.text), .integer(time)])
  }

  /// An account's e-mail address, if it has one.
  public func email(accountID: Int64) throws -> String? {
    try database.first(
      "SELECT address FROM account_email WHERE account_id = ?", [.integer(accountID)]
    ) { try $0.text(0) }
  }

  /// Messages not yet sent whose next attempt is due, oldest first.
  public func dueNotices(limit: Int) throws -> [DueNotice] {
    try database.rows(
      """
      SELECT n.id, a.login, e.address, n.subject, n.body, n.attempts
      FROM notification AS n JOIN account AS a ON a.id = n.account_id
        LEFT JOIN account_email AS e ON e.account_id = n.account_id
      WHERE n.sent_at IS NULL AND n.next_attempt_at <= ? ORDER BY n.id LIMIT ?
      """, [.integer(now().seconds), .integer(Int64(limit))]
    ) {
      DueNotice(
        id: try $0.integer(0), login: try $0.text(1), address: $0.optionalString(2),
        subject: try $0.text(3), body: try $0.text(4), attempts: Int(try $0.integer(5)))
    }
  }

  /// Claims a due message until `until` (another sender skips it meanwhile);
  /// returns whether this one got it.
  public func claimNotice(id: Int64, until: Instant) throws -> Bool {
    try database.execute(
      "UPDATE notification SET next_attempt_at = ? WHERE id = ? AND sent_at IS NULL AND next_attempt_at <= ?",
      [.integer(until.seconds), .integer(id), .integer(now().seconds)]) == 1
  }

  /// Records a delivery.
  public func markNoticeSent(id: Int64) throws {
    try database.execute(
      "UPDATE notification SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?",
      [.integer(now().seconds), .integer(id)])
  }

  /// Records a failed attempt and when to try again.
  public func markNoticeFailed(id: Int64, error: String, retryAt: Instant) throws {
    try database.execute(
      "UPDATE notification SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ? AND sent_at IS NULL",
      [.text(String(error.prefix(500))), .integer(retryAt.seconds), .integer(id)])
  }
}
