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
