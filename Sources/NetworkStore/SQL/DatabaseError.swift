/// A failure reported by the database library, classified so the store can
/// turn it into a domain error (`LabNetError`) with a message for people.
public struct DatabaseError: Error, CustomStringConvertible, Sendable {
  /// What kind of failure, independent of the dialect.
  public enum Kind: Sendable, Equatable {
    /// A UNIQUE or PRIMARY KEY constraint refused the row.
    case uniqueViolation
    /// A FOREIGN KEY constraint refused the row.
    case foreignKeyViolation
    /// A CHECK or NOT NULL constraint refused the row.
    case checkViolation
    /// Two active reservations would overlap (exclusion constraint or trigger).
    case overlap
    /// The row may not change (the append-only voucher ledger).
    case appendOnly
    /// Worth retrying: lock busy, serialization failure, deadlock.
    case transient
    /// The store cannot be used: cannot open, connection lost, read-only, disk full.
    case unavailable
    /// The connection's role lacks a privilege (PostgreSQL 42501): init or
    /// seed run by a role that does not own the schema, or a missing grant.
    case permissionDenied
    /// A value the database cannot hold (PostgreSQL text with a NUL byte).
    case unrepresentable
    /// Anything else.
    case other
  }

  public let kind: Kind
  /// The library's code: SQLite extended result code or PostgreSQL SQLSTATE.
  public let code: String
  /// The library's message, first line.
  public let message: String
  /// The constraint or trigger named by the failure, when known.
  public let constraint: String?
  /// The statement that failed, for logs; never shown to people as is.
  public let sql: String?

  public init(
    kind: Kind, code: String, message: String, constraint: String? = nil, sql: String? = nil
  ) {
    self.kind = kind
    self.code = code
    self.message = message
    self.constraint = constraint
    self.sql = sql
  }

  public var description: String {
    var text = "\(code): \(message)"
    if let constraint { text += " [\(constraint)]" }
    return text
  }
}
