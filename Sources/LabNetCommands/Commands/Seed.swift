import ArgumentParser
import InstrumentNetwork
import LabNetPresentation
import LabNetService
import NetworkStore

extension LabNet {
  /// `labnet seed`: the synthetic 2018 network.
  struct Seed: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Build the 2018 network: 2,086 units, 45,262 instruments (admin only).",
      discussion: """
        Deterministic from --seed: the same seed gives the same network on SQLite and \
        PostgreSQL. Creates the schema if needed, and accounts to try every role. \
        The spread over provinces, cities, kinds and categories is synthetic.
        """)

    @Option(help: "The seed of the deterministic generator.") var seed: UInt64 = 2018
    @Option(help: "Shrink everything proportionally, e.g. 0.01 for tests (0 < F ≤ 1).")
    var scale: Double = 1
    @Option(help: "Add this many historical bookings over 2018 (for reports and benchmarks).")
    var bookings: Int = 0
    @Flag(help: "Delete everything in the store and seed anew.") var replace = false
    @OptionGroup var global: GlobalOptions

    func run() throws {
      try global.withLocalService("seed", creating: true) { service in
        _ = try service.initialise()
        let report = try service.seed(
          SeedRequest(seed: seed, scale: scale, replace: replace, bookings: bookings),
          as: global.principal, progress: ProgressLine.report)
        let statistics = try service.statistics()
        let record: [Field] =
          NetworkPresentation.headline(statistics) + [
            Field("accounts", "Accounts created", .number(report.accounts)),
            Field("bookings", "Historical bookings", .number(report.bookings)),
            Field("seed", "Seed", .number(Int64(truncatingIfNeeded: seed))),
            Field("scale", "Scale", .text(String(scale))),
          ]
        Renderer.write(global.renderer.text(of: record))
        if global.format == .table {
          let logins = Listing(
            columns: [("role", "Role"), ("login", "Login (use with --as)"), ("of", "Of")],
            rows: report.sampleLogins.map { [.text($0.role), .text($0.login), .text($0.detail)] })
          Renderer.write(
            "\nAccounts to try each role (managers are m0001…, researchers r0001…, by unit id):\n"
              + global.renderer.text(of: logins))
        }
      }
    }
  }
}
