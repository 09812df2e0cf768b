import InstrumentNetwork
import Testing

struct OpeningHoursTests {
  private func at(_ text: String) throws -> Instant {
    try Instant(parsing: text)
  }

  private func interval(_ from: String, _ to: String) throws -> Range<Instant> {
    try at(from)..<at(to)
  }

  @Test func standardIsWeekdaysEightToTwenty() {
    #expect(
      OpeningHours.standard.weeklyRanges == [
        480..<1200, 1920..<2640, 3360..<4080, 4800..<5520, 6240..<6960,
      ])
    #expect(OpeningHours.standard.weeklyOpenMinutes == 5 * 12 * 60)
    #expect(!OpeningHours.standard.is24x7)
    #expect(OpeningHours.allWeek.is24x7)
    #expect(OpeningHours.allWeek.weeklyOpenMinutes == 10_080)
  }

  @Test func initMergesClampsAndSorts() {
    let hours = OpeningHours(weeklyRanges: [
      600..<700, -5..<10, 650..<800, 800..<900, 10_000..<20_000,
    ])
    #expect(hours.weeklyRanges == [0..<10, 600..<900, 10_000..<10_080])
    #expect(OpeningHours(weeklyRanges: [0..<5000, 5000..<10_080]).is24x7)
  }

  @Test func isOpenAt() throws {
    let hours = OpeningHours.standard
    #expect(hours.isOpen(at: try at("2026-12-07 08:00")))  // Monday
    #expect(hours.isOpen(at: try at("2026-12-07 19:59:59")))
    #expect(!hours.isOpen(at: try at("2026-12-07 20:00")))
    #expect(!hours.isOpen(at: try at("2026-12-07 07:59")))
    #expect(!hours.isOpen(at: try at("2026-12-12 10:00")))  // Saturday
    #expect(hours.isOpen(at: try at("2026-12-07T00:30:00Z")))  // 08:30 in Shanghai
  }

  @Test func openIntervalsOfAStandardWeek() throws {
    let intervals = OpeningHours.standard.openIntervals(
      from: try at("2026-12-05 00:00"), to: try at("2026-12-09 12:00"))
    #expect(
      intervals == [
        try interval("2026-12-07 08:00", "2026-12-07 20:00"),
        try interval("2026-12-08 08:00", "2026-12-08 20:00"),
        try interval("2026-12-09 08:00", "2026-12-09 12:00"),
      ])
  }

  @Test func openIntervalsClipToTheWindow() throws {
    let intervals = OpeningHours.standard.openIntervals(
      from: try at("2026-12-07 09:17:30"), to: try at("2026-12-07 10:00"))
    #expect(intervals == [try interval("2026-12-07 09:17:30", "2026-12-07 10:00")])
    #expect(
      OpeningHours.standard.openIntervals(
        from: try at("2026-12-07 21:00"), to: try at("2026-12-08 07:00")
      ).isEmpty)
    #expect(
      OpeningHours.standard.openIntervals(
        from: try at("2026-12-08 10:00"), to: try at("2026-12-07 10:00")
      ).isEmpty)
  }

  @Test func allWeekGivesOneIntervalAcrossWeeks() throws {
    let from = try at("2026-12-03 13:00")
    let to = try at("2027-01-20 02:00")
    #expect(OpeningHours.allWeek.openIntervals(from: from, to: to) == [from..<to])
  }

  @Test func intervalsMergeAcrossMidnightAndTheWeekEnd() throws {
    let hours = try OpeningHours(
      parsing: "Sun 20:00-24:00; Mon 00:00-06:00, 22:00-24:00; Tue 00:00-02:00")
    let intervals = hours.openIntervals(
      from: try at("2026-12-06 00:00"), to: try at("2026-12-14 00:00"))
    #expect(
      intervals == [
        try interval("2026-12-06 20:00", "2026-12-07 06:00"),
        try interval("2026-12-07 22:00", "2026-12-08 02:00"),
        try interval("2026-12-13 20:00", "2026-12-14 00:00"),
      ])
  }

  @Test func intervalsBeforeTheEpochUseTheRightWeek() throws {
    let intervals = OpeningHours.standard.openIntervals(
      from: try at("1969-12-29 00:00"), to: try at("1969-12-30 00:00"))
    #expect(intervals == [try interval("1969-12-29 08:00", "1969-12-29 20:00")])
  }

  @Test func coversOnlyWhollyOpenIntervals() throws {
    let hours = OpeningHours.standard
    #expect(hours.covers(try interval("2026-12-07 08:00", "2026-12-07 20:00")))
    #expect(hours.covers(try interval("2026-12-07 09:00", "2026-12-07 11:30")))
    #expect(!hours.covers(try interval("2026-12-07 19:00", "2026-12-07 20:15")))
    #expect(!hours.covers(try interval("2026-12-07 07:45", "2026-12-07 09:00")))
    #expect(!hours.covers(try interval("2026-12-07 19:00", "2026-12-08 09:00")))
    #expect(!hours.covers(try interval("2026-12-12 09:00", "2026-12-12 10:00")))
    let instant = try at("2026-12-07 09:00")
    #expect(!hours.covers(instant..<instant))
    #expect(OpeningHours.allWeek.covers(try interval("2026-12-11 09:00", "2026-12-14 09:00")))
    let nights = try OpeningHours(parsing: "Mon 20:00-24:00; Tue 00:00-08:00")
    #expect(nights.covers(try interval("2026-12-07 22:00", "2026-12-08 03:00")))
  }

  @Test func codesAsText() throws {
    let hours = try OpeningHours(parsing: "Mon-Fri 08:00-20:00; Sat 09:00-12:00")
    #expect(try jsonText(hours) == #""Mon-Fri 08:00-20:00; Sat 09:00-12:00""#)
    #expect(try decodeJSON(OpeningHours.self, #""24/7""#) == .allWeek)
    #expect(throws: DecodingError.self) { try decodeJSON(OpeningHours.self, #""Mon 8-20""#) }
  }
}
