/// Inserts many rows with one multi-row `INSERT … VALUES (…), (…)` per batch:
/// one round trip per batch on PostgreSQL, one prepared statement per batch
/// size on both. Used by seed and import.
final class BatchInsert {
  private let database: any SQLDatabase
  private let prefix: String
  private let tuple: String
  private let batchSize: Int
  private var pending: [SQLValue] = []
  private var pendingRows = 0
  /// Rows written so far.
  private(set) var written = 0

  init(into table: String, columns: [String], database: any SQLDatabase, batchSize: Int = 500) {
    self.database = database
    self.prefix = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
    self.tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
    self.batchSize = batchSize
    pending.reserveCapacity(batchSize * columns.count)
  }

  /// Queues one row; writes the batch when it is full.
  func add(_ row: [SQLValue]) throws {
    pending.append(contentsOf: row)
    pendingRows += 1
    if pendingRows == batchSize { try flush() }
  }

  /// Writes what is queued.
  func flush() throws {
    guard pendingRows > 0 else { return }
    let sql = prefix + Array(repeating: tuple, count: pendingRows).joined(separator: ", ")
    try database.execute(sql, pending)
    written += pendingRows
    pending.removeAll(keepingCapacity: true)
    pendingRows = 0
  }
}

extension SQLDatabase {
  /// Runs a bulk load into `table` with its secondary indexes dropped, then
  /// builds them again from their own definitions, read from the database's
  /// catalogue: building an index once over sorted data is many times faster
  /// than updating it row by row. Keys, constraints and triggers stay on, so
  /// the database still checks every row; `keeping` names the indexes those
  /// checks need. Call inside a transaction.
  func deferringIndexes<T>(of table: String, keeping: Set<String>, _ load: () throws -> T)
    throws -> T
  {
    let indexes = try rows(dialect.secondaryIndexesQuery, [.text(table)]) {
      (name: $0.string(0), definition: $0.string(1))
    }.filter { !keeping.contains($0.name) }
    for index in indexes { try executeScript("DROP INDEX \(index.name)") }
    let result = try load()
    for index in indexes { try executeScript(index.definition) }
    return result
  }
}
