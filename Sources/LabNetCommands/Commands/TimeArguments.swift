import ArgumentParser
import InstrumentNetwork

/// `--from` and `--to`, read as China Standard Time unless an offset is given.
struct TimeWindow: ParsableArguments {
  @Option(help: "Start: 2026-12-01 09:00, 2026-12-01T09:00, or ISO 8601 with an offset.")
  var from: String
  @Option(help: "End (exclusive), in the same forms.") var to: String

  var interval: Range<Instant> {
    get throws {
      try BookingRules.interval(from: try Instant(parsing: from), to: try Instant(parsing: to))
    }
  }
}
