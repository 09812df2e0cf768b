/// A value bound to a statement parameter. Every value reaches the database
/// as a bound parameter, never spliced into SQL text.
public enum SQLValue: Sendable, Hashable {
  case null
  case integer(Int64)
  case text(String)

  /// `nil` becomes SQL NULL.
  public static func optional(_ value: Int64?) -> SQLValue {
    value.map(SQLValue.integer) ?? .null
  }

  /// `nil` becomes SQL NULL.
  public static func optional(_ value: String?) -> SQLValue {
    value.map(SQLValue.text) ?? .null
  }

  /// Flags are stored as 0 or 1 in both dialects.
  public static func flag(_ value: Bool) -> SQLValue { .integer(value ? 1 : 0) }
}

extension SQLValue: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
  public init(integerLiteral value: Int64) { self = .integer(value) }
  public init(stringLiteral value: String) { self = .text(value) }
}

/// One row of a result, read by column index in the order of the SELECT list.
public protocol SQLRow {
  /// Whether the column holds SQL NULL.
  func isNull(_ column: Int) -> Bool
  /// The column as an integer; 0 for NULL.
  func int64(_ column: Int) -> Int64
  /// The column as text; "" for NULL.
  func string(_ column: Int) -> String
}

extension SQLRow {
  /// The column as an `Int`.
  public func int(_ column: Int) -> Int { Int(int64(column)) }
  /// The column as an integer, or nil for NULL.
  public func optionalInt64(_ column: Int) -> Int64? { isNull(column) ? nil : int64(column) }
  /// The column as text, or nil for NULL.
  public func optionalString(_ column: Int) -> String? { isNull(column) ? nil : string(column) }
  /// A 0/1 flag column.
  public func bool(_ column: Int) -> Bool { int64(column) != 0 }
}

extension SQLRow {
  /// The column as an integer; throws on NULL rather than inventing 0.
  public func integer(_ column: Int) throws -> Int64 {
    guard !isNull(column) else { throw StoredValueError(column: column, problem: "is NULL") }
    return int64(column)
  }

  /// The column as text; throws on NULL rather than inventing "".
  public func text(_ column: Int) throws -> String {
    guard !isNull(column) else { throw StoredValueError(column: column, problem: "is NULL") }
    return string(column)
  }

  /// A 0/1 flag column; throws on NULL.
  public func flag(_ column: Int) throws -> Bool { try integer(column) != 0 }
}

/// A stored value the decoder cannot read: NULL where a value must be, or a
/// value no domain type has. Surfaces as a store error naming the column.
public struct StoredValueError: Error, Sendable, CustomStringConvertible {
  /// The column, as `table.column` where the decoder knows it, else its position.
  public var column: String
  public var problem: String

  init(column: Int, problem: String) {
    self.column = "column \(column + 1)"
    self.problem = problem
  }

  init(column: String, problem: String) {
    self.column = column
    self.problem = problem
  }

  public var description: String { "the stored \(column) \(problem)" }
}

extension NetworkStore {
  /// Decodes a stored key into its domain type, or throws naming the column.
  static func decode<T: RawRepresentable>(_ type: T.Type, _ raw: String, column: String) throws
    -> T where T.RawValue == String
  {
    guard let value = T(rawValue: raw) else {
      throw StoredValueError(column: column, problem: "holds \"\(raw)\", which labnet cannot read")
    }
    return value
  }

  static func unreadable(_ column: String, _ problem: String) -> StoredValueError {
    StoredValueError(column: column, problem: problem)
  }
}
