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
        let report = try service.blockInstrument(
          BlockRequest(
            instrumentID: id, interval: interval, reason: reason,
            cancellingBookings: cancelBookings),
          as: global.principal)
        Renderer.write(global.renderer.text(of: AvailabilityPresentation.fields(of: report)))
      }
    }
  }

  /// `labnet instrument blocks ID`.
  struct Blocks: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List an instrument's maintenance blocks that have not ended; no account needed.")
    @Argument(help: "The instrument's id.") var id: Int64
    @OptionGroup var global: GlobalOptions

    func run() throws {
      try global.withService { service in
        let blocks = try service.blocks(instrumentID: id)
        Renderer.write(
          global.renderer.text(
            of: Listing(
              columns: AvailabilityPresentation.blockColumns,
              rows: blocks.map(AvailabilityPresentation.row(of:)))))
      }
    }
  }

  /// `labnet instrument unblock ID BLOCK`.
  struct Unblock: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Remove a maintenance block that has not ended (the unit's manager).",
      discussion: "Its time is free to book again; bookings it cancelled stay cancelled.")
    @Argument(help: "The instrument's id.") var id: Int64
    @Argument(help: "The block's id (`labnet instrument blocks ID` lists them).") var block: Int64
    @OptionGroup var global: GlobalOptions

    func run() throws {
      try global.withService { service in
        let removed = try service.removeBlock(
          instrumentID: id, blockID: block, as: global.principal)
        Renderer.write(global.renderer.text(of: AvailabilityPresentation.fields(of: removed)))
      }
    }
  }
}
