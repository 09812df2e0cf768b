import InstrumentNetwork

/// Historical bookings over 2018 for reports and benchmarks: completed ones
/// with actual use, cancellations, rejections and no-shows, many booked from
/// another province, never overlapping.
///
/// Each instrument's year is cut into half-day places (weekday mornings
/// 09:00-12:00 and afternoons 13:00-17:00, inside every opening-hours pattern
/// the seed uses); an instrument with K bookings takes K of its places, evenly
/// spread, one booking each. So no two bookings of an instrument overlap by
/// construction, and the database's own check agrees.
struct HistoricalBookings {
  /// Weekday half-days of 2018: 261 weekdays × 2.
  static let placesPerYear = 522
  static let yearStart = Instant(seconds: 1_514_736_000)  // 2018-01-01 00:00 CST, a Monday

  /// Instants of half-day place `index`: its window's start and end.
  static func window(ofPlace index: Int) -> (Instant, Instant) {
    let weekday = index / 2
    let day = (weekday / 5) * 7 + weekday % 5
    let dayStart = yearStart + Int64(day) * 86_400
    return index % 2 == 0
      ? (dayStart + 9 * 3_600, dayStart + 12 * 3_600)
      : (dayStart + 13 * 3_600, dayStart + 17 * 3_600)
  }

  /// How many bookings each of `instruments` instruments gets, `total` in all
  /// (at most one per place).
  static func perInstrument(total: Int, instruments: Int, random: inout SeedRandom) -> [Int] {
    let capacity = instruments * placesPerYear
    let wanted = min(total, capacity)
    let weights = (0..<instruments).map { _ in 0.2 + random.unit() * 1.8 }
    var counts = apportion(wanted, weights: weights)
    // Move any excess over a year's places to instruments with room.
    var spill = 0
    for index in counts.indices where counts[index] > placesPerYear {
      spill += counts[index] - placesPerYear
      counts[index] = placesPerYear
    }
    var index = 0
    while spill > 0 {
      if counts[index] < placesPerYear {
        counts[index] += 1
        spill -= 1
      }
      index = (index + 1) % counts.count
    }
    return counts
  }
}

extension SyntheticNetwork {
  /// One historical booking of `instrument` in half-day place `place`.
  mutating func historicalBooking(
    id: Int64, instrument: Instrument, place: Int, booker: (account: Int64, unit: Int64)
  ) -> Reservation {
    let (windowStart, windowEnd) = HistoricalBookings.window(ofPlace: place)
    let windowHours = Int((windowEnd - windowStart) / 3_600)
    let hours = 1 + random.below(windowHours)
    let startOffset = random.below(windowHours - hours + 1)
    let start = windowStart + Int64(startOffset) * 3_600
    let end = start + Int64(hours) * 3_600
    let fee = Money.fee(hourlyRate: instrument.hourlyRate, seconds: end - start)
    var reservation = Reservation(
      id: id, instrumentID: instrument.id, bookerID: booker.account, bookerUnitID: booker.unit,
      start: start, end: end, purpose: random.pick(SeedVocabulary.purposes), status: .completed,
      hourlyRate: instrument.hourlyRate, quotedFee: fee)
    let draw = random.below(100)
    switch draw {
    case 0..<80:
      // Actual use: a little late, a little early.
      let usedFrom = start + Int64(random.below(3)) * 300
      let usedTo = end - Int64(random.below(3)) * 300
      reservation.usedFrom = usedFrom
      reservation.usedTo = usedTo
      reservation.chargedFee = Money.fee(
        hourlyRate: instrument.hourlyRate, seconds: usedTo - usedFrom)
    case 80..<90:
      reservation.status = .cancelled
      reservation.statusReason = "计划变更"
    case 90..<95 where instrument.tier.needsApproval:
      reservation.status = .rejected
      reservation.statusReason = "样品不符合要求"
    case 90..<95:
      reservation.status = .cancelled
      reservation.statusReason = "样品未准备好"
    default:
      reservation.status = .noShow
      reservation.chargedFee = fee
    }
    return reservation
  }
}
