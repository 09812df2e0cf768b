import InstrumentNetwork

/// An instrument with the earliest free run a search found.
public struct FreeRun: Sendable, Hashable {
  public var listing: InstrumentListing
  public var run: Range<Instant>
}

extension NetworkStore {
  /// The longest window availability looks at, in days.
  public static let availabilityWindowDays: Int64 = 92

  /// The free slots of one instrument in `window` (no account needed): its
  /// opening hours minus maintenance blocks minus reservations holding their
  /// time, from now on, on the instrument's granularity.
  public func freeSlots(instrumentID: Int64, window: Range<Instant>) throws -> (
    InstrumentListing, [Range<Instant>]
  ) {
    try Self.checkWindow(window)
    let listing = try instrument(id: instrumentID)
    guard listing.instrument.status == .inService else { return (listing, []) }
    let from = max(window.lowerBound, now())
    guard from < window.upperBound else { return (listing, []) }
    var busy: [Range<Instant>] = []
    let bounds: [SQLValue] = [
      .integer(instrumentID), .integer(from.seconds), .integer(window.upperBound.seconds),
    ]
    try database.query(
      "SELECT starts_at, ends_at FROM reservation WHERE instrument_id = ? AND ends_at > ? AND starts_at < ? AND status IN \(Self.holdingTime)",
      bounds
    ) { busy.append(Instant(seconds: $0.int64(0))..<Instant(seconds: $0.int64(1))) }
    try database.query(
      "SELECT starts_at, ends_at FROM maintenance_block WHERE instrument_id = ? AND ends_at > ? AND starts_at < ?",
      bounds
    ) { busy.append(Instant(seconds: $0.int64(0))..<Instant(seconds: $0.int64(1))) }
    let instrument = listing.instrument
    let free = FreeTime.slots(
      open: instrument.openingHours.openIntervals(from: from, to: window.upperBound), busy: busy,
      step: Int64(instrument.granularityMinutes) * 60)
    return (listing, free)
  }

  /// Instruments matching `filter` (in service, shared) that have a free run
  /// of `seconds` inside `window`, soonest first: one query for the
  /// candidates, one for the reservations and one for the blocks in the
  /// window, then the free-time algebra per instrument in memory.
  public func searchFreeRuns(
    window: Range<Instant>, seconds: Int64, filter: InstrumentFilter, maximumRate: Money?,
    limit: Int
  ) throws -> [FreeRun] {
    try Self.checkWindow(window)
    let from = max(window.lowerBound, now())
    guard from < window.upperBound else { return [] }
    var candidates = filter
    candidates.limit = nil
    candidates.includeRetired = false
    let listings = try instruments(matching: candidates).filter { listing in
      listing.instrument.status == .inService && listing.instrument.isShared
        && (maximumRate.map { listing.instrument.hourlyRate <= $0 } ?? true)
    }
    var busy: [Int64: [Range<Instant>]] = [:]
    let bounds: [SQLValue] = [.integer(from.seconds), .integer(window.upperBound.seconds)]
    for table in [
      "reservation WHERE ends_at > ? AND starts_at < ? AND status IN \(Self.holdingTime)",
      "maintenance_block WHERE ends_at > ? AND starts_at < ?",
    ] {
      try database.query("SELECT instrument_id, starts_at, ends_at FROM \(table)", bounds) {
        busy[$0.int64(0), default: []].append(
          Instant(seconds: $0.int64(1))..<Instant(seconds: $0.int64(2)))
      }
    }
    let horizon = now() + BookingRules.standard.horizonSeconds
    // Instruments share a handful of opening-hour patterns: compute each once.
    var openByHours: [OpeningHours: [Range<Instant>]] = [:]
    var runs: [FreeRun] = []
    for listing in listings {
      let instrument = listing.instrument
      let open =
        openByHours[instrument.openingHours]
        ?? {
          let intervals = instrument.openingHours.openIntervals(from: from, to: window.upperBound)
          openByHours[instrument.openingHours] = intervals
          return intervals
        }()
      let step = Int64(instrument.granularityMinutes) * 60
      let free = FreeTime.slots(open: open, busy: busy[instrument.id] ?? [], step: step)
      // A booking covers whole steps, and must start inside the booking horizon.
      let needed = (seconds + step - 1) / step * step
      if let run = FreeTime.firstRun(of: needed, in: free), run.lowerBound <= horizon {
        runs.append(FreeRun(listing: listing, run: run))
      }
    }
    runs.sort {
      ($0.run.lowerBound, $0.listing.instrument.id) < ($1.run.lowerBound, $1.listing.instrument.id)
    }
    return Array(runs.prefix(limit))
  }

  static func checkWindow(_ window: Range<Instant>) throws {
    try BookingRules.checkOrder(window)
    if window.upperBound - window.lowerBound > availabilityWindowDays * 86_400 {
      throw LabNetError.invalidData(
        "the window may span at most \(availabilityWindowDays) days; narrow --from/--to")
    }
  }

  /// Blocks an instrument for maintenance (its unit's manager). Refused where
  /// it covers bookings holding their time, unless `cancellingBookings`, which
  /// cancels them with the block's reason; returns the bookings cancelled.
  public func blockInstrument(
    id: Int64, interval: Range<Instant>, reason: String, cancellingBookings: Bool
  ) throws -> [Int64] {
    try BookingRules.checkOrder(interval)
    let actor = try actingAccount()
    return try write {
      let listing = try instrument(id: id, lockingRow: true)
      try actor.requireManager(
        of: listing.unit.id, unitName: listing.unit.name, to: "block instrument \(id)")
      let bounds: [SQLValue] = [
        .integer(id), .integer(interval.lowerBound.seconds), .integer(interval.upperBound.seconds),
      ]
      let covered = try database.rows(
        "SELECT id, starts_at FROM reservation WHERE instrument_id = ? AND ends_at > ? AND starts_at < ? AND status IN ('pending', 'confirmed') ORDER BY starts_at",
        bounds
      ) { ($0.int64(0), Instant(seconds: $0.int64(1))) }
      if !covered.isEmpty && !cancellingBookings {
        throw LabNetError.refused(
          "the block would cover \(covered.count) booking\(covered.count == 1 ? "" : "s") (\(covered.map { "\($0.0) at \($0.1.iso8601)" }.joined(separator: ", "))); add --cancel-bookings to cancel them with the reason"
        )
      }
      let time = now().seconds
      for (booking, _) in covered {
        try database.execute(
          "UPDATE reservation SET status = 'cancelled', status_reason = ?, updated_at = ? WHERE id = ?",
          [.text("maintenance: \(reason)"), .integer(time), .integer(booking)])
      }
      try database.execute(
        "INSERT INTO maintenance_block (instrument_id, starts_at, ends_at, reason, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        bounds + [.text(reason), .integer(actor.id), .integer(time)])
      return covered.map(\.0)
    }
  }
}
