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
