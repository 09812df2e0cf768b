import InstrumentNetwork
import Testing

struct ReportPeriodTests {
  private func at(_ text: String) throws -> Instant { try Instant(parsing: text) }

  @Test func aMonthRunsFromItsFirstToTheNextFirst() throws {
    #expect(
      try ReportPeriod.parse(from: nil, to: nil, month: "2026-11")
        == (try at("2026-11-01 00:00"))..<(try at("2026-12-01 00:00")))
    let december = try at("2026-12-01 00:00")..<at("2027-01-01 00:00")
    #expect(try ReportPeriod.month("2026-12") == december)
  }

  @Test func aYearIsTheCalendarYear() throws {
    #expect(
      try ReportPeriod.parse(from: nil, to: nil, year: "2026")
        == (try at("2026-01-01 00:00"))..<(try at("2027-01-01 00:00")))
  }

  @Test func bareDatesIncludeTheLastDay() throws {
    #expect(
      try ReportPeriod.parse(from: "2026-11-01", to: "2026-11-30")
        == (try at("2026-11-01 00:00"))..<(try at("2026-12-01 00:00")))
    // Times stay as they are: the end is exclusive.
    #expect(
      try ReportPeriod.parse(from: "2026-11-01 08:00", to: "2026-11-30 18:00")
        == (try at("2026-11-01 08:00"))..<(try at("2026-11-30 18:00")))
    #expect(try ReportPeriod.parse(from: nil, to: nil) == nil)
  }

  @Test func mixedOrMalformedPeriodsAreRefused() {
    #expect(throws: LabNetError.self) {
      try ReportPeriod.parse(from: "2026-11-01", to: "2026-11-30", month: "2026-11")
    }
    #expect(throws: LabNetError.self) {
      try ReportPeriod.parse(from: nil, to: nil, month: "2026-13")
    }
    #expect(throws: LabNetError.self) {
      try ReportPeriod.parse(from: nil, to: nil, month: "11/2026")
    }
    #expect(throws: LabNetError.self) { try ReportPeriod.parse(from: nil, to: nil, year: "26") }
    #expect(throws: LabNetError.self) { try ReportPeriod.parse(from: "2026-11-01", to: nil) }
  }
}
