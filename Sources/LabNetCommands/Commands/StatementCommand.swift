import ArgumentParser
import InstrumentNetwork
import LabNetPresentation
import LabNetService

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension LabNet {
  /// `labnet statement --unit U --month YYYY-MM [--as-provider|--as-customer]`.
  struct StatementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "statement",
      abstract: "A unit's monthly statement (结算单), as provider or customer.",
      discussion: """
        As a provider (the default): the charged bookings of the unit's instruments, grouped \
        by the booker's unit. As a customer: the unit's own charged bookings, grouped by the \
        instrument's unit. Each line shows the charge, what vouchers paid and what is owed; a \
        booking belongs to the month (China Standard Time) its booked start falls in. The \
        unit's managers, auditors of its province or of the network, and admins may read it.

        --format xlsx writes a workbook: give --output FILE, or pipe standard output. \
        Definitions: docs/reports.md.
        """)

    enum Side: String, EnumerableFlag {
      case asProvider, asCustomer

      var side: StatementSide { self == .asProvider ? .provider : .customer }
    }

    @Option(help: "The unit: its name or id.") var unit: String
    @Option(help: "The month, like 2026-11 (China Standard Time).") var month: String
    @Flag(help: "Which side: what others owe the unit (provider), or what it owes (customer).")
    var side: Side = .asProvider
    @Option(help: "Write to this file instead of standard output.") var output: String?
    @OptionGroup var global: GlobalOptions

    func run() throws {
      try global.withService(workbook: true) { service in
        let month = try StatementMonth(parsing: month)
        if global.format == .xlsx, output == nil, isatty(1) != 0 {
          throw LabNetError.invalidData(
            "an xlsx workbook is binary: give --output FILE.xlsx, or pipe standard output")
        }
        let statement = try service.statement(
          unit: unit, month: month, side: side.side, as: global.principal)
        let bytes = try StatementText.document(statement, format: global.format)
        let sink = try ExportSink(path: output, store: try global.location)
        sink.write(bytes: bytes)
        try sink.finish()
      }
    }
  }
}
