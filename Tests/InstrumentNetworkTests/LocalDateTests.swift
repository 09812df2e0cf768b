import InstrumentNetwork
import Testing

struct LocalDateTests {
  @Test func parsesAndFormats() throws {
    let date = try LocalDate(parsing: " 2026-12-31 ")
    #expect(date.year == 2026 && date.month == 12 && date.day == 31)
    #expect(date.iso == "2026-12-31")
    #expect(date.description == "2026-12-31")
    #expect(try LocalDate(parsing: "2024-02-29").iso == "2024-02-29")
    #expect(try LocalDate(parsing: "2000-02-29").day == 29)
  }

  @Test(arguments: [
    ("2027-02-29", "day must be 01–28 in February 2027, not 29, in \"2027-02-29\""),
    ("1900-02-29", "day must be 01–28 in February 1900, not 29, in \"1900-02-29\""),
    ("2026-13-01", "month must be 01–12, not 13, in \"2026-13-01\""),
    ("2026-06-00", "day must be 01–30 in June 2026, not 00, in \"2026-06-00\""),
    ("26-12-31", "date must look like 2026-12-31 (YYYY-MM-DD); got \"26-12-31\""),
    ("2026-12-31 09:00", "date must look like 2026-12-31 (YYYY-MM-DD); got \"2026-12-31 09:00\""),
    ("", "date must look like 2026-12-31 (YYYY-MM-DD); got \"\""),
  ])
  func refuses(text: String, message: String) {
    #expect(
      invalidDataMessage { () throws(LabNetError) in try LocalDate(parsing: text) } == message)
  }

  @Test func memberwiseInitValidates() {
    #expect(
      invalidDataMessage { () throws(LabNetError) in try LocalDate(year: 2026, month: 2, day: 30) }
        == "day must be 01–28 in February 2026, not 30")
  }

  @Test func startInstantIsMidnightInShanghai() throws {
    let date = try LocalDate(parsing: "2026-12-01")
    #expect(date.startInstant.iso8601 == "2026-12-01T00:00:00+08:00")
    #expect(date.startInstant.utcBasic == "20261130T160000Z")
    #expect(date.startInstant.localDate == date)
    #expect(date.weekday == .tuesday)
  }

  @Test func addingDaysCrossesMonthsAndYears() throws {
    let date = try LocalDate(parsing: "2026-12-31")
    #expect(date.adding(days: 1).iso == "2027-01-01")
    #expect(date.adding(days: 60).iso == "2027-03-01")
    #expect(date.adding(days: -365).iso == "2025-12-31")
    #expect(try LocalDate(parsing: "2024-02-28").adding(days: 1).iso == "2024-02-29")
  }

  @Test func ordersByCalendar() throws {
    #expect(try LocalDate(parsing: "2026-01-31") < LocalDate(parsing: "2026-02-01"))
    #expect(try LocalDate(parsing: "2025-12-31") < LocalDate(parsing: "2026-01-01"))
  }

  @Test func codesAsISOText() throws {
    #expect(try jsonText(LocalDate(parsing: "2026-03-04")) == #""2026-03-04""#)
    #expect(try decodeJSON(LocalDate.self, #""2026-03-04""#) == LocalDate(parsing: "2026-03-04"))
    #expect(throws: DecodingError.self) { try decodeJSON(LocalDate.self, #""2026-02-30""#) }
  }

  /// Every day from 1600 to 2400 converts to days and back, one day apart.
  @Test func civilArithmeticIsConsistentOverCenturies() throws {
    let origin = try LocalDate(parsing: "1600-01-01")
    var day = origin.daysSinceEpoch
    var expected = (year: 1600, month: 1, day: 1)
    var mismatches: [String] = []
    while expected.year < 2400 {
      let date = try LocalDate(year: expected.year, month: expected.month, day: expected.day)
      if date.daysSinceEpoch != day || origin.adding(days: Int(day - origin.daysSinceEpoch)) != date
      {
        mismatches.append(date.iso)
      }
      day += 1
      expected = Self.next(expected)
    }
    #expect(mismatches.isEmpty)
    #expect(try LocalDate(parsing: "1970-01-01").daysSinceEpoch == 0)
    #expect(try LocalDate(parsing: "2000-03-01").daysSinceEpoch == 11_017)
  }

  private static func next(_ date: (year: Int, month: Int, day: Int)) -> (
    year: Int, month: Int, day: Int
  ) {
    let leap = date.year % 4 == 0 && (date.year % 100 != 0 || date.year % 400 == 0)
    let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    if date.day < lengths[date.month - 1] { return (date.year, date.month, date.day + 1) }
    if date.month < 12 { return (date.year, date.month + 1, 1) }
    return (date.year + 1, 1, 1)
  }
}
