import InstrumentNetwork
import NetworkStore

/// A booking a person asks for.
public struct BookingRequest: Sendable, Hashable {
  public var instrumentID: Int64
  public var interval: Range<Instant>
  public var purpose: String?
  /// Pay part of the fee with this voucher of the booker's unit.
  public var voucher: String?

  public init(instrumentID: Int64, interval: Range<Instant>, purpose: String?, voucher: String?) {
    self.instrumentID = instrumentID
    self.interval = interval
    self.purpose = purpose
    self.voucher = voucher
  }
}

/// A change to a booking: cancel, approve, reject (with a reason), complete
/// (with actual use), no-show.
public struct BookingChange: Sendable, Hashable {
  public var action: BookingAction
  public var bookingID: Int64
  public var reason: String?
  /// Actual use, for `complete`.
  public var used: Range<Instant>?

  public init(
    _ action: BookingAction, bookingID: Int64, reason: String? = nil, used: Range<Instant>? = nil
  ) {
    self.action = action
    self.bookingID = bookingID
    self.reason = reason
    self.used = used
  }
}

extension NetworkService {
  /// Books an instrument for the acting researcher's or manager's unit, every
  /// rule checked under the instrument's row lock; a voucher given pays in
  /// the same transaction, so a refused voucher books nothing.
  public func book(_ request: BookingRequest, as principal: Principal) throws -> BookingListing {
    try BookingRules.checkOrder(request.interval)
    let purpose = try NameRule.purpose(request.purpose)
    return try write { store in
      let actor = try actor(principal, in: store)
      let unitID = try actor.requireBooker()
      let listing = try store.instrument(id: request.instrumentID, lockingRow: true)
      let status = try admit(
        request.interval, of: listing.instrument, bookerUnitID: unitID, in: store)
      try requireQualification(bookerID: actor.id, for: listing.instrument, in: store)
      let booking = try store.insertReservation(
        Reservation.new(
          request.interval, of: listing.instrument, by: actor.id, for: unitID, purpose: purpose,
          status: status))
      if status == .pending {
        for manager in try store.managerIDs(unitID: listing.unit.id) {
          try store.insertNotice(
            .approvalNeeded(booking, instrumentName: listing.instrument.name), for: manager)
        }
      }
      var paid = Money.zero
      if let voucher = request.voucher {
        paid = try redeem(code: voucher, bookingID: booking.id, actor: actor, in: store)
      }
      return try newListing(booking, of: listing, by: actor, voucherPaid: paid, in: store)
    }
  }

  /// Changes a booking's status. The instrument's row is locked, then the
  /// booking's (the order every write of an instrument's time takes), the
  /// actor and the lifecycle asked, and the new state written only if the
  /// status is still the one the decision was made on.
  public func change(_ change: BookingChange, as principal: Principal) throws -> BookingListing {
    let reason = try change.reason.map { text throws(LabNetError) in try NameRule.reason(text) }
    if change.action == .reject && reason == nil {
      throw LabNetError.invalidData("a rejection needs a reason")
    }
    if change.action == .complete {
      guard let used = change.used else {
        throw LabNetError.invalidData("completing a booking needs its actual use")
      }
      try BookingRules.checkOrder(used)
    }
    let id = change.bookingID
    return try write { store in
      let actor = try actor(principal, in: store)
      let instrument = try store.instrument(
        id: try store.instrumentID(ofBooking: id), lockingRow: true
      ).instrument
      let listing = try store.bookingListing(id: id, lockingRow: true)
      let current = listing.reservation
      let time = now
      if change.action.needsManager {
        try actor.requireManager(of: listing.instrumentUnit, to: change.action.phrase(id))
      } else {
        try actor.requireToCancel(
          bookingID: id, bookerID: current.bookerID, start: current.start,
          instrumentUnit: listing.instrumentUnit, now: time)
      }
      try change.action.check(current.status, bookingID: id)
      var updated = current
      updated.status = change.action.result
      switch change.action {
      case .cancel:
        updated.statusReason = reason ?? "cancelled by \(actor.login)"
        // The booker's own late cancellation costs what the instrument's
        // policy says; the lab's never does.
        if let charge = instrument.rules.lateCancellation.charge(
          cancelling: current, byTheLab: actor.mayManage(unitID: listing.instrumentUnit.id),
          now: time)
        {
          updated.chargedFee = charge
          try store.settleVouchers(ofBooking: id, charge: charge, actorID: actor.id)
        } else {
          try store.refundVouchers(ofBooking: id, actorID: actor.id)
        }
      case .reject:
        updated.statusReason = reason
        try store.refundVouchers(ofBooking: id, actorID: actor.id)
      case .approve:
        updated.approvedBy = actor.id
        updated.approvedAt = time
      case .complete:
        let used = change.used ?? current.interval
        try ActualUse.check(used, of: current, now: time)
        if let conflict = try store.firstConflict(
          instrumentID: current.instrumentID, used, excluding: id)
        {
          throw ActualUse.overrun(conflict, bookingID: id)
        }
        // The rate quoted at booking, not today's: a later change does not reach it.
        let charge = Money.fee(
          hourlyRate: current.hourlyRate,
          seconds: instrument.rules.billing.chargedSeconds(
            booked: current.end - current.start, used: used.upperBound - used.lowerBound))
        updated.usedFrom = used.lowerBound
        updated.usedTo = used.upperBound
        updated.chargedFee = charge
        try store.settleVouchers(ofBooking: id, charge: charge, actorID: actor.id)
      case .noShow:
        if current.start > time {
          throw LabNetError.refused(
            "booking \(id) starts at \(current.start.iso8601); it cannot be a no-show before then")
        }
        updated.chargedFee = current.quotedFee
      }
      guard try store.saveStatusChange(updated, expected: current.status) else {
        throw LabNetError.refused(
          "booking \(id) was changed by someone else meanwhile; look at it again",
          code: "changed_meanwhile")
      }
      // The booker hears of an approval, a rejection, or the lab's cancellation.
      if [.approve, .reject].contains(change.action)
        || (change.action == .cancel && actor.id != current.bookerID)
      {
        try store.insertNotice(
          .bookingChanged(updated, instrumentName: instrument.name), for: current.bookerID)
      }
      if !updated.status.holdsTime {
        // Freed time goes to the instrument's waiters, in this transaction.
        try offerFreedTime(on: instrument, in: store)
      }
      return try store.bookingListing(id: id)
    }
  }

  /// One booking, if the acting account may read it.
  public func booking(id: Int64, as principal: Principal) throws -> BookingListing {
    try read { store in
      let actor = try actor(principal, in: store)
      let found = try store.bookingListing(id: id)
      try actor.requireToRead(
        bookingID: id, bookerID: found.reservation.bookerID, instrumentUnit: found.instrumentUnit)
      return found
    }
  }

  /// The bookings the acting account may read, narrowed by `filter`.
  public func bookings(matching filter: BookingFilter, as principal: Principal) throws
    -> [BookingListing]
  {
    try read { store in
      let actor = try actor(principal, in: store)
      return try store.bookings(matching: filter, scope: actor.bookingScope, actorID: actor.id)
    }
  }

  /// How many bookings the actor may see match `filter`, whatever its limit.
  public func bookingCount(matching filter: BookingFilter, as principal: Principal) throws -> Int {
    try read { store in
      let actor = try actor(principal, in: store)
      return try store.bookingCount(matching: filter, scope: actor.bookingScope, actorID: actor.id)
    }
  }

  /// The bookings for a calendar: the actor's own, or one instrument's (its
  /// unit's manager). Cancelled and rejected ones stay, so a calendar that
  /// imported an earlier file drops them.
  public func calendar(instrumentID: Int64?, as principal: Principal) throws -> BookingCalendar {
    try read { store in
      let actor = try actor(principal, in: store)
      return try calendar(of: actor, instrumentID: instrumentID, in: store)
    }
  }
}

extension NetworkService {
  /// A booking just made, as its listing shows it: everything is at hand
  /// but the booker's unit's name when it is not the instrument's.
  func newListing(
    _ booking: Reservation, of listing: InstrumentListing, by booker: Account,
    voucherPaid: Money = .zero, in store: NetworkStore
  ) throws -> BookingListing {
    BookingListing(
      reservation: booking, instrumentName: listing.instrument.name,
      instrumentUnit: listing.unit, location: listing.instrument.location,
      bookerLogin: booker.login, voucherPaid: voucherPaid,
      bookerUnitName: booking.bookerUnitID == listing.unit.id
        ? listing.unit.name : try store.unit(id: booking.bookerUnitID).name)
  }

  /// The status a booking of `interval` starts in: every booking rule
  /// checked at the service's now, and the time free of blocks and of
  /// bookings holding it (`excluding` one, for a move). The caller holds the
  /// instrument's row lock.
  func admit(
    _ interval: Range<Instant>, of instrument: Instrument, bookerUnitID: Int64,
    excluding: Int64? = nil, in store: NetworkStore
  ) throws -> ReservationStatus {
    let status = try BookingRules.standard.check(
      interval, instrument: instrument, bookerUnitID: bookerUnitID, now: now)
    if let conflict = try store.firstConflict(
      instrumentID: instrument.id, interval, excluding: excluding)
    {
      throw conflict.refusal(instrumentID: instrument.id)
    }
    return status
  }

  /// The bookings of `actor`'s calendar: its own, or one instrument's (its unit's manager).
  func calendar(of actor: Account, instrumentID: Int64?, in store: NetworkStore) throws
    -> BookingCalendar
  {
    var filter = BookingFilter(mine: instrumentID == nil)
    if let instrumentID {
      let listing = try store.instrument(id: instrumentID)
      try actor.requireManager(
        of: listing.unit, to: "export the calendar of instrument \(instrumentID)")
      filter.instrumentID = instrumentID
    }
    return BookingCalendar(
      installation: try store.installationID(),
      bookings: try store.bookings(matching: filter, scope: actor.bookingScope, actorID: actor.id))
  }
}

/// A person's (or an instrument's) bookings for a calendar program, with
/// the installation's id that makes their UIDs unique.
public struct BookingCalendar: Sendable {
  public var installation: String
  public var bookings: [BookingListing]

  public init(
    installation: String, bookings: [BookingListing]
  ) {
    self.installation = installation
    self.bookings = bookings
  }
}
