import ArgumentParser
import InstrumentNetwork
import LabNetPresentation
import LabNetService
import NetworkStore

extension LabNet {
  /// `labnet book ID --from --to [--purpose] [--voucher] [--repeat … --count N|--until DATE]`.
  struct Book: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Book an instrument (a researcher of a unit).",
      discussion: """
        Times are China Standard Time unless an offset is given. Bookings start and end on \
        the instrument's granularity, last at most 72 hours, start from now up to 90 days \
        ahead, inside opening hours. Flagship instruments start pending until approved.

        --repeat daily|weekly books the same time again each day or week, --count times \
        (the first included) or through --until DATE, 2 to 100 occurrences, in one \
        transaction: all or nothing, every occurrence that cannot be booked listed; with \
        --skip-conflicts the others are booked and the skipped ones listed on stderr. \
        `booking cancel B --series` cancels a series from occurrence B on.
        """)

    @Argument(help: "The instrument's id.") var id: Int64
    @OptionGroup var window: TimeWindow
    @Option(help: "What the time is for.") var purpose: String?
    @Option(help: "Pay part of the fee with this voucher of your unit, like ZJ-2026-000123.")
    var voucher: String?
    @Option(help: "Book the same time again every day or week: daily or weekly.")
    var `repeat`: String?
    @Option(help: "How many occurrences, the first included (with --repeat).") var count: Int?
    @Option(help: "The last day an occurrence may start on, like 2027-01-31 (with --repeat).")
    var until: String?
    @Flag(help: "Book the free occurrences and list the others, instead of none.")
    var skipConflicts = false
    @OptionGroup var global: GlobalOptions

    func validate() throws {
      if `repeat` == nil && (count != nil || until != nil || skipConflicts) {
        throw ValidationError("--count, --until and --skip-conflicts go with --repeat")
      }
    }

    func run() throws {
      if let every = `repeat` {
        return try bookSeries(every: every)
      }
      try global.withService { service in
        let listing = try service.book(
          BookingRequest(
            instrumentID: id, interval: try window.interval, purpose: purpose, voucher: voucher),
          as: global.principal)
        Renderer.write(global.renderer.text(of: Presentation.fields(of: listing)))
      }
    }

    private func bookSeries(every: String) throws {
      try global.withService { service in
        let recurrence = Recurrence(
          every: try RepeatEvery(parsing: every), count: count,
          lastDay: try until.map { text throws(LabNetError) in try LocalDate(parsing: text) })
        let series = try service.bookSeries(
          BookingRequest(
            instrumentID: id, interval: try window.interval, purpose: purpose, voucher: voucher),
          recurrence: recurrence, skipConflicts: skipConflicts, as: global.principal)
        if global.format == .json {
          Renderer.write(SeriesPresentation.json(of: series) + "\n")
        } else {
          Renderer.write(global.renderer.text(of: SeriesPresentation.listing(of: series)))
        }
        var standardError = StandardError()
        for skipped in series.skipped {
          print("labnet: skipped \(skipped.text)", to: &standardError)
        }
      }
    }
  }
}
