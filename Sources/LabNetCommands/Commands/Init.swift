import ArgumentParser
import InstrumentNetwork
import LabNetPresentation
import LabNetService
import NetworkStore

extension LabNet {
  /// `labnet init`: create or upgrade the schema.
  struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Create or upgrade the schema (safe to run again).",
      discussion: """
        Creates the first admin when there is none: the account `admin`. On \
        PostgreSQL, run it as the schema's owner (a member of labnet_owner).
        """)

    @OptionGroup var global: GlobalOptions

    func run() throws {
      try global.withLocalService("init", creating: true) { service in
        let report = try service.initialise()
        let record: [Field] = [
          Field("database", "Database", .text(service.location.description)),
          Field("schema_version", "Schema version", .number(report.schemaVersion)),
          Field(
            "applied", "Applied now",
            .list(report.applied.map { String(format4: $0.version) + "_" + $0.name })),
          Field(
            "admin_created", "First admin created",
            .optional(report.adminsCreated.first.map(\.login))),
        ]
        Renderer.write(global.renderer.text(of: record))
      }
    }
  }
}

extension String {
  /// A migration number as `0001`.
  init(format4 number: Int) {
    let digits = String(number)
    self = String(repeating: "0", count: Swift.max(0, 4 - digits.count)) + digits
  }
}
