/// The rules a booking must keep: start and end on the instrument's
/// granularity, not in the past, inside opening hours, the instrument in
/// service, a non-shared instrument only for its own unit, and the
/// instrument's own rules (`InstrumentRules`): its longest booking, its
/// notice, its horizon and whether it needs approval.
public struct BookingRules: Sendable, Hashable {
  /// The network's ceilings, which no instrument's rules exceed: the
  /// longest booking and how far ahead one may start, in seconds.
  public var maximumSeconds: Int64 { Int64(InstrumentRules.longestMinutes) * 60 }
  public var horizonSeconds: Int64 { Int64(InstrumentRules.furthestHorizonDays) * 86_400 }

  public static let standard = BookingRules()

  public init() {}

  /// Checks `interval` for `instrument`, booked by someone of unit
  /// `bookerUnitID` at `now`; returns the status the booking starts in
  /// (pending when the instrument needs approval, else confirmed).
  public func check(
    _ interval: Range<Instant>, instrument: Instrument, bookerUnitID: Int64, now: Instant
  ) throws(LabNetError) -> ReservationStatus {
    try Self.checkOrder(interval)
    let id = instrument.id
    switch instrument.status {
    case .retired: throw .refused("instrument \(id) is retired and can no longer be booked")
    case .underMaintenance:
      throw .refused("instrument \(id) is under maintenance and cannot be booked now")
    case .inService: break
    }
    if !instrument.isShared && bookerUnitID != instrument.unitID {
      throw .refused("instrument \(id) is not shared: only its own unit's researchers may book it")
    }
    try checkGrid(interval, instrument: instrument)
    let rules = instrument.rules
    let length = interval.upperBound - interval.lowerBound
    if length > rules.maximumSeconds {
      throw .refused(
        "a booking of instrument \(id) may last at most \(BookingDuration(seconds: rules.maximumSeconds).text); this one lasts \(BookingDuration(seconds: length).text)"
      )
    }
    if interval.lowerBound < now {
      throw .refused(
        "a booking cannot start in the past: \(interval.lowerBound.iso8601) is before now (\(now.iso8601))"
      )
    }
    let earliest = now + rules.minimumNoticeSeconds
    if interval.lowerBound < earliest {
      throw .refused(
        "instrument \(id) is booked at least \(BookingDuration(seconds: rules.minimumNoticeSeconds).text) ahead, from \(earliest.iso8601); \(interval.lowerBound.iso8601) is sooner",
        code: "too_soon")
    }
    let horizon = now + rules.horizonSeconds
    if interval.lowerBound > horizon {
      throw .refused(
        "bookings of instrument \(id) open at most \(rules.horizonDays) days ahead, until \(horizon.iso8601); \(interval.lowerBound.iso8601) is beyond that"
      )
    }
    try checkOpen(interval, instrument: instrument)
    return rules.approvalRequired ? .pending : .confirmed
  }

  /// The interval from `start` to `end`, refused when it does not end after it starts.
  public static func interval(
    from start: Instant, to end: Instant, names: (start: String, end: String) = ("--from", "--to")
  ) throws(LabNetError) -> Range<Instant> {
    guard end > start else {
      throw .invalidData(
        "the end must be after the start: \(names.end) \(end.iso8601) is not after \(names.start) \(start.iso8601)"
      )
    }
    return start..<end
  }

  /// Refuses an empty interval (a zero-length booking).
  public static func checkOrder(_ interval: Range<Instant>) throws(LabNetError) {
    _ = try Self.interval(from: interval.lowerBound, to: interval.upperBound)
  }

  /// Refuses a start or end off the instrument's granularity (in China Standard Time).
  public func checkGrid(_ interval: Range<Instant>, instrument: Instrument) throws(LabNetError) {
    let step = Int64(instrument.granularityMinutes) * 60
    for moment in [interval.lowerBound, interval.upperBound]
    where !Self.isOnGrid(moment, step: step) {
      throw .refused(
        "bookings of instrument \(instrument.id) start and end on \(instrument.granularityMinutes)-minute steps from midnight; \(moment.iso8601) is not on a step"
      )
    }
  }

  /// Whether `moment` falls on a multiple of `step` seconds from local midnight.
  public static func isOnGrid(_ moment: Instant, step: Int64) -> Bool {
    (moment.seconds + CivilCalendar.chinaOffsetSeconds) % step == 0
  }

  private func checkOpen(_ interval: Range<Instant>, instrument: Instrument) throws(LabNetError) {
    let hours = instrument.openingHours
    let open = hours.openIntervals(from: interval.lowerBound, to: interval.upperBound)
    guard open != [interval] else { return }
    let closedAt: Instant
    if let first = open.first, first.lowerBound == interval.lowerBound {
      closedAt = first.upperBound
    } else {
      closedAt = interval.lowerBound
    }
    throw .refused(
      "instrument \(instrument.id) is closed at \(closedAt.localText) (\(closedAt.weekday.name)); its opening hours are \(hours.text)"
    )
  }
}
