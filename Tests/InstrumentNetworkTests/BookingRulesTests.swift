import InstrumentNetwork
import Testing

/// `now` is Monday 2026-12-07 08:00 China Standard Time; instrument 12 belongs to unit 3.
struct BookingRulesTests {
  private let rules = BookingRules.standard

  private func at(_ text: String) throws -> Instant {
    try Instant(parsing: text)
  }

  private func interval(_ from: String, _ to: String) throws -> Range<Instant> {
    try at(from)..<at(to)
  }

  private func instrument(
    value: Money = Money(yuanWhole: 600_000), hours: OpeningHours = .standard,
    status: InstrumentStatus = .inService, isShared: Bool = true, granularity: Int = 15
  ) -> Instrument {
    Instrument(
      id: 12, unitID: 3, name: "透射电子显微镜", category: .analytical, value: value,
      hourlyRate: Money(yuanWhole: 800), openingHours: hours, status: status,
      isShared: isShared, granularityMinutes: granularity)
  }

  /// Checks `from..<to` with the standard rules, booked from unit `unit` at `now`.
  private func check(
    _ from: String, _ to: String, on instrument: Instrument? = nil, unit: Int64 = 3,
    now: String = "2026-12-07 08:00"
  ) throws -> ReservationStatus {
    try rules.check(
      try interval(from, to), instrument: instrument ?? self.instrument(), bookerUnitID: unit,
      now: try at(now))
  }

  /// The message of the `.refused` error `body` throws, or nil if it succeeds or throws another case.
  private func refusal<Value>(_ body: () throws -> Value) -> String? {
    do {
      _ = try body()
      return nil
    } catch let error as LabNetError where error.kind == .refused {
      return error.message
    } catch {
      return nil
    }
  }

  private func closedMessage(_ local: String, _ day: String, hours: String = "Mon-Fri 08:00-20:00")
    -> String
  {
    "instrument 12 is closed at \(local) (\(day)); its opening hours are \(hours)"
  }

  // MARK: - Outcome

  @Test func validWeekdayBookingIsConfirmed() throws {
    #expect(try check("2026-12-07 09:00", "2026-12-07 11:00") == .confirmed)
    #expect(try check("2026-12-11 08:00", "2026-12-11 20:00") == .confirmed)  // a whole Friday
  }

  @Test func flagshipBookingsStartPending() throws {
    let flagship = instrument(value: Money(yuanWhole: 10_000_000))
    #expect(flagship.tier == .flagship)
    #expect(try check("2026-12-07 09:00", "2026-12-07 11:00", on: flagship) == .pending)
    let major = instrument(value: Money(fen: 999_999_999))
    #expect(major.tier == .major)
    #expect(try check("2026-12-07 09:00", "2026-12-07 11:00", on: major) == .confirmed)
  }

  @Test func defaultsAreSeventyTwoHoursAndNinetyDays() {
    #expect(BookingRules.standard.maximumSeconds == 259_200)
    #expect(BookingRules.standard.horizonSeconds == 7_776_000)
    #expect(BookingRules() == .standard)
  }

  // MARK: - Order

  @Test func endBeforeStartIsInvalidNamingBothTimes() throws {
    let start = try at("2026-12-07 11:00")
    let end = try at("2026-12-07 09:00")
    #expect(
      invalidDataMessage { () throws(LabNetError) in
        try BookingRules.interval(from: start, to: end)
      }
        == "the end must be after the start: --to 2026-12-07T09:00:00+08:00 is not after "
        + "--from 2026-12-07T11:00:00+08:00")
  }

  @Test func zeroLengthIsInvalid() throws {
    let moment = try at("2026-12-07 09:00")
    let message =
      "the end must be after the start: --to 2026-12-07T09:00:00+08:00 is not after "
      + "--from 2026-12-07T09:00:00+08:00"
    #expect(
      invalidDataMessage { () throws(LabNetError) in
        try BookingRules.interval(from: moment, to: moment)
      } == message)
    #expect(
      invalidDataMessage { () throws(LabNetError) in try BookingRules.checkOrder(moment..<moment) }
        == message)
    let item = instrument()
    let now = try at("2026-12-07 08:00")
    #expect(
      invalidDataMessage { () throws(LabNetError) in
        try rules.check(moment..<moment, instrument: item, bookerUnitID: 3, now: now)
      } == message)
  }

  @Test func intervalFromStartToEnd() throws {
    let start = try at("2026-12-07 09:00")
    let end = try at("2026-12-07 09:00:01")
    #expect(try BookingRules.interval(from: start, to: end) == start..<end)
  }

  // MARK: - Grid

  @Test func offGridStartIsRefused() {
    #expect(
      refusal { try check("2026-12-07 09:07", "2026-12-07 10:00") }
        == "bookings of instrument 12 start and end on 15-minute steps from midnight; "
        + "2026-12-07T09:07:00+08:00 is not on a step")
  }

  @Test func offGridEndIsRefused() {
    #expect(
      refusal { try check("2026-12-07 09:00", "2026-12-07 10:50") }
        == "bookings of instrument 12 start and end on 15-minute steps from midnight; "
        + "2026-12-07T10:50:00+08:00 is not on a step")
  }

  @Test func startOffGridBySecondsIsRefused() {
    #expect(refusal { try check("2026-12-07 09:00:30", "2026-12-07 10:00") } != nil)
    #expect(refusal { try check("2026-12-07 09:00", "2026-12-07 09:59:59") } != nil)
  }

  @Test func thirtyMinuteGranularity() throws {
    let coarse = instrument(granularity: 30)
    #expect(
      refusal { try check("2026-12-07 09:15", "2026-12-07 10:00", on: coarse) }
        == "bookings of instrument 12 start and end on 30-minute steps from midnight; "
        + "2026-12-07T09:15:00+08:00 is not on a step")
    #expect(
      refusal { try check("2026-12-07 09:00", "2026-12-07 10:45", on: coarse) }
        == "bookings of instrument 12 start and end on 30-minute steps from midnight; "
        + "2026-12-07T10:45:00+08:00 is not on a step")
    #expect(try check("2026-12-07 09:30", "2026-12-07 10:00", on: coarse) == .confirmed)
  }

  @Test func gridIsInChinaStandardTime() throws {
    // 09:00 in India (+05:30) is 11:30 in Shanghai: off an hourly grid.
    let hourly = instrument(granularity: 60)
    #expect(
      refusal { try check("2026-12-07T09:00+05:30", "2026-12-07 13:00", on: hourly) }
        == "bookings of instrument 12 start and end on 60-minute steps from midnight; "
        + "2026-12-07T11:30:00+08:00 is not on a step")
    #expect(try check("2026-12-07T09:30+05:30", "2026-12-07 13:00", on: hourly) == .confirmed)
  }

  @Test func checkGridAloneChecksBothEnds() throws {
    let item = instrument()
    #expect(throws: Never.self) {
      try rules.checkGrid(try interval("2026-12-07 09:00", "2026-12-07 09:15"), instrument: item)
    }
    #expect(
      refusal {
        try rules.checkGrid(try interval("2026-12-07 09:00", "2026-12-07 09:16"), instrument: item)
      }
        == "bookings of instrument 12 start and end on 15-minute steps from midnight; "
        + "2026-12-07T09:16:00+08:00 is not on a step")
  }

  @Test func isOnGridCountsFromLocalMidnight() throws {
    let eightHours: Int64 = 480 * 60
    #expect(BookingRules.isOnGrid(try at("2026-12-07 08:00"), step: eightHours))
    #expect(BookingRules.isOnGrid(try at("2026-12-07T00:00:00Z"), step: eightHours))
    #expect(try at("2026-12-07T00:00:00Z") == at("2026-12-07 08:00"))
    #expect(BookingRules.isOnGrid(try at("2026-12-07 00:00"), step: eightHours))
    #expect(BookingRules.isOnGrid(try at("2026-12-07 16:00"), step: eightHours))
    #expect(!BookingRules.isOnGrid(try at("2026-12-07 09:00"), step: eightHours))
    #expect(!BookingRules.isOnGrid(try at("2026-12-07 12:00"), step: eightHours))
    // Steps that do not divide 8 hours tell local midnight from UTC midnight.
    let day: Int64 = 86_400
    #expect(BookingRules.isOnGrid(try at("2026-12-07 00:00"), step: day))
    #expect(!BookingRules.isOnGrid(try at("2026-12-07T00:00:00Z"), step: day))
    let ninetyMinutes: Int64 = 5_400
    #expect(BookingRules.isOnGrid(try at("2026-12-07 09:00"), step: ninetyMinutes))
    #expect(!BookingRules.isOnGrid(try at("2026-12-07 08:00"), step: ninetyMinutes))
  }

  @Test func isOnGridWithFifteenMinutes() throws {
    #expect(BookingRules.isOnGrid(try at("2026-12-07 09:15"), step: 900))
    #expect(!BookingRules.isOnGrid(try at("2026-12-07 09:07"), step: 900))
    #expect(!BookingRules.isOnGrid(try at("2026-12-07 09:00:30"), step: 900))
    #expect(BookingRules.isOnGrid(try at("1969-12-31 23:45"), step: 900))
    #expect(!BookingRules.isOnGrid(try at("1969-12-31 23:50"), step: 900))
  }

  // MARK: - Length

  @Test func longerThanSeventyTwoHoursIsRefused() {
    let always = instrument(hours: .allWeek)
    #expect(
      refusal { try check("2026-12-07 09:00", "2026-12-10 09:15", on: always) }
        == "a booking of instrument 12 may last at most 72h; this one lasts 72h15m")
  }

  @Test func exactlySeventyTwoHoursIsAccepted() throws {
    let always = instrument(hours: .allWeek)
    #expect(try check("2026-12-07 09:00", "2026-12-10 09:00", on: always) == .confirmed)
  }

  @Test func maximumIsTheInstruments() throws {
    var short = instrument()
    short.rules.maximumMinutes = 4 * 60
    let now = try at("2026-12-07 08:00")
    #expect(
      refusal {
        try rules.check(
          try interval("2026-12-07 09:00", "2026-12-07 14:00"), instrument: short,
          bookerUnitID: 3, now: now)
      } == "a booking of instrument 12 may last at most 4h; this one lasts 5h")
    #expect(
      try rules.check(
        try interval("2026-12-07 09:00", "2026-12-07 13:00"), instrument: short, bookerUnitID: 3,
        now: now) == .confirmed)
  }

  @Test func minimumNoticeIsTheInstruments() throws {
    var careful = instrument()
    careful.rules.minimumNoticeMinutes = 24 * 60
    #expect(
      refusal { try check("2026-12-07 09:00", "2026-12-07 10:00", on: careful) }
        == "instrument 12 is booked at least 24h ahead, from 2026-12-08T08:00:00+08:00; "
        + "2026-12-07T09:00:00+08:00 is sooner")
    #expect(try check("2026-12-08 08:00", "2026-12-08 09:00", on: careful) == .confirmed)
  }

  @Test func horizonIsTheInstruments() throws {
    var near = instrument()
    near.rules.horizonDays = 7
    #expect(
      refusal { try check("2026-12-15 09:00", "2026-12-15 10:00", on: near) }
        == "bookings of instrument 12 open at most 7 days ahead, until 2026-12-14T08:00:00+08:00; "
        + "2026-12-15T09:00:00+08:00 is beyond that")
    #expect(try check("2026-12-14 08:00", "2026-12-14 09:00", on: near) == .confirmed)
  }

  @Test func approvalIsTheInstrumentsWhateverItsTier() throws {
    var asked = instrument()
    asked.rules.approvalRequired = true
    #expect(try check("2026-12-07 09:00", "2026-12-07 10:00", on: asked) == .pending)
    var trusted = instrument(value: Money(yuanWhole: 10_000_000))
    trusted.rules.approvalRequired = false
    #expect(try check("2026-12-07 09:00", "2026-12-07 10:00", on: trusted) == .confirmed)
  }

  @Test func rulesOutsideTheNetworksCeilingsAreRefused() {
    let standard = InstrumentRules.standard(for: .large)
    #expect(throws: LabNetError.self) {
      try InstrumentRuleChanges(maximumMinutes: 73 * 60).applied(to: standard)
    }
    #expect(throws: LabNetError.self) {
      try InstrumentRuleChanges(horizonDays: 91).applied(to: standard)
    }
    #expect(throws: LabNetError.self) {
      try InstrumentRuleChanges(lateCancellationPercent: 101).applied(to: standard)
    }
    #expect(throws: LabNetError.self) {
      try InstrumentRuleChanges(horizonDays: 0).applied(to: standard)
    }
  }

  // MARK: - Past and horizon

  @Test func startBeforeNowIsRefused() {
    let always = instrument(hours: .allWeek)
    #expect(
      refusal { try check("2026-12-07 07:45", "2026-12-07 09:00", on: always) }
        == "a booking cannot start in the past: 2026-12-07T07:45:00+08:00 is before now "
        + "(2026-12-07T08:00:00+08:00)")
    #expect(
      refusal { try check("2026-12-04 09:00", "2026-12-04 10:00") }
        == "a booking cannot start in the past: 2026-12-04T09:00:00+08:00 is before now "
        + "(2026-12-07T08:00:00+08:00)")
    #expect(
      refusal { try check("2026-12-07 08:00", "2026-12-07 09:00", now: "2026-12-07 08:00:01") }
        == "a booking cannot start in the past: 2026-12-07T08:00:00+08:00 is before now "
        + "(2026-12-07T08:00:01+08:00)")
  }

  @Test func startExactlyNowIsAccepted() throws {
    #expect(try check("2026-12-07 08:00", "2026-12-07 09:00") == .confirmed)
  }

  @Test func startBeyondNinetyDaysIsRefused() {
    // 2027-03-07 is a Sunday, 90 days after Monday 2026-12-07.
    let always = instrument(hours: .allWeek)
    #expect(
      refusal { try check("2027-03-07 08:15", "2027-03-07 09:00", on: always) }
        == "bookings of instrument 12 open at most 90 days ahead, until 2027-03-07T08:00:00+08:00; "
        + "2027-03-07T08:15:00+08:00 is beyond that")
  }

  @Test func startExactlyAtTheHorizonIsAccepted() throws {
    let always = instrument(hours: .allWeek)
    #expect(try check("2027-03-07 08:00", "2027-03-07 09:00", on: always) == .confirmed)
    // Only the start must fall inside the horizon.
    #expect(try check("2027-03-07 08:00", "2027-03-09 08:00", on: always) == .confirmed)
  }

  // MARK: - Opening hours

  @Test func saturdayOnAWeekdayInstrumentIsRefused() {
    #expect(
      refusal { try check("2026-12-12 10:00", "2026-12-12 11:00") }
        == closedMessage("2026-12-12 10:00", "Saturday"))
  }

  @Test func runningPastClosingIsRefused() throws {
    #expect(
      refusal { try check("2026-12-07 19:00", "2026-12-07 20:15") }
        == closedMessage("2026-12-07 20:00", "Monday"))
    #expect(
      refusal { try check("2026-12-07 19:00", "2026-12-08 09:00") }
        == closedMessage("2026-12-07 20:00", "Monday"))
    #expect(try check("2026-12-07 19:00", "2026-12-07 20:00") == .confirmed)
  }

  @Test func startingBeforeOpeningIsRefused() throws {
    #expect(
      refusal { try check("2026-12-08 07:45", "2026-12-08 09:00") }
        == closedMessage("2026-12-08 07:45", "Tuesday"))
    #expect(
      refusal { try check("2026-12-07 20:00", "2026-12-08 09:00") }
        == closedMessage("2026-12-07 20:00", "Monday"))
    #expect(try check("2026-12-08 08:00", "2026-12-08 09:00") == .confirmed)
  }

  @Test func gapInTheOpeningHoursIsRefused() throws {
    let hours = try OpeningHours(parsing: "Mon-Fri 08:00-12:00,13:00-17:00; Sat 09:00-12:00")
    let lunch = instrument(hours: hours)
    #expect(
      refusal { try check("2026-12-07 11:00", "2026-12-07 14:00", on: lunch) }
        == closedMessage(
          "2026-12-07 12:00", "Monday", hours: "Mon-Fri 08:00-12:00,13:00-17:00; Sat 09:00-12:00"))
    #expect(try check("2026-12-12 09:00", "2026-12-12 12:00", on: lunch) == .confirmed)
  }

  @Test func closedInstrumentIsRefused() throws {
    let closed = instrument(hours: try OpeningHours(parsing: "closed"))
    #expect(
      refusal { try check("2026-12-07 09:00", "2026-12-07 10:00", on: closed) }
        == closedMessage("2026-12-07 09:00", "Monday", hours: "closed"))
  }

  @Test func allWeekAcceptsSundayNightAndTheWeekEnd() throws {
    let always = instrument(hours: .allWeek)
    #expect(try check("2026-12-13 03:00", "2026-12-13 05:00", on: always) == .confirmed)
    #expect(try check("2026-12-13 22:00", "2026-12-14 02:00", on: always) == .confirmed)
    #expect(refusal { try check("2026-12-13 03:00", "2026-12-13 05:00") } != nil)
  }

  // MARK: - Status and sharing

  @Test func retiredInstrumentIsRefused() {
    let retired = instrument(status: .retired)
    let message = "instrument 12 is retired and can no longer be booked"
    #expect(refusal { try check("2026-12-07 09:00", "2026-12-07 10:00", on: retired) } == message)
    // The status is told before any problem with the times.
    #expect(refusal { try check("2026-12-12 09:07", "2026-12-12 10:00", on: retired) } == message)
  }

  @Test func instrumentUnderMaintenanceIsRefused() {
    let fixing = instrument(status: .underMaintenance)
    #expect(
      refusal { try check("2026-12-07 09:00", "2026-12-07 10:00", on: fixing) }
        == "instrument 12 is under maintenance and cannot be booked now")
  }

  @Test func unsharedInstrumentOnlyForItsOwnUnit() throws {
    let own = instrument(isShared: false)
    #expect(
      refusal { try check("2026-12-07 09:00", "2026-12-07 10:00", on: own, unit: 4) }
        == "instrument 12 is not shared: only its own unit's researchers may book it")
    #expect(try check("2026-12-07 09:00", "2026-12-07 10:00", on: own, unit: 3) == .confirmed)
    #expect(try check("2026-12-07 09:00", "2026-12-07 10:00", unit: 4) == .confirmed)
  }

  // MARK: - Offsets

  @Test func inputWithAnOffsetIsTheSameAsLocal() throws {
    let utc = try interval("2026-12-07T01:00:00Z", "2026-12-07T03:00:00Z")
    #expect(utc == (try interval("2026-12-07 09:00", "2026-12-07 11:00")))
    #expect(try check("2026-12-07T01:00:00Z", "2026-12-07T03:00:00Z") == .confirmed)
    #expect(try check("2026-12-07T09:00:00+08:00", "2026-12-07T11:00+0800") == .confirmed)
    // 09:00 in New York is 22:00 in Shanghai, after closing.
    #expect(
      refusal { try check("2026-12-07T09:00:00-05:00", "2026-12-07T10:00:00-05:00") }
        == closedMessage("2026-12-07 22:00", "Monday"))
    // 23:00 UTC on Friday is 07:00 on Saturday in Shanghai.
    #expect(
      refusal { try check("2026-12-11T23:00:00Z", "2026-12-12T00:00:00Z") }
        == closedMessage("2026-12-12 07:00", "Saturday"))
  }
}
