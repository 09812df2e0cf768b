import InstrumentNetwork
import LabNetTestSupport
import Testing

@testable import NetworkStore

@Suite("Migrations")
struct MigrationTests {
  @Test("applying the migrations twice is a no-op")
  func appliedTwice() throws {
    let database = try TestDatabase()
    let store = try NetworkStore.open(database.location, creating: true)
    let first = try store.migrate()
    #expect(first.map(\.version) == Migration.all(for: store.database.dialect).map(\.version))
    #expect(!first.isEmpty)
    let tables = try store.database.scalar("SELECT count(*) FROM schema_migrations")
    #expect(try store.migrate().isEmpty)
    #expect(try store.database.scalar("SELECT count(*) FROM schema_migrations") == tables)
    #expect(try store.schemaVersion() == store.expectedSchemaVersion)
    // A second admin is not made either.
    #expect(try store.ensureAdmins(["admin"]).map(\.login) == ["admin"])
    #expect(try store.ensureAdmins(["admin"]).isEmpty)
    #expect(try store.database.scalar("SELECT count(*) FROM account") == 1)
  }

  @Test("a store without the schema says to run labnet init")
  func missingSchema() throws {
    let database = try TestDatabase()
    if !TestDatabase.isPostgres {
      // No file at all: the command does not create one.
      let error = #expect(throws: LabNetError.self) {
        try NetworkStore.open(database.location)
      }
      #expect(error?.exitCode == 69)
      #expect(error?.hint == .runInit(location: database.location.description))
    }
    _ = try NetworkStore.open(database.location, creating: true)
    let error = #expect(throws: LabNetError.self) { try NetworkStore.open(database.location) }
    #expect(error?.exitCode == 69)
    #expect(error?.message.contains("has no labnet schema") == true)
    #expect(error?.hint == .runInit(location: database.location.description))
  }

  @Test("an older schema asks for labnet init, which upgrades it")
  func olderSchema() throws {
    let database = try TestDatabase()
    // A store made when 0001_network was the whole schema: that migration only.
    let store = try NetworkStore.open(database.location, creating: true)
    let first = try #require(Migration.all(for: store.database.dialect).first)
    try store.transaction {
      try store.database.executeScript(
        """
        CREATE TABLE schema_migrations (
          version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL);
        \(first.sql);
        INSERT INTO schema_migrations (version, name, applied_at) VALUES (1, '\(first.name)', 0)
        """)
    }
    let error = #expect(throws: LabNetError.self) { try NetworkStore.open(database.location) }
    #expect(error?.exitCode == 69)
    let latest = store.expectedSchemaVersion
    #expect(
      error?.message.contains("schema version 1, older than this labnet's \(latest)") == true)
    #expect(error?.code == "old_schema")
    #expect(
      try store.migrate().map(\.name)
        == Migration.all(for: store.database.dialect).dropFirst().map(\.name))
    #expect(try NetworkStore.open(database.location).schemaVersion() == latest)
  }
}
