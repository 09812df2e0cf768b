import InstrumentNetwork
import NetworkStore

/// What a recurring booking made: the bookings, and the occurrences it
/// skipped (only with `skipConflicts`), each with why.
public struct BookingSeries: Sendable, Hashable {
  public var booked: [BookingListing]
  public var skipped: [SkippedOccurrence]

  public init(booked: [BookingListing], skipped: [SkippedOccurrence]) {
    self.booked = booked
    self.skipped = skipped
  }
}

extension NetworkService {
  /// Books `request`'s time again every day or week, in one transaction
  /// under the instrument's row lock, every occurrence checked by the rules
  /// of a single booking. All or nothing: when an occurrence cannot be
  /// booked, nothing is, and the refusal lists every such occurrence; with
  /// `skipConflicts` the others are booked and the refused ones returned.
  public func bookSeries(
    _ request: BookingRequest, recurrence: Recurrence, skipConflicts: Bool,
    as principal: Principal
  ) throws -> BookingSeries {
    guard request.voucher == nil else {
      throw LabNetError.invalidData(
        "a voucher pays a series' bookings one at a time: book the series, then `voucher redeem CODE --booking B` for each"
      )
    }
    try BookingRules.checkOrder(request.interval)
    let occurrences = try recurrence.occurrences(of: request.interval)
    let purpose = try NameRule.purpose(request.purpose)
    return try write { store in
      let actor = try actor(principal, in: store)
      let unitID = try actor.requireBooker()
      let listing = try store.instrument(id: request.instrumentID, lockingRow: true)
      var admitted: [(Range<Instant>, ReservationStatus)] = []
      var skipped: [SkippedOccurrence] = []
      for interval in occurrences {
        do {
          admitted.append(
            (
              interval,
              try admit(interval, of: listing.instrument, bookerUnitID: unitID, in: store)
            ))
        } catch let refusal as LabNetError where refusal.kind == .refused {
          skipped.append(SkippedOccurrence(interval: interval, reason: refusal.message))
        }
      }
      if !skipped.isEmpty && (!skipConflicts || admitted.isEmpty) {
        throw LabNetError.refused(
          "\(skipped.count) of \(occurrences.count) occurrences cannot be booked, so none was: "
            + skipped.map(\.text).joined(separator: "; ")
            + (admitted.isEmpty ? "" : " (--skip-conflicts books the other \(admitted.count))"),
          code: "series_conflicts")
      }
      try requireQualification(bookerID: actor.id, for: listing.instrument, in: store)
      var seriesID: Int64?
      var booked: [BookingListing] = []
      for (interval, status) in admitted {
        let booking = try store.insertReservation(
          Reservation.new(
            interval, of: listing.instrument, by: actor.id, for: unitID, purpose: purpose,
            status: status), seriesID: seriesID)
        if seriesID == nil {
          try store.startSeries(bookingID: booking.id)
          seriesID = booking.id
        }
        booked.append(try newListing(booking, of: listing, by: actor, in: store))
      }
      return BookingSeries(booked: booked, skipped: skipped)
    }
  }

  /// Cancels booking `bookingID` and every later occurrence of its series
  /// still pending or confirmed, in one transaction, each by the rules of
  /// `booking cancel`; refused when it belongs to no series.
  public func cancelSeries(from bookingID: Int64, reason: String?, as principal: Principal)
    throws -> [BookingListing]
  {
    try write { store in
      guard let ids = try store.seriesFrom(bookingID: bookingID) else {
        _ = try booking(id: bookingID, as: principal)  // not found, or not theirs to see
        throw LabNetError.refused(
          "booking \(bookingID) is not part of a series; `booking cancel \(bookingID)` cancels it alone",
          code: "not_a_series")
      }
      return try ids.map { id in
        try change(BookingChange(.cancel, bookingID: id, reason: reason), as: principal)
      }
    }
  }
}
