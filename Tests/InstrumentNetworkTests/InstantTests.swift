import InstrumentNetwork
import Testing

struct InstantTests {
  /// 2026-12-01 09:00 in Shanghai, 01:00 UTC.
  static let december1st: Int64 = 1_796_086_800

  @Test(arguments: [
    ("2026-12-01 09:00", december1st), ("2026-12-01T09:00", december1st),
    ("2026-12-01t09:00", december1st), ("  2026-12-01 09:00:00 ", december1st),
    ("2026-12-01T09:00:00+08:00", december1st), ("2026-12-01T09:00:00+0800", december1st),
    ("2026-12-01T01:00:00Z", december1st), ("2026-12-01T01:00z", december1st),
    ("2026-11-30T20:00:00-05:00", december1st), ("2026-12-01T06:30+05:30", december1st),
    ("2026-12-01 09:00:07", december1st + 7), ("1970-01-01T08:00", 0),
    ("1970-01-01 07:59:59", -1), ("2024-02-29T16:00Z", 1_709_222_400),
    ("2000-03-01T00:00:00Z", 951_868_800), ("0001-01-01T00:00Z", -62_135_596_800),
    ("9999-12-31T23:59:59", 253_402_271_999),
  ])
  func parses(text: String, seconds: Int64) throws {
    #expect(try Instant(parsing: text).seconds == seconds)
  }

  @Test(arguments: [
    ("2027-02-29 09:00", "day must be 01–28 in February 2027, not 29"),
    ("2026-13-01 09:00", "month must be 01–12, not 13"),
    ("2026-00-10 09:00", "month must be 01–12, not 00"),
    ("2026-04-31 09:00", "day must be 01–30 in April 2026, not 31"),
    ("2026-12-01 24:00", "hour must be 00–23, not 24"),
    ("2026-12-01 09:60", "minute must be 00–59, not 60"),
    ("2026-12-01 09:00:60", "second must be 00–59, not 60"),
    ("0000-01-01 09:00", "year must be 0001–9999, not 0"),
  ])
  func refusesImpossibleCalendarValues(text: String, reason: String) {
    let message = invalidDataMessage { () throws(LabNetError) in try Instant(parsing: text) }
    #expect(message == "\(reason), in \"\(text)\"")
  }

  @Test(arguments: [
    "", "tomorrow", "2026-12-01", "2026-12-1 09:00", "2026-12-01 9:00", "2026/12/01 09:00",
    "2026-12-01  09:00", "2026-12-01 09:00 +08:00", "2026-12-01T09:00+8", "2026-12-01T09:00+08",
    "2026-12-01T09:00:00.000Z", "2026-12-01T09:00+24:00", "2026-12-01T09:00UTC",
    "２０２６-12-01 09:00",
  ])
  func refusesOtherShapes(text: String) {
    let message = invalidDataMessage { () throws(LabNetError) in try Instant(parsing: text) }
    #expect(
      message == "time must look like 2026-12-01 09:00 (China Standard Time) or ISO 8601 like "
        + "2026-12-01T09:00:00+08:00; got \"\(text)\"")
  }

  @Test func formatsInChinaStandardTimeAndUTC() {
    let instant = Instant(seconds: Self.december1st)
    #expect(instant.iso8601 == "2026-12-01T09:00:00+08:00")
    #expect(instant.utcBasic == "20261201T010000Z")
    #expect(instant.localText == "2026-12-01 09:00")
    #expect(instant.description == "2026-12-01T09:00:00+08:00")
    // 20:30 UTC is already tomorrow in Shanghai.
    let evening = Instant(seconds: Self.december1st + 19 * 3600 + 1800 + 5)
    #expect(evening.iso8601 == "2026-12-02T04:30:05+08:00")
    #expect(evening.utcBasic == "20261201T203005Z")
    #expect(Instant(seconds: -1).iso8601 == "1970-01-01T07:59:59+08:00")
    #expect(Instant(seconds: -28_801).utcBasic == "19691231T155959Z")
    #expect(Instant(seconds: -28_801).iso8601 == "1969-12-31T23:59:59+08:00")
  }

  @Test(arguments: [
    "2026-12-01T09:00:00+08:00", "2024-02-29T00:00:00+08:00", "1969-12-31T23:59:59+08:00",
    "2099-12-31T23:59:59+08:00", "2026-01-01T00:00:00+08:00",
  ])
  func iso8601RoundTrips(text: String) throws {
    #expect(try Instant(parsing: text).iso8601 == text)
  }

  @Test func localCalendarFields() throws {
    let instant = try Instant(parsing: "2026-12-01T23:45:10Z")  // 2026-12-02 07:45 CST
    #expect(instant.localDate == (try LocalDate(year: 2026, month: 12, day: 2)))
    #expect(instant.weekday == .wednesday)
    #expect(instant.minuteOfDay == 7 * 60 + 45)
    let midnight = try Instant(parsing: "2026-12-07 00:00")
    #expect(midnight.weekday == .monday)
    #expect(midnight.minuteOfDay == 0)
    #expect((midnight - 1).weekday == .sunday)
    #expect((midnight - 1).minuteOfDay == 1439)
    #expect(Instant(seconds: -1).weekday == .thursday)
  }

  @Test func arithmeticAndOrder() {
    var instant = Instant(seconds: 100)
    instant += 50
    #expect(instant == Instant(seconds: 150))
    #expect(instant + 10 == Instant(seconds: 160))
    #expect(instant - 10 == Instant(seconds: 140))
    #expect(Instant(seconds: 160) - instant == 10)
    #expect(Instant(seconds: 1) < Instant(seconds: 2))
  }

  @Test func nowIsRecent() {
    let now = Instant.now()
    #expect(now > (try? Instant(parsing: "2025-01-01 00:00")) ?? Instant(seconds: .max))
    #expect(now.seconds < 4_102_444_800)  // 2100
  }

  @Test func codesAsBareSeconds() throws {
    #expect(try jsonText(Instant(seconds: Self.december1st)) == "1796086800")
    #expect(try decodeJSON(Instant.self, "-5") == Instant(seconds: -5))
  }
}
