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
    try transaction {
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
      // A store a newer labnet made is left alone: migrating or replacing it
      // with this build's schema would silently downgrade it.
      if let newest = applied.max(), newest > expectedSchemaVersion {
        throw LabNetError.storeUnavailable(
          "\(location) has schema version \(newest), made by a newer labnet than this one (\(expectedSchemaVersion)); use that labnet",
          code: "newer_schema")
      }
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
    "account_email", "notification", "waitlist_entry", "qualification", "catalogue_version",
    "installation",
    "calendar_feed", "idempotent_reply",
    "sign_in_failure",
    "session",
    "account_password", "voucher_ledger", "voucher_code_counter",
    "voucher", "voucher_acceptance", "voucher_policy",
    "reservation",
    "maintenance_block", "instrument", "account_role", "account", "unit", "schema_migrations",
  ]

  /// When the store has no admin, makes each of `logins` one (creating the
  /// account where it is missing); returns the accounts it made admins.
  public func ensureAdmins(_ logins: [String]) throws -> [Account] {
    try transaction {
      guard try adminCount() == 0 else { return [] }
      var made: [Account] = []
      for login in logins {
        if let existing = try account(login: login) {
          try insertRole(.admin, accountID: existing.id)
          made.append(existing)
        } else {
          made.append(
            try insertAccount(
              login: login, displayName: "Network administrator", unitID: nil, roles: [.admin]))
        }
      }
      return made
    }
  }

  /// Drops every labnet table and applies the migrations anew: an empty
  /// store (`seed --replace`). Runs inside the caller's transaction.
  func resetSchema() throws {
    try transaction {
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
        "\(location) has no labnet schema", code: "no_schema",
        hint: .runInit(location: "\(location)"))
    }
    if found < expectedSchemaVersion {
      throw LabNetError.storeUnavailable(
        "\(location) has schema version \(found), older than this labnet's \(expectedSchemaVersion)",
        code: "old_schema", hint: .runInit(location: "\(location)"))
    }
    if found > expectedSchemaVersion {
      throw LabNetError.storeUnavailable(
        "\(location) has schema version \(found), made by a newer labnet than this one (\(expectedSchemaVersion))"
      )
    }
    // The newest version alone does not say every one before it was applied
    // (two branches may each add one): count them too.
    let applied = try database.scalar("SELECT count(*) FROM schema_migrations") ?? 0
    let expected = Migration.all(for: database.dialect).count
    if applied < expected {
      throw LabNetError.storeUnavailable(
        "\(location) lacks \(expected - Int(applied)) of this labnet's \(expected) schema migrations",
        code: "old_schema", hint: .runInit(location: "\(location)"))
    }
  }
}

extension NetworkStore {
  /// Whether the store already holds a network (a schema and units).
  public func holdsNetwork() throws -> Bool {
    guard try schemaVersion() != nil else { return false }
    return try database.scalar("SELECT count(*) FROM unit") ?? 0 > 0
  }
}
