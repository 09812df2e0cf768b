import InstrumentNetwork

/// The reply a request made under an Idempotency-Key got the first time.
public struct StoredReply: Sendable, Hashable {
  public var status: Int
  public var body: String
  /// The SHA-256 of the request it answered.
  public var requestDigest: String

  public init(status: Int, body: String, requestDigest: String) {
    self.status = status
    self.body = body
    self.requestDigest = requestDigest
  }
}

extension NetworkStore {
  /// How long a reply is kept for retries: a day.
  public static let idempotentReplySeconds: Int64 = 86_400

  /// The reply stored under `key` for `accountID`, if one is younger than a day.
  public func storedReply(accountID: Int64, key: String) throws -> StoredReply? {
    try database.first(
      "SELECT status, body, request_sha256 FROM idempotent_reply WHERE account_id = ? AND key = ? AND created_at > ?",
      [
        .integer(accountID), .text(key),
        .integer(now().seconds - Self.idempotentReplySeconds),
      ]
    ) {
      StoredReply(
        status: Int(try $0.integer(0)), body: try $0.text(1), requestDigest: try $0.text(2))
    }
  }

  /// Holds the lock of one person's key until the transaction ends, so a
  /// second request with it waits, then finds the first one's reply
  /// (PostgreSQL; a SQLite write transaction holds the whole store).
  public func lockIdempotencyKey(accountID: Int64, key: String) throws {
    guard database.dialect == .postgres else { return }
    _ = try database.execute(
      "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", [.text("\(accountID) \(key)")])
  }

  /// Stores the reply of a request made under an Idempotency-Key, in the
  /// transaction that did its work, replacing one older than a day.
  public func storeReply(_ reply: StoredReply, accountID: Int64, key: String) throws {
    let time = now().seconds
    try database.execute(
      "DELETE FROM idempotent_reply WHERE account_id = ? AND key = ? AND created_at <= ?",
      [.integer(accountID), .text(key), .integer(time - Self.idempotentReplySeconds)])
    try database.execute(
      "INSERT INTO idempotent_reply (account_id, key, request_sha256, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      [
        .integer(accountID), .text(key), .text(reply.requestDigest),
        .integer(Int64(reply.status)), .text(reply.body), .integer(time),
      ])
  }
}
