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
    let store = try database.open()
    // Turn the store back into one made before 0002_booking_indexes.
    try store.transaction {
      try store.database.executeScript(
        "DROP INDEX instrument_unit_asset_number; ALTER TABLE instrument DROP COLUMN asset_number; ALTER TABLE reservation DROP COLUMN hourly_rate_fen; DROP TABLE installation; DROP TABLE calendar_feed; DROP TABLE idempotent_reply; DROP INDEX reservation_ends; DROP INDEX maintenance_block_ends; DROP TABLE voucher_code_counter; DROP TABLE sign_in_failure; DROP TABLE session; DROP TABLE account_password; DELETE FROM schema_migrations WHERE version >= 2"
          + (store.database.dialect == .postgres
            ? "; ALTER TABLE instrument DROP CONSTRAINT instrument_value_bound, DROP CONSTRAINT instrument_rate_bound; ALTER TABLE voucher DROP CONSTRAINT voucher_face_value_bound"
            : "; DROP TRIGGER instrument_money_bounds_insert; DROP TRIGGER instrument_money_bounds_update; DROP TRIGGER voucher_money_bounds")
      )
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
