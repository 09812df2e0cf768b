import InstrumentNetwork
import LabNetService
import NetworkStore

/// RFC 5545 iCalendar text: one VEVENT per booking, times in UTC, UIDs
/// stable and unique across installations (`booking-ID@INSTALLATION.labnet`),
/// a SEQUENCE that grows as the booking moves on (so a calendar shows a
/// cancellation), lines folded at 75 octets, CRLF line ends.
public enum ICalendar {
  public static func document(_ calendar: BookingCalendar, stamp: Instant) -> String {
    var lines = [
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//labnet//Yangtze River Delta instruments//ZH",
      "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
    ]
    for booking in calendar.bookings {
      let reservation = booking.reservation
      let fee =
        reservation.chargedFee.map { "charged \($0.groupedYuan) yuan" }
        ?? "fee \(reservation.quotedFee.groupedYuan) yuan"
      let description =
        "booking \(reservation.id), \(reservation.status.rawValue), \(fee)"
        + (reservation.purpose.isEmpty ? "" : "; \(reservation.purpose)")
      lines += [
        "BEGIN:VEVENT",
        "UID:booking-\(reservation.id)@\(calendar.installation).labnet",
        "SEQUENCE:\(sequence(of: reservation.status))",
        "DTSTAMP:\(stamp.utcBasic)",
        "DTSTART:\(reservation.start.utcBasic)",
        "DTEND:\(reservation.end.utcBasic)",
        "SUMMARY:" + escaped("\(booking.instrumentName) (instrument \(reservation.instrumentID))"),
        "LOCATION:"
          + escaped(
            [booking.instrumentUnit.name, booking.location].filter { !$0.isEmpty }.joined(
              separator: ", ")),
        "DESCRIPTION:" + escaped(description),
        "STATUS:"
          + (reservation.status == .pending
            ? "TENTATIVE"
            : reservation.status == .cancelled || reservation.status == .rejected
              ? "CANCELLED" : "CONFIRMED"),
        "END:VEVENT",
      ]
    }
    lines.append("END:VCALENDAR")
    return lines.map(folded).joined(separator: "\r\n") + "\r\n"
  }

  /// 0 while pending, 1 once confirmed, 2 once it ended (cancelled,
  /// rejected, completed, no-show): statuses only move forward, so each
  /// change a calendar should apply comes with a greater number.
  static func sequence(of status: ReservationStatus) -> Int {
    switch status {
    case .pending: return 0
    case .confirmed: return 1
    case .cancelled, .rejected, .completed, .noShow: return 2
    }
  }

  /// TEXT escaping: backslash, semicolon, comma and line breaks.
  static func escaped(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "\\": result += "\\\\"
      case ";": result += "\\;"
      case ",": result += "\\,"
      case "\n", "\r\n", "\r": result += "\\n"
      default: result.append(character)
      }
    }
    return result
  }

  /// Folds a content line into chunks of at most 75 octets, never inside a
  /// UTF-8 sequence; continuation lines start with a space.
  static func folded(_ line: String) -> String {
    var chunks: [String] = []
    var current = ""
    var octets = 0
    for character in line {
      let size = String(character).utf8.count
      let limit = chunks.isEmpty ? 75 : 74
      if octets + size > limit {
        chunks.append(current)
        current = ""
        octets = 0
      }
      current.append(character)
      octets += size
    }
    chunks.append(current)
    return chunks.joined(separator: "\r\n ")
  }
}
