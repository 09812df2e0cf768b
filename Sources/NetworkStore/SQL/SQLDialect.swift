/// The facts in which the two SQL dialects differ. Statements are written
/// once, with `?` placeholders; each dialect says how to run them.
public struct SQLDialect: Sendable, Equatable {
  /// The folder under `Schema/` that holds this dialect's migrations.
  public let name: String
  /// Starts a write transaction. SQLite takes the write lock up front
  /// (`BEGIN IMMEDIATE`), so a transaction never fails half-way for a lock.
  public let beginWrite: String
  /// Whether `?` placeholders are rewritten to `$1, $2, …` before preparing.
  public let numbersPlaceholders: Bool
  /// Appended to a SELECT to lock the rows it reads of table alias `alias`
  /// until commit; empty where the whole database is already locked for
  /// writing (SQLite).
  public let lockingRows: @Sendable (_ alias: String) -> String
  /// Whether text values can hold a NUL byte (PostgreSQL text cannot).
  public let textMayHoldNUL: Bool
  /// After rows were inserted with explicit ids, moves the table's id
  /// generator past them (PostgreSQL identity sequences); nil where the next id
  /// already follows the largest (SQLite).
  /// Lists `(name, CREATE INDEX statement)` of a table's plain secondary
  /// indexes (not those behind a key or constraint); the table is parameter 1.
  public let secondaryIndexesQuery: String
  /// Run after a bulk load has committed, outside any transaction, so that
  /// index-only scans need not visit the table (PostgreSQL's visibility
  /// map); nil where nothing is needed (SQLite runs ANALYZE in the load).
  public let afterBulkLoad: String?
  /// How many pages of the big tables are not yet all-visible after that
  /// maintenance (0 when done); nil where there is no visibility map.
  public let pagesNotAllVisible: String?
  /// Appended to DROP TABLE so dependent objects go too.
  public let dropCascade: String
  public let identityCatchUp: (@Sendable (_ table: String) -> String)?

  public static func == (lhs: SQLDialect, rhs: SQLDialect) -> Bool { lhs.name == rhs.name }

  /// SQLite 3.35 or later.
  public static let sqlite = SQLDialect(
    name: "sqlite", beginWrite: "BEGIN IMMEDIATE", numbersPlaceholders: false,
    lockingRows: { _ in "" }, textMayHoldNUL: true,
    secondaryIndexesQuery:
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name",
    afterBulkLoad: nil, pagesNotAllVisible: nil, dropCascade: "",
    identityCatchUp: nil)

  /// PostgreSQL 13 or later.
  public static let postgres = SQLDialect(
    name: "postgres", beginWrite: "BEGIN", numbersPlaceholders: true,
    lockingRows: { " FOR UPDATE OF \($0)" }, textMayHoldNUL: false,
    secondaryIndexesQuery:
      "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ? AND indexname NOT IN (SELECT conname FROM pg_constraint) ORDER BY indexname",
    afterBulkLoad:
      "VACUUM (ANALYZE) unit, instrument, account, reservation, voucher, voucher_ledger",
    pagesNotAllVisible:
      "SELECT coalesce(sum(relpages - relallvisible), 0) FROM pg_class WHERE relname IN ('instrument', 'reservation') AND relnamespace = current_schema()::regnamespace",
    dropCascade: " CASCADE",
    identityCatchUp: { table in
      "SELECT setval(pg_get_serial_sequence('\(table)', 'id'), coalesce((SELECT max(id) FROM \(table)), 0) + 1, false)"
    })
}
