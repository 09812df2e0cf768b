/// One connection to a SQL store. Two implementations: `SQLiteDatabase` over
/// the sqlite3 C API and `PostgresDatabase` over libpq. Statements use `?`
/// placeholders and are prepared once per connection, then reused.
public protocol SQLDatabase: AnyObject {
  /// The dialect facts for writing SQL and running transactions.
  var dialect: SQLDialect { get }

  /// Runs one statement and returns the number of rows it changed.
  @discardableResult
  func execute(_ sql: String, _ parameters: [SQLValue]) throws -> Int

  /// Runs one query, calling `row` for each result row in order.
  func query(_ sql: String, _ parameters: [SQLValue], _ row: (any SQLRow) throws -> Void) throws

  /// Runs one query like `query`, holding one row in memory at a time
  /// whatever the result's size (exports of millions of rows).
  func stream(_ sql: String, _ parameters: [SQLValue], _ row: (any SQLRow) throws -> Void) throws

  /// Runs several statements without parameters (migrations).
  func executeScript(_ sql: String) throws
}

/// How many prepared statements a connection keeps before it forgets them all.
let statementCacheLimit = 256

extension SQLDatabase {
  /// Runs a query and maps each row.
  public func rows<T>(
    _ sql: String, _ parameters: [SQLValue] = [], _ map: (any SQLRow) throws -> T
  ) throws -> [T] {
    var result: [T] = []
    try query(sql, parameters) { result.append(try map($0)) }
    return result
  }

  /// Runs a query and maps its first row, if any.
  public func first<T>(
    _ sql: String, _ parameters: [SQLValue] = [], _ map: (any SQLRow) throws -> T
  ) throws -> T? {
    var result: T?
    try query(sql, parameters) { row in
      if result == nil { result = try map(row) }
    }
    return result
  }

  /// The first column of the first row as an integer, or nil.
  public func scalar(_ sql: String, _ parameters: [SQLValue] = []) throws -> Int64? {
    try first(sql, parameters) { $0.optionalInt64(0) } ?? nil
  }
}
