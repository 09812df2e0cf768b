/// Proleptic Gregorian calendar arithmetic in integers, after Howard Hinnant's
/// `days_from_civil` / `civil_from_days` (http://howardhinnant.github.io/date_algorithms.html).
enum CivilCalendar {
  /// China Standard Time is UTC+8 all year: no daylight saving since 1991.
  static let chinaOffsetSeconds: Int64 = 8 * 3600

  static let secondsPerDay: Int64 = 86_400

  static let monthNames = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
  ]

  static func isLeapYear(_ year: Int) -> Bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
  }

  static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2: return isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Days since 1970-01-01 of a valid civil date.
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
    let y = Int64(month <= 2 ? year - 1 : year)
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let shiftedMonth = Int64(month > 2 ? month - 3 : month + 9)
    let dayOfYear = (153 * shiftedMonth + 2) / 5 + Int64(day) - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The civil date `days` after 1970-01-01.
  static func civilFromDays(_ days: Int64) -> (year: Int, month: Int, day: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (Int(year), Int(month), Int(day))
  }

  /// Floor division, so instants before 1970 fall on the right day.
  static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
    let quotient = value / divisor
    return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
  }

  /// The ISO weekday (Monday = 1) of the day `days` after 1970-01-01, a Thursday.
  static func weekdayNumber(ofDay days: Int64) -> Int {
    Int((days % 7 + 7 + 3) % 7) + 1
  }
}

/// A forward-only reader over the ASCII bytes of a person's text.
struct TextCursor {
  private let bytes: [UInt8]
  private(set) var position = 0

  init(_ text: Substring) {
    bytes = Array(text.utf8)
  }

  var isAtEnd: Bool { position == bytes.count }

  var peek: UInt8? { isAtEnd ? nil : bytes[position] }

  /// Consumes `byte` if it comes next.
  mutating func take(_ byte: UInt8) -> Bool {
    guard peek == byte else { return false }
    position += 1
    return true
  }

  /// Consumes exactly `count` ASCII digits and returns their value, or nil.
  mutating func digits(_ count: Int) -> Int? {
    guard position + count <= bytes.count else { return nil }
    var value = 0
    for byte in bytes[position..<position + count] {
      guard byte >= 0x30 && byte <= 0x39 else { return nil }
      value = value * 10 + Int(byte - 0x30)
    }
    position += count
    return value
  }

  /// Consumes one or more ASCII digits (up to 9) and returns their value, or nil.
  mutating func number() -> Int? {
    var value = 0
    var count = 0
    while let byte = peek, byte >= 0x30 && byte <= 0x39 {
      guard count < 9 else { return nil }
      value = value * 10 + Int(byte - 0x30)
      count += 1
      position += 1
    }
    return count == 0 ? nil : value
  }
}
