import InstrumentNetwork

/// A schema change from `Schema/<dialect>/NNNN_name.sql`, embedded at build time.
public struct Migration: Sendable, Equatable {
  public let version: Int
  public let name: String
  public let sql: String

  /// The migrations of `dialect`, in version order.
  public static func all(for dialect: SQLDialect) -> [Migration] {
    (embeddedMigrations[dialect.name] ?? []).map {
      Migration(version: $0.version, name: $0.name, sql: $0.sql)
    }
  }
}

extension NetworkStore {
  /// The schema version this build of labnet expects.
  public var expectedSchemaVersion: Int {
    Migration.all(for: database.dialect).last?.version ?? 0
  }

  /// Applies the migrations the store lacks, in one transaction, and returns them.
  public func migrate() throws -> [Migration] {
    try write {
      if database.dialect == .postgres {
        // Two `labnet init` at once: the second waits, then finds nothing to do.
        try database.executeScript("SELECT pg_advisory_xact_lock(20181129)")
      }
      try database.executeScript(
        """
        CREATE TABLE IF NOT EXISTS schema_migrations (
          version INTEGER PRIMARY KEY,
          name TEXT NOT NULL,
          applied_at BIGINT NOT NULL
        )
        """)
      let applied = Set(try database.rows("SELECT version FROM schema_migrations") { $0.int(0) })
      let missing = Migration.all(for: database.dialect).filter { !applied.contains($0.version) }
      for migration in missing {
        try database.executeScript(migration.sql)
        try database.execute(
          "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
          [.integer(Int64(migration.version)), .text(migration.name), .integer(now().seconds)])
      }
      return missing
    }
  }

  /// Every table, children before parents, for `resetSchema`.
  static let tablesInDropOrder = [
    "voucher_ledger", "voucher", "voucher_acceptance", "voucher_policy", "reservation",
    "maintenance_block", "instrument", "account_role", "account", "unit", "schema_migrations",
  ]

  /// Drops every labnet table and applies the migrations anew: an empty
  /// store (`seed --replace`). Runs inside the caller's transaction.
  func resetSchema() throws {
    try write {
      for table in Self.tablesInDropOrder {
        try database.executeScript("DROP TABLE IF EXISTS \(table)\(database.dialect.dropCascade)")
      }
      _ = try migrate()
    }
  }

  /// The newest migration recorded in the store, or nil when it has no labnet schema.
  public func schemaVersion() throws -> Int? {
    do {
      return try database.scalar("SELECT max(version) FROM schema_migrations").map { Int($0) }
    } catch let error as DatabaseError where error.kind == .other {
      return nil
    }
  }

  /// Refuses to go on unless the store has exactly the schema this build expects.
  public func requireCurrentSchema() throws {
    let found: Int?
    do {
      found = try schemaVersion()
    } catch let error as DatabaseError {
      throw explain(error)
    }
    guard let found else {
      throw LabNetError.storeUnavailable(
        "\(location) has no labnet schema; run `labnet init` first")
    }
    if found < expectedSchemaVersion {
      throw LabNetError.storeUnavailable(
        "\(location) has schema version \(found), older than this labnet's \(expectedSchemaVersion); run `labnet init` to upgrade it"
      )
    }
    if found > expectedSchemaVersion {
      throw LabNetError.storeUnavailable(
        "\(location) has schema version \(found), made by a newer labnet than this one (\(expectedSchemaVersion))"
      )
    }
  }
}
