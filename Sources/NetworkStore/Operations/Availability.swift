import InstrumentNetwork

/// An instrument with the earliest free run a search found.
public struct FreeRun: Sendable, Hashable {
  public var listing: InstrumentListing
  public var run: Range<Instant>
  /// Where the free time that run starts ends (at most the window's end).
  public var freeUntil: Instant

  public init(
    listing: InstrumentListing, run: Range<Instant>, freeUntil: Instant? = nil
  ) {
    self.listing = listing
    self.run = run
    self.freeUntil = freeUntil ?? run.upperBound
  }
}

/// What a network search found: the first runs, and how many instruments had one.
public struct FreeRunPage: Sendable, Hashable {
  public var runs: [FreeRun]
  public var total: Int

  public init(runs: [FreeRun], total: Int) {
    self.runs = runs
    self.total = total
  }
}

extension NetworkStore {
  /// The longest window availability looks at, in days.
  public static let availabilityWindowDays = WaitlistRule.longestWindowDays

  /// The free slots of one instrument in `window` (no account needed): its
  /// opening hours minus maintenance blocks minus reservations holding their
  /// time, from now on, on the instrument's granularity.
  public func freeSlots(instrumentID: Int64, window: Range<Instant>) throws -> (
    InstrumentListing, [Range<Instant>]
  ) {
    try Self.checkWindow(window)
    let listing = try instrument(id: instrumentID)
    guard listing.instrument.status == .inService else { return (listing, []) }
    // Free time is time that can be booked: from now (and the instrument's
    // notice) to its booking horizon.
    let instrument = listing.instrument
    let from = max(window.lowerBound, now())
    let to = min(window.upperBound, now() + instrument.rules.horizonSeconds + 86_400)
    guard from < to else { return (listing, []) }
    var busy = try busyTime(in: from..<to, instrumentID: instrumentID)[instrumentID] ?? []
    if instrument.rules.minimumNoticeSeconds > 0 {
      busy.append(now()..<(now() + instrument.rules.minimumNoticeSeconds))
    }
    let free = FreeTime.slots(
      open: instrument.openingHours.openIntervals(from: from, to: to), busy: busy,
      step: Int64(instrument.granularityMinutes) * 60)
    return (listing, free)
  }

  /// Instruments matching `filter` (in service; shared, or of `viewerUnitID`)
  /// that have a free run of `seconds` inside `window`, in `order`: the
  /// candidates (one light query, kept by the process while the catalogue's
  /// version stands), one query each for the reservations and blocks in the
  /// window, the free-time algebra per instrument in memory, then one query
  /// for the listings of the few shown.
  public func searchFreeRuns(
    window: Range<Instant>, seconds: Int64, filter: InstrumentFilter, maximumRate: Money?,
    limit: Int, order: FreeRunOrder = .soonest, near: Province? = nil, viewerUnitID: Int64? = nil
  ) throws -> FreeRunPage {
    try Self.checkWindow(window)
    let from = max(window.lowerBound, now())
    guard from < window.upperBound else { return FreeRunPage(runs: [], total: 0) }
    var (conditions, parameters) = Self.conditions(of: filter)
    conditions += " AND i.status = 'in_service'"
    if let viewerUnitID {
      // A unit's own people see its instruments that are not shared too.
      conditions += " AND (i.shared = 1 OR i.unit_id = ?)"
      parameters.append(.integer(viewerUnitID))
    } else {
      conditions += " AND i.shared = 1"
    }
    if let maximumRate {
      conditions += " AND i.hourly_rate_fen <= ?"
      parameters.append(.integer(maximumRate.fen))
    }
    let candidates = try searchCandidates(
      conditions: conditions, parameters: parameters, order: order)
    let busy = try busyTime(in: from..<window.upperBound)
    let time = now()
    // Each opening-hour pattern is parsed and expanded once.
    var openByPattern: [[Range<Instant>]?] = Array(
      repeating: nil, count: candidates.hoursTexts.count)
    // Most instruments have nothing booked in a week: their first fitting gap
    // depends only on the pattern, the step and the notice, so it is worked
    // out once for each such combination.
    var idleGap: [IdleKey: Range<Instant>?] = [:]
    // The distance of each province from `near`, by its index in allCases.
    let distances = Province.allCases.map { province in
      Int64(near.map { province.distanceKilometres(to: $0) } ?? 0)
    }
    // Only the first `limit` in the order are kept (the rest are counted):
    // a sorted buffer, not a sort of every instrument that has a run.
    var chosen: [Found] = []
    chosen.reserveCapacity(limit + 1)
    var total = 0
    for index in 0..<candidates.count {
      let id = candidates.ids[index]
      let pattern = Int(candidates.patterns[index])
      let open: [Range<Instant>]
      if let known = openByPattern[pattern] {
        open = known
      } else {
        let text = candidates.hoursTexts[pattern]
        guard let hours = try? OpeningHours(parsing: text) else {
          throw Self.unreadable(
            "instrument.opening_hours",
            "of instrument \(id) holds \"\(text)\", which labnet cannot read")
        }
        open = hours.openIntervals(from: from, to: window.upperBound)
        openByPattern[pattern] = open
      }
      let step = Int64(candidates.stepMinutes[index]) * 60
      // The instrument's notice holds the time from now like a booking.
      let notice = Int64(candidates.noticeMinutes[index]) * 60
      // A booking covers whole steps, and must start inside the instrument's horizon.
      let needed = (seconds + step - 1) / step * step
      func firstGap(_ held: [Range<Instant>]) -> Range<Instant>? {
        FreeTime.slots(
          open: open, busy: notice > 0 ? held + [time..<(time + notice)] : held, step: step
        ).first { $0.upperBound - $0.lowerBound >= needed }
      }
      let found: Range<Instant>?
      if let held = busy[id] {
        found = firstGap(held)
      } else {
        let key = IdleKey(pattern: pattern, step: step, notice: notice)
        if let known = idleGap[key] {
          found = known
        } else {
          found = firstGap([])
          idleGap[key] = found
        }
      }
      let horizon = time + Int64(candidates.horizonDays[index]) * 86_400
      guard let gap = found, gap.lowerBound <= horizon else { continue }
      total += 1
      let value = candidates.orderValues[index]
      let rank: Int64
      switch order {
      case .soonest, .price: rank = value
      case .distanceToProvince:
        rank = distances.indices.contains(Int(value)) ? distances[Int(value)] : 0
      }
      let entry = Found(
        rank: rank, gap: gap, run: gap.lowerBound..<(gap.lowerBound + needed), id: id)
      guard chosen.count < limit || entry.precedes(chosen[chosen.count - 1]) else { continue }
      // The first place whose entry comes after it (a binary search: limit may be 1,000).
      var low = 0
      var high = chosen.count
      while low < high {
        let middle = (low + high) / 2
        if entry.precedes(chosen[middle]) { high = middle } else { low = middle + 1 }
      }
      chosen.insert(entry, at: low)
      if chosen.count > limit { chosen.removeLast() }
    }
    let listings = try instruments(ids: chosen.map(\.id))
    return FreeRunPage(
      runs: chosen.compactMap { entry in
        listings[entry.id].map {
          FreeRun(listing: $0, run: entry.run, freeUntil: entry.gap.upperBound)
        }
      }, total: total)
  }

  /// What the network search keeps of an instrument with a free run, in the
  /// order shown: rank (0, the rate, or the distance), then the run's start,
  /// then the id.
  struct Found {
    var rank: Int64
    var gap: Range<Instant>
    var run: Range<Instant>
    var id: Int64

    func precedes(_ other: Found) -> Bool {
      (rank, run.lowerBound, id) < (other.rank, other.run.lowerBound, other.id)
    }
  }

  /// Instruments with nothing booked in the window share a first free gap.
  struct IdleKey: Hashable {
    var pattern: Int
    var step: Int64
    var notice: Int64
  }

  /// Reservations holding their time and maintenance blocks that overlap
  /// `window`, by instrument: of one instrument, or of all (one query each for
  /// reservations and blocks, whatever the count).
  func busyTime(in window: Range<Instant>, instrumentID: Int64? = nil) throws -> [Int64: [Range<
    Instant
  >]] {
    // A reservation lasts at most 72 hours (a CHECK in the schema), so one
    // overlapping the window ends before window end + 72 h: both bounds of
    // ends_at are known and the index range stays a few days wide.
    let lastEnd = window.upperBound + BookingRules.standard.maximumSeconds
    var reservations = """
      SELECT instrument_id, starts_at, ends_at FROM reservation
      WHERE ends_at > ? AND ends_at <= ? AND starts_at < ? AND status IN \(Self.holdingTime)
      """
    var blocks =
      "SELECT instrument_id, starts_at, ends_at FROM maintenance_block WHERE ends_at > ? AND starts_at < ?"
    var reservationParameters: [SQLValue] = [
      .integer(window.lowerBound.seconds), .integer(lastEnd.seconds),
      .integer(window.upperBound.seconds),
    ]
    var blockParameters: [SQLValue] = [
      .integer(window.lowerBound.seconds), .integer(window.upperBound.seconds),
    ]
    if let instrumentID {
      reservations += " AND instrument_id = ?"
      blocks += " AND instrument_id = ?"
      reservationParameters.append(.integer(instrumentID))
      blockParameters.append(.integer(instrumentID))
    }
    var busy: [Int64: [Range<Instant>]] = [:]
    for (sql, parameters) in [
      (reservations, reservationParameters), (blocks, blockParameters),
    ] {
      try database.query(sql, parameters) {
        busy[$0.int64(0), default: []].append(
          Instant(seconds: $0.int64(1))..<Instant(seconds: $0.int64(2)))
      }
    }
    return busy
  }

  static func checkWindow(_ window: Range<Instant>) throws {
    try BookingRules.checkOrder(window)
    if window.upperBound - window.lowerBound > availabilityWindowDays * 86_400 {
      throw LabNetError.invalidData(
        "the window may span at most \(availabilityWindowDays) days; narrow it")
    }
  }

  /// Bookings of an instrument that still may take place (pending or
  /// confirmed) overlapping `interval`, by start, with their rows locked.
  public func bookingsToCancel(instrumentID: Int64, in interval: Range<Instant>) throws -> [(
    id: Int64, start: Instant
  )] {
    try database.rows(
      "SELECT r.id, r.starts_at FROM reservation AS r WHERE r.instrument_id = ? AND r.ends_at > ? AND r.starts_at < ? AND r.status IN \(Self.cancellable) ORDER BY r.starts_at, r.id"
        + database.dialect.lockingRows("r"),
      [
        .integer(instrumentID), .integer(interval.lowerBound.seconds),
        .integer(interval.upperBound.seconds),
      ]
    ) { (try $0.integer(0), Instant(seconds: try $0.integer(1))) }
  }

  /// Cancels a booking for maintenance, only while it is still pending or
  /// confirmed; returns whether it did.
  public func cancelForMaintenance(bookingID: Int64, reason: String) throws -> Bool {
    try database.execute(
      "UPDATE reservation SET status = 'cancelled', status_reason = ?, updated_at = ? WHERE id = ? AND status IN \(Self.cancellable)",
      [.text(reason), .integer(now().seconds), .integer(bookingID)]) == 1
  }

  /// Records a maintenance block; returns it with its id.
  public func insertBlock(
    instrumentID: Int64, interval: Range<Instant>, reason: String, createdBy actorID: Int64
  ) throws -> MaintenanceBlock {
    let id =
      try database.scalar(
        "INSERT INTO maintenance_block (instrument_id, starts_at, ends_at, reason, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        [
          .integer(instrumentID), .integer(interval.lowerBound.seconds),
          .integer(interval.upperBound.seconds), .text(reason), .integer(actorID),
          .integer(now().seconds),
        ]) ?? 0
    return MaintenanceBlock(id: id, instrumentID: instrumentID, interval: interval, reason: reason)
  }

  /// An instrument's blocks that end after `since` (all, when nil), by start.
  public func blocks(instrumentID: Int64, endingAfter since: Instant? = nil) throws
    -> [MaintenanceBlock]
  {
    try database.rows(
      "SELECT id, starts_at, ends_at, reason FROM maintenance_block WHERE instrument_id = ? AND ends_at > ? ORDER BY starts_at, id",
      [.integer(instrumentID), .integer(since?.seconds ?? Int64.min)]
    ) {
      MaintenanceBlock(
        id: try $0.integer(0), instrumentID: instrumentID,
        interval: Instant(seconds: try $0.integer(1))..<Instant(seconds: try $0.integer(2)),
        reason: try $0.text(3))
    }
  }

  /// Block `id` of an instrument, if it has one.
  public func block(id: Int64, instrumentID: Int64) throws -> MaintenanceBlock? {
    try database.first(
      "SELECT starts_at, ends_at, reason FROM maintenance_block WHERE id = ? AND instrument_id = ?",
      [.integer(id), .integer(instrumentID)]
    ) {
      MaintenanceBlock(
        id: id, instrumentID: instrumentID,
        interval: Instant(seconds: try $0.integer(0))..<Instant(seconds: try $0.integer(1)),
        reason: try $0.text(2))
    }
  }

  /// Removes block `id` of an instrument; returns whether there was one.
  public func deleteBlock(id: Int64, instrumentID: Int64) throws -> Bool {
    try database.execute(
      "DELETE FROM maintenance_block WHERE id = ? AND instrument_id = ?",
      [.integer(id), .integer(instrumentID)]) == 1
  }
}
