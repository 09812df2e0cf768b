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

  /// Writes a message once: a second with the same key is not written.
  /// Returns whether it was.
  public func insertNotice(_ notice: Notice, for accountID: Int64, once key: String) throws -> Bool
  {
    let time = now().seconds
    return try database.execute(
      """
      INSERT INTO notification (account_id, kind, subject, body, created_at, next_attempt_at, once_key)
      VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
      """,
      [
        .integer(accountID), .text(notice.kind), .text(notice.subject), .text(notice.body),
        .integer(time), .integer(time), .text(key),
      ]) == 1
  }

  /// Bookings still to happen (pending or confirmed) that start within
  /// `seconds` from now and have no reminder yet, with their instrument's name.
  public func bookingsToRemind(within seconds: Int64) throws -> [(Reservation, String)] {
    let time = now().seconds
    return try database.rows(
      """
      SELECT r.id, r.instrument_id, r.booker_id, r.booker_unit_id, r.starts_at, r.ends_at,
        r.status, i.name
      FROM reservation AS r JOIN instrument AS i ON i.id = r.instrument_id
      WHERE r.ends_at > ? AND r.ends_at <= ? AND r.starts_at > ? AND r.starts_at <= ?
        AND r.status IN ('pending', 'confirmed')
        AND NOT EXISTS (SELECT 1 FROM notification AS n WHERE n.once_key = 'reminder:' || r.id)
      ORDER BY r.starts_at, r.id
      """,
      [
        .integer(time), .integer(time + seconds + BookingRules.standard.maximumSeconds),
        .integer(time), .integer(time + seconds),
      ]
    ) {
      (
        Reservation(
          id: try $0.integer(0), instrumentID: try $0.integer(1), bookerID: try $0.integer(2),
          bookerUnitID: try $0.integer(3), start: Instant(seconds: try $0.integer(4)),
          end: Instant(seconds: try $0.integer(5)), purpose: "",
          status: try Self.decode(
            ReservationStatus.self, try $0.text(6), column: "reservation.status"),
          hourlyRate: .zero, quotedFee: .zero),
        try $0.text(7)
      )
    }
  }

  /// Vouchers with money left that expire within `seconds` from now, and the
  /// people of their holder unit who may spend them (researchers and its
  /// managers): (voucher id, code, balance, last valid instant, account id).
  public func vouchersExpiring(within seconds: Int64) throws -> [(
    id: Int64, code: String, balance: Money, validTo: Instant, accountID: Int64
  )] {
    let time = now().seconds
    return try database.rows(
      """
      SELECT DISTINCT v.id, v.code, v.balance_fen, v.valid_to, a.id
      FROM voucher AS v JOIN account AS a ON a.unit_id = v.holder_unit_id
        JOIN account_role AS r ON r.account_id = a.id
          AND (r.role = 'researcher' OR (r.role = 'manager' AND r.unit_id = v.holder_unit_id))
      WHERE v.status = 'active' AND v.balance_fen > 0 AND v.valid_to > ? AND v.valid_to <= ?
      ORDER BY v.id, a.id
      """, [.integer(time), .integer(time + seconds)]
    ) {
      (
        try $0.integer(0), try $0.text(1), Money(fen: try $0.integer(2)),
        Instant(seconds: try $0.integer(3)), try $0.integer(4)
      )
    }
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
