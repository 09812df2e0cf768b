import InstrumentNetwork
import Testing

/// 2026-12-07 is a Monday; times without an offset are China Standard Time (UTC+8).
struct FreeTimeTests {
  private func at(_ text: String) throws -> Instant {
    try Instant(parsing: text)
  }

  private func interval(_ from: String, _ to: String) throws -> Range<Instant> {
    try at(from)..<at(to)
  }

  /// Intervals on Monday 2026-12-07, written as `HH:MM` pairs.
  private func monday(_ pairs: [(String, String)]) throws -> [Range<Instant>] {
    try pairs.map { try interval("2026-12-07 \($0.0)", "2026-12-07 \($0.1)") }
  }

  private var mondayHours: [Range<Instant>] {
    get throws { try monday([("08:00", "20:00")]) }
  }

  // MARK: - slots

  @Test func noBusyTimeLeavesTheOpenIntervals() throws {
    let open = OpeningHours.standard.openIntervals(
      from: try at("2026-12-07 00:00"), to: try at("2026-12-09 00:00"))
    let expected = [
      try interval("2026-12-07 08:00", "2026-12-07 20:00"),
      try interval("2026-12-08 08:00", "2026-12-08 20:00"),
    ]
    #expect(open == expected)
    #expect(FreeTime.slots(open: open, busy: [], step: 900) == expected)
    #expect(FreeTime.slots(open: open, busy: [], step: nil) == expected)
    #expect(FreeTime.slots(open: [], busy: try mondayHours, step: 900).isEmpty)
  }

  @Test func busyCoveringEverythingLeavesNothing() throws {
    let open = OpeningHours.standard.openIntervals(
      from: try at("2026-12-07 00:00"), to: try at("2026-12-09 00:00"))
    let whole = [try interval("2026-12-06 23:00", "2026-12-09 01:00")]
    #expect(FreeTime.slots(open: open, busy: whole, step: 900).isEmpty)
    #expect(FreeTime.slots(open: open, busy: whole, step: nil).isEmpty)
    // Busy exactly on the open intervals, in reverse order.
    #expect(FreeTime.slots(open: open, busy: open.reversed(), step: nil).isEmpty)
  }

  @Test func backToBackBookingsLeaveTheExactGaps() throws {
    let busy = try monday([("09:00", "10:00"), ("10:00", "11:00"), ("13:00", "14:00")])
    let free = FreeTime.slots(open: try mondayHours, busy: busy, step: 900)
    #expect(free == (try monday([("08:00", "09:00"), ("11:00", "13:00"), ("14:00", "20:00")])))
    #expect(FreeTime.slots(open: try mondayHours, busy: busy, step: nil) == free)
  }

  @Test func bookingsAtBothEdgesOfTheDay() throws {
    let busy = try monday([("08:00", "09:00"), ("19:00", "20:00")])
    #expect(
      FreeTime.slots(open: try mondayHours, busy: busy, step: 900)
        == (try monday([("09:00", "19:00")])))
  }

  @Test func unsortedOverlappingBusyIntervals() throws {
    let busy = try monday([
      ("15:00", "16:00"), ("09:30", "11:00"), ("10:00", "12:00"), ("15:30", "15:45"),
      ("08:00", "08:30"), ("10:15", "10:30"),
    ])
    #expect(
      FreeTime.slots(open: try mondayHours, busy: busy, step: 900)
        == (try monday([("08:30", "09:30"), ("12:00", "15:00"), ("16:00", "20:00")])))
  }

  @Test func busyOutsideTheOpenHoursOrEmptyChangesNothing() throws {
    let moment = try at("2026-12-07 10:00")
    let busy = [
      try interval("2026-12-07 20:00", "2026-12-07 23:00"),
      try interval("2026-12-07 06:00", "2026-12-07 08:00"),
      moment..<moment,
      try interval("2026-12-12 09:00", "2026-12-12 12:00"),
    ]
    #expect(FreeTime.slots(open: try mondayHours, busy: busy, step: 900) == (try mondayHours))
  }

  @Test func busyAcrossMidnightSpansTwoOpenIntervals() throws {
    let open = OpeningHours.standard.openIntervals(
      from: try at("2026-12-07 00:00"), to: try at("2026-12-10 00:00"))
    let busy = [
      try interval("2026-12-07 18:00", "2026-12-08 10:00"),
      try interval("2026-12-08 19:30", "2026-12-09 08:45"),
    ]
    #expect(
      FreeTime.slots(open: open, busy: busy, step: 900) == [
        try interval("2026-12-07 08:00", "2026-12-07 18:00"),
        try interval("2026-12-08 10:00", "2026-12-08 19:30"),
        try interval("2026-12-09 08:45", "2026-12-09 20:00"),
      ])
  }

  @Test func oneBusyIntervalSwallowsAWholeOpenDay() throws {
    let open = OpeningHours.standard.openIntervals(
      from: try at("2026-12-07 00:00"), to: try at("2026-12-10 00:00"))
    let busy = [try interval("2026-12-07 12:00", "2026-12-09 12:00")]
    #expect(
      FreeTime.slots(open: open, busy: busy, step: 900) == [
        try interval("2026-12-07 08:00", "2026-12-07 12:00"),
        try interval("2026-12-09 12:00", "2026-12-09 20:00"),
      ])
  }

  @Test func allWeekOverSeveralDaysMinusBookings() throws {
    // Thursday noon to the next Monday noon, across a week boundary.
    let open = OpeningHours.allWeek.openIntervals(
      from: try at("2026-12-10 12:00"), to: try at("2026-12-14 12:00"))
    #expect(open == [try interval("2026-12-10 12:00", "2026-12-14 12:00")])
    let busy = [
      try interval("2026-12-12 22:00", "2026-12-13 02:00"),
      try interval("2026-12-11 09:00", "2026-12-11 17:00"),
      try interval("2026-12-13 23:30", "2026-12-14 00:30"),
    ]
    #expect(
      FreeTime.slots(open: open, busy: busy, step: 900) == [
        try interval("2026-12-10 12:00", "2026-12-11 09:00"),
        try interval("2026-12-11 17:00", "2026-12-12 22:00"),
        try interval("2026-12-13 02:00", "2026-12-13 23:30"),
        try interval("2026-12-14 00:30", "2026-12-14 12:00"),
      ])
  }

  @Test func windowStartingMidSlotStartsAtTheNextStep() throws {
    let open = OpeningHours.standard.openIntervals(
      from: try at("2026-12-07 09:07"), to: try at("2026-12-07 11:53"))
    #expect(open == (try monday([("09:07", "11:53")])))
    #expect(FreeTime.slots(open: open, busy: [], step: 900) == (try monday([("09:15", "11:45")])))
    #expect(FreeTime.slots(open: open, busy: [], step: nil) == open)
  }

  @Test func windowStartingOneSecondAfterAStep() throws {
    let open = [try interval("2026-12-07 09:00:01", "2026-12-07 10:00")]
    #expect(FreeTime.slots(open: open, busy: [], step: 900) == (try monday([("09:15", "10:00")])))
  }

  @Test func freeGapsShorterThanOneStepVanish() throws {
    let busy = try monday([
      ("08:00", "09:00"), ("09:14", "10:00"),  // 14 minutes, on a step: gone
      ("10:15", "11:00"),  // 10:00-10:15, exactly one step: kept
      ("11:05", "11:10"),  // 11:00-11:05 short; 11:10-11:25 one step long but off the grid
      ("11:25", "12:00"),
      ("12:05", "12:20"),  // 12:00-12:05 gone; 12:20-12:40 is 20 minutes but holds no step
      ("12:40", "20:00"),
    ])
    #expect(
      FreeTime.slots(open: try mondayHours, busy: busy, step: 900)
        == (try monday([("10:00", "10:15")])))
    #expect(
      FreeTime.slots(open: try mondayHours, busy: busy, step: nil)
        == (try monday([
          ("09:00", "09:14"), ("10:00", "10:15"), ("11:00", "11:05"), ("11:10", "11:25"),
          ("12:00", "12:05"), ("12:20", "12:40"),
        ])))
  }

  @Test func busyEndingMidStepMovesTheFreeStartToTheNextStep() throws {
    let busy = try monday([("08:00", "09:40"), ("17:50", "20:00")])
    #expect(
      FreeTime.slots(open: try mondayHours, busy: busy, step: 900)
        == (try monday([("09:45", "17:45")])))
    let early = try monday([("08:00", "09:30:01")])
    #expect(
      FreeTime.slots(open: try mondayHours, busy: early, step: 900)
        == (try monday([("09:45", "20:00")])))
  }

  @Test func weekBoundaryWithWeekdayHours() throws {
    // Friday noon to Tuesday midnight: the weekend is closed.
    let open = OpeningHours.standard.openIntervals(
      from: try at("2026-12-11 12:00"), to: try at("2026-12-15 00:00"))
    #expect(
      open == [
        try interval("2026-12-11 12:00", "2026-12-11 20:00"),
        try interval("2026-12-14 08:00", "2026-12-14 20:00"),
      ])
    let weekend = [try interval("2026-12-12 00:00", "2026-12-14 00:00")]
    #expect(FreeTime.slots(open: open, busy: weekend, step: 900) == open)
    let acrossSunday = [try interval("2026-12-11 19:00", "2026-12-14 09:00")]
    #expect(
      FreeTime.slots(open: open, busy: acrossSunday, step: 900) == [
        try interval("2026-12-11 12:00", "2026-12-11 19:00"),
        try interval("2026-12-14 09:00", "2026-12-14 20:00"),
      ])
  }

  @Test func stepsOfThirtyAndSixtyMinutes() throws {
    let busy = try monday([("09:10", "10:20"), ("13:45", "14:05")])
    #expect(
      FreeTime.slots(open: try mondayHours, busy: busy, step: 1_800)
        == (try monday([("08:00", "09:00"), ("10:30", "13:30"), ("14:30", "20:00")])))
    #expect(
      FreeTime.slots(open: try mondayHours, busy: busy, step: 3_600)
        == (try monday([("08:00", "09:00"), ("11:00", "13:00"), ("15:00", "20:00")])))
  }

  @Test func stepNilOrOneKeepsExactEdges() throws {
    let busy = [
      try interval("2026-12-07 09:10", "2026-12-07 10:20:30"),
      try interval("2026-12-07 13:45", "2026-12-07 14:05"),
    ]
    let expected = [
      try interval("2026-12-07 08:00", "2026-12-07 09:10"),
      try interval("2026-12-07 10:20:30", "2026-12-07 13:45"),
      try interval("2026-12-07 14:05", "2026-12-07 20:00"),
    ]
    #expect(FreeTime.slots(open: try mondayHours, busy: busy, step: nil) == expected)
    #expect(FreeTime.slots(open: try mondayHours, busy: busy, step: 1) == expected)
  }

  @Test func stepsCountFromLocalMidnightNotUTC() throws {
    // 90-minute steps from 00:00 in Shanghai: 07:30, 09:00, 10:30, 12:00.
    // (From UTC midnight they would be 08:00, 09:30, 11:00 in Shanghai.)
    #expect(
      FreeTime.slots(open: try monday([("08:00", "12:00")]), busy: [], step: 5_400)
        == (try monday([("09:00", "12:00")])))
    // Day-long steps on a 24/7 instrument: whole local days only.
    let open = [try interval("2026-12-07 09:00", "2026-12-10 09:00")]
    #expect(
      FreeTime.slots(open: open, busy: [], step: 86_400)
        == [try interval("2026-12-08 00:00", "2026-12-10 00:00")])
  }

  @Test func stepsBeforeTheEpoch() throws {
    let open = [try interval("1969-12-29 08:07", "1969-12-29 11:53")]
    #expect(open[0].lowerBound.seconds < 0)
    #expect(
      FreeTime.slots(open: open, busy: [], step: 900)
        == [try interval("1969-12-29 08:15", "1969-12-29 11:45")])
  }

  // MARK: - firstRun

  @Test func firstRunIsTheEarliestLongEnoughRun() throws {
    let free = try monday([
      ("08:00", "09:00"), ("10:00", "10:30"), ("11:00", "15:00"), ("16:00", "22:00"),
    ])
    let run = { (seconds: Int64) in FreeTime.firstRun(of: seconds, in: free) }
    #expect(run(2 * 3_600) == (try interval("2026-12-07 11:00", "2026-12-07 13:00")))
    #expect(run(1_800) == (try interval("2026-12-07 08:00", "2026-12-07 08:30")))
    #expect(run(3_600) == (try interval("2026-12-07 08:00", "2026-12-07 09:00")))
    #expect(run(4 * 3_600) == (try interval("2026-12-07 11:00", "2026-12-07 15:00")))
    #expect(run(4 * 3_600 + 900) == (try interval("2026-12-07 16:00", "2026-12-07 20:15")))
    #expect(run(6 * 3_600) == (try interval("2026-12-07 16:00", "2026-12-07 22:00")))
  }

  @Test func firstRunIsNilWhenNoRunIsLongEnough() throws {
    let free = try monday([("08:00", "09:00"), ("09:15", "10:15")])
    #expect(FreeTime.firstRun(of: 3_601, in: free) == nil)
    #expect(FreeTime.firstRun(of: 2 * 3_600, in: free) == nil)
    #expect(FreeTime.firstRun(of: 900, in: []) == nil)
  }

  @Test func firstRunAfterSlots() throws {
    let busy = try monday([("09:00", "10:00"), ("11:00", "12:10")])
    let free = FreeTime.slots(open: try mondayHours, busy: busy, step: 900)
    #expect(
      FreeTime.firstRun(of: 4 * 3_600, in: free)
        == (try interval("2026-12-07 12:15", "2026-12-07 16:15")))
    #expect(FreeTime.firstRun(of: 8 * 3_600, in: free) == nil)
  }

  // MARK: - merged

  @Test func mergedJoinsOverlappingAndTouchingIntervals() throws {
    let moment = try at("2026-12-07 12:00")
    let intervals = try monday([
      ("13:00", "14:00"), ("09:00", "10:00"), ("10:00", "11:00"), ("09:30", "09:45"),
      ("13:30", "15:00"), ("16:00", "17:00"), ("16:00", "16:30"),
    ])
    #expect(
      FreeTime.merged(intervals + [moment..<moment])
        == (try monday([("09:00", "11:00"), ("13:00", "15:00"), ("16:00", "17:00")])))
  }

  @Test func mergedKeepsSeparateIntervalsSorted() throws {
    let intervals = try monday([("15:00", "16:00"), ("08:00", "09:00"), ("09:00:01", "10:00")])
    #expect(
      FreeTime.merged(intervals) == [
        try interval("2026-12-07 08:00", "2026-12-07 09:00"),
        try interval("2026-12-07 09:00:01", "2026-12-07 10:00"),
        try interval("2026-12-07 15:00", "2026-12-07 16:00"),
      ])
  }

  @Test func mergedKeepsTheOuterOfNestedIntervals() throws {
    #expect(
      FreeTime.merged(try monday([("09:00", "12:00"), ("10:00", "11:00"), ("09:00", "09:30")]))
        == (try monday([("09:00", "12:00")])))
  }

  @Test func mergedOfNothingAndOfEmptyIntervals() throws {
    let moment = try at("2026-12-07 12:00")
    #expect(FreeTime.merged([]).isEmpty)
    #expect(FreeTime.merged([moment..<moment, moment..<moment]).isEmpty)
  }
}
