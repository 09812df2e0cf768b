/// A calendar day in China Standard Time, like `2026-12-31`.
public struct LocalDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  /// The year, e.g. 2026.
  public var year: Int
  /// The month, 1–12.
  public var month: Int
  /// The day of the month, 1–31.
  public var day: Int

  /// A date checked against the calendar (no 29 February 2027, no month 13).
  public init(year: Int, month: Int, day: Int) throws(LabNetError) {
    try LocalDate.validate(year: year, month: month, day: day, in: nil)
    self.year = year
    self.month = month
    self.day = day
  }

  /// The date `days` after 1970-01-01.
  public init(daysSinceEpoch days: Int64) {
    (year, month, day) = CivilCalendar.civilFromDays(days)
  }

  /// Parses `YYYY-MM-DD`, like `2026-12-31`.
  public init(parsing text: String) throws(LabNetError) {
    let trimmed = text.trimmedWhitespace
    var cursor = TextCursor(Substring(trimmed))
    guard let year = cursor.digits(4), cursor.take(UInt8(ascii: "-")),
      let month = cursor.digits(2), cursor.take(UInt8(ascii: "-")),
      let day = cursor.digits(2), cursor.isAtEnd
    else {
      throw .invalidData("date must look like 2026-12-31 (YYYY-MM-DD); got \(quoted(text))")
    }
    try LocalDate.validate(year: year, month: month, day: day, in: text)
    self.init(daysSinceEpoch: CivilCalendar.daysFromCivil(year: year, month: month, day: day))
  }

  /// Refuses a month outside 1–12 or a day the month does not have, naming the input.
  static func validate(year: Int, month: Int, day: Int, in text: String?) throws(LabNetError) {
    let context = text.map { ", in \(quoted($0))" } ?? ""
    guard (1...9999).contains(year) else {
      throw .invalidData("year must be 0001–9999, not \(year)\(context)")
    }
    guard (1...12).contains(month) else {
      throw .invalidData("month must be 01–12, not \(padded(month, width: 2))\(context)")
    }
    let days = CivilCalendar.daysInMonth(year: year, month: month)
    guard (1...days).contains(day) else {
      let monthName = CivilCalendar.monthNames[month - 1]
      throw .invalidData(
        "day must be 01–\(days) in \(monthName) \(year), not \(padded(day, width: 2))\(context)")
    }
  }

  /// Days since 1970-01-01.
  public var daysSinceEpoch: Int64 {
    CivilCalendar.daysFromCivil(year: year, month: month, day: day)
  }

  /// The instant this day begins, 00:00 China Standard Time.
  public var startInstant: Instant {
    Instant(
      seconds: daysSinceEpoch * CivilCalendar.secondsPerDay - CivilCalendar.chinaOffsetSeconds)
  }

  /// The date `days` later (or earlier, if negative).
  public func adding(days: Int) -> LocalDate {
    LocalDate(daysSinceEpoch: daysSinceEpoch + Int64(days))
  }

  /// The day of the week.
  public var weekday: Weekday {
    Weekday(rawValue: CivilCalendar.weekdayNumber(ofDay: daysSinceEpoch)) ?? .monday
  }

  /// The ISO form `YYYY-MM-DD`.
  public var iso: String {
    "\(padded(year, width: 4))-\(padded(month, width: 2))-\(padded(day, width: 2))"
  }

  public var description: String { iso }

  public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  /// Decodes from the ISO text `YYYY-MM-DD`.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    do {
      self = try LocalDate(parsing: text)
    } catch {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
    }
  }

  /// Encodes as the ISO text `YYYY-MM-DD`.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(iso)
  }
}
