import ArgumentParser
import InstrumentNetwork
import LabNetPresentation
import LabNetService
import NetworkStore

extension LabNet {
  /// `labnet book ID --from --to [--purpose]`.
  struct Book: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Book an instrument (a researcher of a unit).",
      discussion: """
        Times are China Standard Time unless an offset is given. Bookings start and end on \
        the instrument's granularity, last at most 72 hours, start from now up to 90 days \
        ahead, inside opening hours. Flagship instruments start pending until approved.
        """)

    @Argument(help: "The instrument's id.") var id: Int64
    @OptionGroup var window: TimeWindow
    @Option(help: "What the time is for.") var purpose: String?
    @Option(help: "Pay part of the fee with this voucher of your unit, like ZJ-2026-000123.")
    var voucher: String?
    @OptionGroup var global: GlobalOptions

    func run() throws {
      try global.withService { service in
        let listing = try service.book(
          BookingRequest(
            instrumentID: id, interval: try window.interval, purpose: purpose, voucher: voucher),
          as: global.principal)
        Renderer.write(global.renderer.text(of: Presentation.fields(of: listing)))
      }
    }
  }
}
