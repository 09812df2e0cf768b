import InstrumentNetwork
import LabNetService
import NetworkStore

/// How a recurring booking's result prints: its bookings as a list (the
/// table and CSV), and in JSON an object with what was booked and skipped.
public enum SeriesPresentation {
  public static func listing(of series: BookingSeries) -> Listing {
    Listing(
      columns: Presentation.bookingColumns, rows: series.booked.map(Presentation.row(of:)))
  }

  public static func fields(of skipped: SkippedOccurrence) -> [Field] {
    [
      Field("start", "Start", .text(skipped.interval.lowerBound.iso8601)),
      Field("end", "End", .text(skipped.interval.upperBound.iso8601)),
      Field("reason", "Why", .text(skipped.reason)),
    ]
  }

  /// `{"booked": [bookings as booking show], "skipped": [{start, end, reason}]}`.
  public static func json(of series: BookingSeries) -> String {
    JSONText.object([
      (
        "booked",
        JSONText.array(
          series.booked.map { JSONText.record(Presentation.fields(of: $0), indent: 4) }, indent: 2)
      ),
      (
        "skipped",
        JSONText.array(series.skipped.map { JSONText.record(fields(of: $0), indent: 4) }, indent: 2)
      ),
    ])
  }
}
