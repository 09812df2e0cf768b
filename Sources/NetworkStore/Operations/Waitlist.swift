import InstrumentNetwork

/// A message of the outbox, as a person reads it.
public struct StoredNotice: Sendable, Hashable {
  public var id: Int64
  public var accountID: Int64
  public var kind: String
  public var subject: String
  public var body: String
  public var createdAt: Instant
  public var readAt: Instant?
  public var sentAt: Instant?

  public init(
    id: Int64, accountID: Int64, kind: String, subject: String, body: String, createdAt: Instant,
    readAt: Instant? = nil, sentAt: Instant? = nil
  ) {
    self.id = id
    self.accountID = accountID
    self.kind = kind
    self.subject = subject
    self.body = body
    self.createdAt = createdAt
    self.readAt = readAt
    self.sentAt = sentAt
  }
}

extension NetworkStore {
  static let waitlistColumns = """
    w.id, w.instrument_id, w.account_id, w.booker_unit_id, w.window_start, w.window_end,
    w.duration_minutes, w.purpose, w.status, w.status_reason, w.booking_id, w.created_at
    """

  static func waitlistEntry(from row: any SQLRow) throws -> WaitlistEntry {
    WaitlistEntry(
      id: try row.integer(0), instrumentID: try row.integer(1), accountID: try row.integer(2),
      bookerUnitID: try row.integer(3),
      window: Instant(seconds: try row.integer(4))..<Instant(seconds: try row.integer(5)),
      durationMinutes: Int(try row.integer(6)), purpose: try row.text(7),
      status: try decode(WaitlistStatus.self, try row.text(8), column: "waitlist_entry.status"),
      statusReason: row.optionalString(9), bookingID: row.isNull(10) ? nil : row.int64(10),
      createdAt: Instant(seconds: try row.integer(11)))
  }

  /// Records a waiter; returns the entry with its id.
  public func insertWaitlistEntry(_ entry: WaitlistEntry) throws -> WaitlistEntry {
    var made = entry
    made.id =
      try database.scalar(
        """
        INSERT INTO waitlist_entry (instrument_id, account_id, booker_unit_id, window_start,
          window_end, duration_minutes, purpose, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        RETURNING id
        """,
        [
          .integer(entry.instrumentID), .integer(entry.accountID), .integer(entry.bookerUnitID),
          .integer(entry.window.lowerBound.seconds), .integer(entry.window.upperBound.seconds),
          .integer(Int64(entry.durationMinutes)), .text(entry.purpose),
          .integer(entry.createdAt.seconds),
        ]) ?? 0
    return made
  }

  /// The waiters of an instrument, earliest first, their rows locked
  /// (PostgreSQL) so a waiter leaving meanwhile waits for this transaction.
  public func waitingEntries(instrumentID: Int64) throws -> [WaitlistEntry] {
    try database.rows(
      "SELECT \(Self.waitlistColumns) FROM waitlist_entry AS w WHERE w.instrument_id = ? AND w.status = 'waiting' ORDER BY w.created_at, w.id"
        + database.dialect.lockingRows("w"),
      [.integer(instrumentID)], Self.waitlistEntry(from:))
  }

  /// One entry, if there is one.
  public func waitlistEntry(id: Int64) throws -> WaitlistEntry? {
    try database.first(
      "SELECT \(Self.waitlistColumns) FROM waitlist_entry AS w WHERE w.id = ?", [.integer(id)],
      Self.waitlistEntry(from:))
  }

  /// Closes a waiting entry (booked, left or skipped) — only while it is
  /// still waiting; returns whether it did.
  public func closeWaitlistEntry(
    id: Int64, as status: WaitlistStatus, reason: String?, bookingID: Int64?
  ) throws -> Bool {
    try database.execute(
      "UPDATE waitlist_entry SET status = ?, status_reason = ?, booking_id = ?, closed_at = ? WHERE id = ? AND status = 'waiting'",
      [
        .text(status.rawValue), .optional(reason), .optional(bookingID), .integer(now().seconds),
        .integer(id),
      ]) == 1
  }

  /// Entries of `accountID`, and of the instruments of `unitIDs`, newest first.
  public func waitlistEntries(accountID: Int64?, instrumentUnitIDs: [Int64]) throws
    -> [WaitlistEntry]
  {
    var conditions: [String] = []
    var values: [SQLValue] = []
    if let accountID {
      conditions.append("w.account_id = ?")
      values.append(.integer(accountID))
    }
    if !instrumentUnitIDs.isEmpty {
      conditions.append(
        "w.instrument_id IN (SELECT id FROM instrument WHERE unit_id IN (\(instrumentUnitIDs.map { _ in "?" }.joined(separator: ", "))))"
      )
      values += instrumentUnitIDs.map(SQLValue.integer)
    }
    let condition = conditions.isEmpty ? "1 = 1" : conditions.joined(separator: " OR ")
    return try database.rows(
      "SELECT \(Self.waitlistColumns) FROM waitlist_entry AS w WHERE \(condition) ORDER BY w.id DESC",
      values, Self.waitlistEntry(from:))
  }

  /// Busy time of one instrument in `window`: bookings holding time and blocks.
  public func busyIntervals(instrumentID: Int64, in window: Range<Instant>) throws -> [Range<
    Instant
  >] {
    try busyTime(in: window, instrumentID: instrumentID)[instrumentID] ?? []
  }

  // MARK: The outbox

  /// Writes a message for `accountID`, due for delivery now.
  public func insertNotice(_ notice: Notice, for accountID: Int64) throws {
    let time = now().seconds
    try database.execute(
      "INSERT INTO notification (account_id, kind, subject, body, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)",
      [
        .integer(accountID), .text(notice.kind), .text(notice.subject), .text(notice.body),
        .integer(time), .integer(time),
      ])
  }

  /// The accounts that manage unit `unitID`.
  public func managerIDs(unitID: Int64) throws -> [Int64] {
    try database.rows(
      "SELECT DISTINCT account_id FROM account_role WHERE role = 'manager' AND unit_id = ? ORDER BY account_id",
      [.integer(unitID)]
    ) { try $0.integer(0) }
  }

  /// A person's messages, newest first (unread only when asked).
  public func notices(accountID: Int64, unreadOnly: Bool, limit: Int) throws -> [StoredNotice] {
    try database.rows(
      "SELECT id, account_id, kind, subject, body, created_at, read_at, sent_at FROM notification WHERE account_id = ?"
        + (unreadOnly ? " AND read_at IS NULL" : "") + " ORDER BY id DESC LIMIT ?",
      [.integer(accountID), .integer(Int64(limit))]
    ) {
      StoredNotice(
        id: try $0.integer(0), accountID: try $0.integer(1), kind: try $0.text(2),
        subject: try $0.text(3), body: try $0.text(4),
        createdAt: Instant(seconds: try $0.integer(5)),
        readAt: $0.isNull(6) ? nil : Instant(seconds: $0.int64(6)),
        sentAt: $0.isNull(7) ? nil : Instant(seconds: $0.int64(7)))
    }
  }
}
