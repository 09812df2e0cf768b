import InstrumentNetwork
import LabNetService
import NetworkStore

/// Free time, free runs and maintenance blocks, as the CLI and the API show them.
public enum AvailabilityPresentation {
  /// The free slots of one instrument.
  public static func listing(ofSlots free: [Range<Instant>]) -> Listing {
    Listing(
      columns: [("start", "Start"), ("end", "End"), ("minutes", "Minutes")],
      rows: free.map {
        [
          .text($0.lowerBound.iso8601), .text($0.upperBound.iso8601),
          .number(($0.upperBound - $0.lowerBound) / 60),
        ]
      })
  }

  public static let runColumns: [(key: String, title: String)] = [
    ("id", "ID"), ("name", "Name"), ("unit", "Unit"), ("province", "Prov"),
    ("city", "City"), ("rate_yuan_per_hour", "Rate/h (yuan)"), ("free_from", "Free from"),
    ("free_to", "Run until"), ("free_until", "Free until"),
  ]

  /// One instrument a network search found, with its first free run.
  public static func row(of found: FreeRun) -> [Cell] {
    [
      .number(found.listing.instrument.id), .text(found.listing.instrument.name),
      .text(found.listing.unit.name), .text(found.listing.unit.province.code),
      .text(found.listing.unit.city), .money(found.listing.instrument.hourlyRate),
      .text(found.run.lowerBound.iso8601), .text(found.run.upperBound.iso8601),
      .text(found.freeUntil.iso8601),
    ]
  }

  public static let blockColumns: [(key: String, title: String)] = [
    ("id", "Block"), ("instrument_id", "Instrument"), ("from", "From"), ("to", "To"),
    ("reason", "Reason"),
  ]

  public static func row(of block: MaintenanceBlock) -> [Cell] {
    [
      .number(block.id), .number(block.instrumentID), .text(block.interval.lowerBound.iso8601),
      .text(block.interval.upperBound.iso8601), .text(block.reason),
    ]
  }

  public static func fields(of block: MaintenanceBlock) -> [Field] {
    zip(blockColumns, row(of: block)).map { Field($0.key, $0.title, $1) }
  }

  /// A block made, with the bookings it cancelled.
  public static func fields(of report: BlockReport) -> [Field] {
    fields(of: report.block) + [
      Field(
        "cancelled_bookings", "Bookings cancelled",
        .list(report.cancelledBookings.map(String.init)))
    ]
  }

  /// An instrument as `instrument show` prints it: its fields and the
  /// blocks that have not ended.
  public static func fields(of listing: InstrumentListing, blocks: [MaintenanceBlock]) -> [Field] {
    Presentation.fields(of: listing) + [
      Field(
        "blocks", "Maintenance blocks",
        .list(
          blocks.map {
            "\($0.id): \($0.interval.lowerBound.iso8601) to \($0.interval.upperBound.iso8601) \($0.reason)"
          }))
    ]
  }
}
