#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// A point in time, whole seconds since the Unix epoch in UTC; shown in China Standard Time.
///
/// ```swift
/// let start = try Instant(parsing: "2026-12-01 09:00")  // 09:00 in Shanghai
/// start.iso8601                                          // "2026-12-01T09:00:00+08:00"
/// ```
/// It encodes as a bare JSON integer of seconds.
public struct Instant: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  /// Seconds since 1970-01-01T00:00:00Z.
  public var seconds: Int64

  /// The instant `seconds` after the Unix epoch.
  public init(seconds: Int64) {
    self.seconds = seconds
  }

  /// The current time, truncated to the second.
  public static func now() -> Instant {
    Instant(seconds: Int64(Date().timeIntervalSince1970.rounded(.down)))
  }

  /// Parses `2026-12-01 09:00`, `2026-12-01T09:00[:SS]`, optionally followed by `Z` or an
  /// offset like `+08:00`, `+0800` or `-05:00`; without an offset the time is China Standard Time.
  public init(parsing text: String) throws(LabNetError) {
    let trimmed = text.trimmedWhitespace
    let shape = LabNetError.invalidData(
      "time must look like 2026-12-01 09:00 (China Standard Time) or ISO 8601 like "
        + "2026-12-01T09:00:00+08:00; got \(quoted(text))")
    var cursor = TextCursor(Substring(trimmed))
    guard let year = cursor.digits(4), cursor.take(UInt8(ascii: "-")),
      let month = cursor.digits(2), cursor.take(UInt8(ascii: "-")),
      let day = cursor.digits(2)
    else { throw shape }
    guard cursor.take(UInt8(ascii: "T")) || cursor.take(UInt8(ascii: "t")) || cursor.take(0x20)
    else { throw shape }
    guard let hour = cursor.digits(2), cursor.take(UInt8(ascii: ":")), let minute = cursor.digits(2)
    else { throw shape }
    var second = 0
    if cursor.take(UInt8(ascii: ":")) {
      guard let value = cursor.digits(2) else { throw shape }
      second = value
    }
    guard let offset = Instant.offsetSeconds(&cursor), cursor.isAtEnd else { throw shape }

    try LocalDate.validate(year: year, month: month, day: day, in: text)
    guard hour < 24 else {
      throw .invalidData("hour must be 00–23, not \(padded(hour, width: 2)), in \(quoted(text))")
    }
    guard minute < 60 else {
      throw .invalidData(
        "minute must be 00–59, not \(padded(minute, width: 2)), in \(quoted(text))")
    }
    guard second < 60 else {
      throw .invalidData(
        "second must be 00–59, not \(padded(second, width: 2)), in \(quoted(text))")
    }
    let days = CivilCalendar.daysFromCivil(year: year, month: month, day: day)
    let local = days * CivilCalendar.secondsPerDay + Int64(hour * 3600 + minute * 60 + second)
    self.init(seconds: local - offset)
  }

  /// Reads the trailing offset: none means UTC+8, `Z` means UTC, else `±HH:MM` or `±HHMM`.
  private static func offsetSeconds(_ cursor: inout TextCursor) -> Int64? {
    if cursor.isAtEnd { return CivilCalendar.chinaOffsetSeconds }
    if cursor.take(UInt8(ascii: "Z")) || cursor.take(UInt8(ascii: "z")) { return 0 }
    let sign: Int64
    if cursor.take(UInt8(ascii: "+")) {
      sign = 1
    } else if cursor.take(UInt8(ascii: "-")) {
      sign = -1
    } else {
      return nil
    }
    guard let hours = cursor.digits(2) else { return nil }
    _ = cursor.take(UInt8(ascii: ":"))
    guard let minutes = cursor.digits(2), hours < 24, minutes < 60 else { return nil }
    return sign * Int64(hours * 3600 + minutes * 60)
  }

  /// Seconds since the epoch of the China Standard Time wall clock.
  private var localSeconds: Int64 { seconds + CivilCalendar.chinaOffsetSeconds }

  /// Days since 1970-01-01 of the China Standard Time date.
  var localDay: Int64 { CivilCalendar.floorDivide(localSeconds, CivilCalendar.secondsPerDay) }

  /// Seconds since midnight, China Standard Time.
  var secondOfDay: Int { Int(localSeconds - localDay * CivilCalendar.secondsPerDay) }

  /// The China Standard Time date.
  public var localDate: LocalDate { LocalDate(daysSinceEpoch: localDay) }

  /// The China Standard Time day of the week.
  public var weekday: Weekday {
    Weekday(rawValue: CivilCalendar.weekdayNumber(ofDay: localDay)) ?? .monday
  }

  /// Minutes since midnight, China Standard Time (0–1439).
  public var minuteOfDay: Int { secondOfDay / 60 }

  /// ISO 8601 in China Standard Time, like `2026-12-01T09:00:00+08:00`.
  public var iso8601: String {
    "\(localDate.iso)T\(Instant.clock(secondOfDay, separator: ":"))+08:00"
  }

  /// A short local form for tables, like `2026-12-01 09:00`.
  public var localText: String {
    let minutes = secondOfDay / 60
    return "\(localDate.iso) \(padded(minutes / 60, width: 2)):\(padded(minutes % 60, width: 2))"
  }

  /// iCalendar UTC form (RFC 5545 DATE-TIME), like `20261201T010000Z`.
  public var utcBasic: String {
    let day = CivilCalendar.floorDivide(seconds, CivilCalendar.secondsPerDay)
    let date = LocalDate(daysSinceEpoch: day)
    let time = Instant.clock(Int(seconds - day * CivilCalendar.secondsPerDay), separator: "")
    return "\(padded(date.year, width: 4))\(padded(date.month, width: 2))"
      + "\(padded(date.day, width: 2))T\(time)Z"
  }

  private static func clock(_ secondOfDay: Int, separator: String) -> String {
    let hour = padded(secondOfDay / 3600, width: 2)
    let minute = padded(secondOfDay / 60 % 60, width: 2)
    let second = padded(secondOfDay % 60, width: 2)
    return hour + separator + minute + separator + second
  }

  public var description: String { iso8601 }

  public static func < (lhs: Instant, rhs: Instant) -> Bool {
    lhs.seconds < rhs.seconds
  }

  /// The instant `seconds` later.
  public static func + (lhs: Instant, rhs: Int64) -> Instant {
    Instant(seconds: lhs.seconds + rhs)
  }

  /// The instant `seconds` earlier.
  public static func - (lhs: Instant, rhs: Int64) -> Instant {
    Instant(seconds: lhs.seconds - rhs)
  }

  /// The seconds from `rhs` to `lhs`.
  public static func - (lhs: Instant, rhs: Instant) -> Int64 {
    lhs.seconds - rhs.seconds
  }

  /// Moves the instant `seconds` later.
  public static func += (lhs: inout Instant, rhs: Int64) {
    lhs = lhs + rhs
  }

  public init(from decoder: any Decoder) throws {
    seconds = try decoder.singleValueContainer().decode(Int64.self)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(seconds)
  }
}
