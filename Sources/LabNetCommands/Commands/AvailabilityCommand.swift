import ArgumentParser
import InstrumentNetwork
import LabNetPresentation
import LabNetService
import NetworkStore

extension LabNet {
  /// `labnet availability ID --from --to` and `labnet availability search …`.
  struct AvailabilityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "availability", abstract: "Find free time; no account needed.",
      subcommands: [Slots.self, Search.self], defaultSubcommand: Slots.self)

    struct Slots: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "slots",
        abstract: "Free slots of one instrument: opening hours minus blocks and bookings.")
      @Argument(help: "The instrument's id.") var id: Int64
      @OptionGroup var window: TimeWindow
      @OptionGroup var global: GlobalOptions

      func run() throws {
        try global.withService { service in
          let (_, free) = try service.freeSlots(instrumentID: id, window: try window.interval)
          Renderer.write(
            global.renderer.text(of: AvailabilityPresentation.listing(ofSlots: free)))
        }
      }
    }

    struct Search: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Instruments with a free run of --duration in the window, soonest first.")
      @OptionGroup var window: TimeWindow
      @Option(help: "How long a free run is needed: 90m, 4h, 1h30m.") var duration: String
      @Option(help: "Only this province's.") var province: String?
      @Option(help: "Only this city's.") var city: String?
      @Option(help: "Only this category.") var category: String?
      @Option(help: "Only this value tier.") var tier: String?
      @Option(help: "Text in the name, model or manufacturer.") var search: String?
      @Option(parsing: .unconditional, help: "At most this hourly rate, in yuan.") var maxRate:
        String?
      @Option(help: "At most this many instruments (default 20).") var limit: Int = 20
      @Option(help: "soonest (default), price, or distance-to-province.") var sort: String?
      @Option(
        help: "The province distance-to-province measures from (default: your unit's).")
      var near: String?
      @OptionGroup var global: GlobalOptions

      func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be 1 or more") }
      }

      func run() throws {
        try global.withService { service in
          let filter = InstrumentFilter(
            province: try province.map { text throws(LabNetError) in try Province(parsing: text) },
            city: city,
            category: try category.map { text throws(LabNetError) in
              try InstrumentCategory(parsing: text)
            },
            tier: try tier.map { text throws(LabNetError) in try ValueTier(parsing: text) },
            search: search)
          let page = try service.searchFreeRuns(
            FreeRunSearch(
              window: try window.interval, seconds: try BookingDuration(parsing: duration).seconds,
              filter: filter,
              maximumRate: try maxRate.map { text throws(LabNetError) in try Money(yuan: text) },
              limit: limit,
              order: try sort.map { text throws(LabNetError) in try FreeRunOrder(parsing: text) }
                ?? .soonest,
              near: try near.map { text throws(LabNetError) in try Province(parsing: text) }),
            as: global.principal)
          let listing = Listing(
            columns: AvailabilityPresentation.runColumns,
            rows: page.runs.map(AvailabilityPresentation.row(of:)))
          Renderer.write(global.renderer.text(of: listing))
          if global.format == .table {
            var standardError = StandardError()
            print(
              "\(page.runs.count) of \(page.total) shown"
                + (page.total > page.runs.count ? "; --limit N shows more" : ""),
              to: &standardError)
          }
        }
      }
    }
  }
}
