import InstrumentNetwork

/// A stored session: whose, and when it was made and last used.
public struct StoredSession: Sendable, Hashable {
  public var accountID: Int64
  /// The login of that account.
  public var login: String
  public var createdAt: Instant
  public var lastUsedAt: Instant
  public var expiresAt: Instant
}

extension NetworkStore {
  /// The bcrypt hash of an account's password, if it has one.
  public func passwordHash(accountID: Int64) throws -> String? {
    try database.first(
      "SELECT bcrypt FROM account_password WHERE account_id = ?", [.integer(accountID)]
    ) { try $0.text(0) }
  }

  /// Sets (or replaces) an account's password hash, and ends its sessions.
  public func setPasswordHash(_ hash: String, accountID: Int64) throws {
    let time = now().seconds
    try database.execute(
      """
      INSERT INTO account_password (account_id, bcrypt, updated_at) VALUES (?, ?, ?)
      ON CONFLICT (account_id) DO UPDATE SET bcrypt = excluded.bcrypt, updated_at = excluded.updated_at
      """, [.integer(accountID), .text(hash), .integer(time)])
    try database.execute("DELETE FROM session WHERE account_id = ?", [.integer(accountID)])
  }

  /// Failed sign-ins for `login` at or after `since`.
  public func signInFailures(login: String, since: Instant) throws -> [Instant] {
    try database.rows(
      "SELECT failed_at FROM sign_in_failure WHERE login = ? AND failed_at >= ? ORDER BY failed_at",
      [.text(login), .integer(since.seconds)]
    ) { Instant(seconds: try $0.integer(0)) }
  }

  /// Records a failed sign-in, and forgets those older than `forgetBefore`.
  public func recordSignInFailure(login: String, forgetBefore: Instant) throws {
    try database.execute(
      "INSERT INTO sign_in_failure (login, failed_at) VALUES (?, ?)",
      [.text(login), .integer(now().seconds)])
    try database.execute(
      "DELETE FROM sign_in_failure WHERE failed_at < ?", [.integer(forgetBefore.seconds)])
  }

  /// Forgets the failures of `login` after it signed in.
  public func clearSignInFailures(login: String) throws {
    try database.execute("DELETE FROM sign_in_failure WHERE login = ?", [.text(login)])
  }

  /// Stores a new session under the digest of its token.
  public func insertSession(digest: String, accountID: Int64, expiresAt: Instant) throws {
    let time = now().seconds
    try database.execute(
      "INSERT INTO session (token_sha256, account_id, created_at, last_used_at, expires_at) VALUES (?, ?, ?, ?, ?)",
      [
        .text(digest), .integer(accountID), .integer(time), .integer(time),
        .integer(expiresAt.seconds),
      ])
  }

  /// The session stored under `digest`, if any.
  public func session(digest: String) throws -> StoredSession? {
    try database.first(
      "SELECT s.account_id, s.created_at, s.last_used_at, s.expires_at, a.login FROM session AS s JOIN account AS a ON a.id = s.account_id WHERE s.token_sha256 = ?",
      [.text(digest)]
    ) {
      StoredSession(
        accountID: try $0.integer(0), login: try $0.text(4),
        createdAt: Instant(seconds: try $0.integer(1)),
        lastUsedAt: Instant(seconds: try $0.integer(2)),
        expiresAt: Instant(seconds: try $0.integer(3)))
    }
  }

  /// Notes that a session was used now.
  public func touchSession(digest: String) throws {
    try database.execute(
      "UPDATE session SET last_used_at = ? WHERE token_sha256 = ?",
      [.integer(now().seconds), .text(digest)])
  }

  /// Ends a session.
  public func deleteSession(digest: String) throws {
    try database.execute("DELETE FROM session WHERE token_sha256 = ?", [.text(digest)])
  }
}
