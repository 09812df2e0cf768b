import ArgumentParser
import InstrumentNetwork
import LabNetPresentation
import LabNetService
import NetworkStore

extension LabNet {
  /// `labnet export usage|vouchers|bookings`.
  struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "export",
      abstract: "Audit exports: usage, voucher flows, row-level bookings (auditors and admins).",
      discussion: """
        CSV exports are RFC 4180, UTF-8 with a byte order mark, formula-safe. --output writes \
        through a temporary file renamed into place. Definitions: docs/reports.md.
        """,
      subcommands: [Usage.self, Vouchers.self, Bookings.self])

    /// `--from/--to` (optional) and `--province`, shared by the exports.
    struct Scope: ParsableArguments {
      @Option(
        help:
          "Bookings starting at or after this time or date (default: the first booking's day)."
      )
      var from: String?
      @Option(
        help:
          "Bookings starting before this time, or up to the end of this date (default: after the last booking)."
      )
      var to: String?
      @Option(help: "Bookings starting in this month, like 2026-11 (instead of --from/--to).")
      var month: String?
      @Option(help: "Bookings starting in this year, like 2026 (instead of --from/--to).")
      var year: String?
      @Option(help: "Only instruments of this province (a province auditor's own by default).")
      var province: String?
      @Option(help: "Write to this file instead of standard output.") var output: String?

      var period: Range<Instant>? {
        get throws { try ReportPeriod.parse(from: from, to: to, month: month, year: year) }
      }

      var provinceFilter: Province? {
        get throws { try province.map { text throws(LabNetError) in try Province(parsing: text) } }
      }
    }

    struct Usage: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Usage per province, unit, value tier, category or month.")
      @Option(help: "province, unit, tier, category or month.") var by: String
      @Option(
        help:
          "With --by unit: the N units with the most booked hours, the rest in one 'others' row (default: 30 in table and html, all in csv and json)."
      )
      var top: Int?
      @OptionGroup var scope: Scope
      @OptionGroup var global: GlobalOptions

      func run() throws {
        try global.withService { service in
          guard let grouping = UsageGrouping(rawValue: by.lowercased()) else {
            throw LabNetError.invalidData(
              "--by must be province, unit, tier, category or month; got \"\(by)\"")
          }
          let text = try service.usageDocument(
            by: grouping, period: try scope.period, province: try scope.provinceFilter, top: top,
            format: global.format, as: global.principal)
          let sink = try ExportSink(path: scope.output, store: try global.location)
          sink.write(text)
          try sink.finish()
        }
      }
    }

    struct Vouchers: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "The issuing × providing province matrix of voucher payments (settlement view).")
      @OptionGroup var scope: Scope
      @OptionGroup var global: GlobalOptions

      func run() throws {
        try global.withService { service in
          let text = try service.voucherFlowDocument(
            period: try scope.period, province: try scope.provinceFilter, format: global.format,
            as: global.principal)
          let sink = try ExportSink(path: scope.output, store: try global.location)
          sink.write(text)
          try sink.finish()
        }
      }
    }

    struct Bookings: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract:
          "Every booking, one row each, streamed (constant memory); CSV (the default) or JSON.")
      @OptionGroup var scope: Scope
      @OptionGroup var global: GlobalOptions

      func run() throws {
        try global.withService { service in
          // Check everything before the first byte goes out.
          let period = try scope.period
          let province = try scope.provinceFilter
          var sink: ExportSink?
          try service.bookingsDocument(
            period: period, province: province, format: global.formatGiven ?? .csv,
            as: global.principal,
            begin: { sink = try ExportSink(path: scope.output, store: try global.location) }
          ) { text in sink?.write(text) }
          guard let sink else { return }
          try sink.finish()
        }
      }
    }
  }
}
