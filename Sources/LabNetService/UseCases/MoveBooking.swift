import InstrumentNetwork
import NetworkStore

/// Moving a booking to another time of the same instrument.
public struct BookingMove: Sendable, Hashable {
  public var bookingID: Int64
  public var interval: Range<Instant>

  public init(bookingID: Int64, interval: Range<Instant>) {
    self.bookingID = bookingID
    self.interval = interval
  }
}

extension NetworkService {
  /// Moves a booking, keeping its id, purpose and vouchers: the instrument's
  /// row is locked, then the booking's (the order every write of an
  /// instrument's time takes); every booking rule is checked again at the new
  /// time, the fee quoted again at today's rate, and a voucher's share
  /// settled down to the new quote when it is lower. Refused as a whole
  /// (nothing changed) when the new time is taken.
  public func move(_ request: BookingMove, as principal: Principal) throws -> BookingListing {
    try BookingRules.checkOrder(request.interval)
    let id = request.bookingID
    return try write { store in
      let actor = try actor(principal, in: store)
      let listing = try store.instrument(
        id: try store.instrumentID(ofBooking: id), lockingRow: true)
      let current = try store.bookingListing(id: id, lockingRow: true).reservation
      let time = now
      try actor.requireToMove(
        bookingID: id, bookerID: current.bookerID, start: current.start,
        instrumentUnit: listing.unit, now: time)
      try Rescheduling.check(current.status, bookingID: id)
      let status = try admit(
        request.interval, of: listing.instrument, bookerUnitID: current.bookerUnitID,
        excluding: id, in: store)
      try requireQualification(bookerID: current.bookerID, for: listing.instrument, in: store)
      let moved = Rescheduling.moved(
        current, to: request.interval, status: status, hourlyRate: listing.instrument.hourlyRate,
        approver: actor.mayManage(unitID: listing.unit.id) ? actor.id : nil, now: time)
      guard try store.saveMove(moved, expected: current.status) else {
        throw LabNetError.refused(
          "booking \(id) was changed by someone else meanwhile; look at it again",
          code: "changed_meanwhile")
      }
      if moved.quotedFee < current.quotedFee {
        try store.settleVouchers(ofBooking: id, charge: moved.quotedFee, actorID: actor.id)
      }
      // The old time, freed, goes to the instrument's waiters.
      try offerFreedTime(on: listing.instrument, in: store)
      return try store.bookingListing(id: id)
    }
  }
}
