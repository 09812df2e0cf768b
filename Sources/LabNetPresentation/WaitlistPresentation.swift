import InstrumentNetwork
import LabNetService
import NetworkStore

/// How waitlist entries and messages print: the same keys in tables, JSON,
/// CSV and the API.
public enum WaitlistPresentation {
  public static let columns: [(key: String, title: String)] = [
    ("id", "ID"), ("instrument_id", "Instr"), ("window_start", "From"), ("window_end", "To"),
    ("duration_minutes", "Minutes"), ("status", "Status"), ("booking_id", "Booking"),
  ]

  public static func row(of entry: WaitlistEntry) -> [Cell] {
    let fields = fields(of: entry)
    return columns.map { column in fields.first { $0.key == column.key }?.value ?? .none }
  }

  public static func fields(of entry: WaitlistEntry) -> [Field] {
    [
      Field("id", "ID", .number(entry.id)),
      Field("instrument_id", "Instrument", .number(entry.instrumentID)),
      Field("window_start", "From", .text(entry.window.lowerBound.iso8601)),
      Field("window_end", "To", .text(entry.window.upperBound.iso8601)),
      Field("duration_minutes", "Minutes", .number(Int64(entry.durationMinutes))),
      Field("purpose", "Purpose", .text(entry.purpose)),
      Field("status", "Status", .text(entry.status.rawValue)),
      Field("status_reason", "Why", .optional(entry.statusReason)),
      Field("booking_id", "Booking", entry.bookingID.map(Cell.number) ?? .none),
      Field("joined_at", "Joined", .text(entry.createdAt.iso8601)),
    ]
  }

  public static let noticeColumns: [(key: String, title: String)] = [
    ("id", "ID"), ("kind", "Kind"), ("subject", "Subject"), ("body", "Message"),
    ("created_at", "Written"), ("read", "Read"), ("sent", "Sent"),
  ]

  public static func row(of notice: StoredNotice) -> [Cell] {
    [
      .number(notice.id), .text(notice.kind), .text(notice.subject), .text(notice.body),
      .text(notice.createdAt.iso8601), .flag(notice.readAt != nil), .flag(notice.sentAt != nil),
    ]
  }
}
