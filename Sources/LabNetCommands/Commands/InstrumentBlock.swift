import ArgumentParser
import InstrumentNetwork
import LabNetPresentation
import LabNetService
import NetworkStore

extension LabNet.InstrumentCommand {
  /// `labnet instrument block ID --from --to --reason [--cancel-bookings]`.
  struct Block: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Block an instrument for maintenance (the unit's manager).",
      discussion: "Refused where the block covers bookings, unless --cancel-bookings.")
    @Argument(help: "The instrument's id.") var id: Int64
    @OptionGroup var window: TimeWindow
    @Option(help: "Why, e.g. 年度维护.") var reason: String
    @Flag(help: "Cancel the bookings the block covers, with the reason.") var cancelBookings = false
    @OptionGroup var global: GlobalOptions

    func run() throws {
      try global.withService { service in
        let interval = try window.interval
        let cancelled = try service.blockInstrument(
          BlockRequest(
            instrumentID: id, interval: interval, reason: reason,
            cancellingBookings: cancelBookings),
          as: global.principal)
        Renderer.write(
          global.renderer.text(of: [
            Field("instrument_id", "Instrument", .number(id)),
            Field("from", "From", .text(interval.lowerBound.iso8601)),
            Field("to", "To", .text(interval.upperBound.iso8601)),
            Field("cancelled_bookings", "Bookings cancelled", .list(cancelled.map(String.init))),
          ]))
      }
    }
  }
}
