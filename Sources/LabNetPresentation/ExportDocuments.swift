import InstrumentNetwork
import LabNetService
import NetworkStore

/// The documents people download — usage and settlement reports, the
/// bookings export, iCalendar files — as texts in the format asked for.
/// `NetworkService` makes them from the use cases' values; a client of
/// `labnet serve` gets the same texts from the server, which makes them here.
public protocol ExportDocuments: Sendable {
  /// `top`: keep the N units with the most booked hours (`--by unit` only);
  /// nil is 30 in tables and HTML, every unit in CSV and JSON.
  func usageDocument(
    by grouping: UsageGrouping, period: Range<Instant>?, province: Province?, top: Int?,
    format: OutputFormat, as principal: Principal
  ) throws -> String
  func voucherFlowDocument(
    period: Range<Instant>?, province: Province?, format: OutputFormat, as principal: Principal
  ) throws -> String
  /// Streams every booking in scope as CSV or JSON: `begin` once the reader
  /// is cleared (so a refusal writes nothing), then the text piece by piece.
  func bookingsDocument(
    period: Range<Instant>?, province: Province?, format: OutputFormat, as principal: Principal,
    begin: () throws -> Void, write: (String) throws -> Void
  ) throws
  /// The acting account's bookings, or one instrument's (its unit's
  /// manager), as iCalendar text, and how many events it holds.
  func calendarDocument(instrumentID: Int64?, as principal: Principal) throws -> (
    text: String, events: Int
  )
}

/// Everything a front end calls: the use cases and the documents.
public typealias LabNetUseCases = NetworkUseCases & ExportDocuments

extension NetworkService: ExportDocuments {
  public func usageDocument(
    by grouping: UsageGrouping, period: Range<Instant>?, province: Province?, top: Int?,
    format: OutputFormat, as principal: Principal
  ) throws -> String {
    let fits = format == .table || format == .html
    let limit = top ?? (grouping == .unit && fits ? UsageReport.defaultTop : nil)
    return ExportText.usage(
      try usage(by: grouping, period: period, province: province, top: limit, as: principal),
      format: format)
  }

  public func voucherFlowDocument(
    period: Range<Instant>?, province: Province?, format: OutputFormat, as principal: Principal
  ) throws -> String {
    ExportText.vouchers(
      try voucherFlowReport(period: period, province: province, as: principal), format: format)
  }

  public func bookingsDocument(
    period: Range<Instant>?, province: Province?, format: OutputFormat, as principal: Principal,
    begin: () throws -> Void, write: (String) throws -> Void
  ) throws {
    try ExportText.requireRowFormat(format)
    let json = format == .json
    var first = true
    try exportBookings(
      period: period, province: province, as: principal,
      begin: {
        try begin()
        try write(
          json ? "[\n" : CSVText.byteOrderMark + CSVText.header(ExportText.bookingColumns))
      }
    ) { row in
      let cells = ExportText.cells(of: row)
      if json {
        try write(
          (first ? "  " : ",\n  ")
            + JSONText.object(
              zip(ExportText.bookingColumns, cells).map { ($0, JSONText.value($1)) }, indent: 2))
      } else {
        try write(CSVText.line(cells))
      }
      first = false
    }
    if json { try write(first ? "]\n" : "\n]\n") }
  }

  public func calendarDocument(instrumentID: Int64?, as principal: Principal) throws -> (
    text: String, events: Int
  ) {
    let calendar = try calendar(instrumentID: instrumentID, as: principal)
    return (ICalendar.document(calendar, stamp: now), calendar.bookings.count)
  }
}
