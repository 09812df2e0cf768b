import InstrumentNetwork

extension NetworkStore {
  /// The reservations that hold an instrument's time.
  static let holdingTime = "('pending', 'confirmed', 'completed')"

  /// Books `interval` of an instrument for the acting account (a researcher or
  /// manager affiliated to a unit). Every rule is checked here for a clear
  /// message; the database refuses an overlap as well, so two processes can
  /// never both win the same time.
  public func book(
    instrumentID: Int64, interval: Range<Instant>, purpose: String, voucher: String? = nil
  ) throws -> Reservation {
    try BookingRules.checkOrder(interval)
    let actor = try actingAccount()
    guard let unitID = actor.unitID, actor.has(.researcher) || actor.has(.manager) else {
      throw LabNetError.permission(
        "\(actor.login) may not book instruments: needs the researcher role and a unit")
    }
    return try write {
      let listing = try instrument(id: instrumentID, lockingRow: true)
      let time = now()
      let status = try BookingRules.standard.check(
        interval, instrument: listing.instrument, bookerUnitID: unitID, now: time)
      try requireFree(listing.instrument, interval, excluding: nil)
      let fee = Money.fee(
        hourlyRate: listing.instrument.hourlyRate,
        seconds: interval.upperBound - interval.lowerBound)
      do {
        let id =
          try database.scalar(
            """
            INSERT INTO reservation (instrument_id, booker_id, booker_unit_id, starts_at, ends_at,
              purpose, status, quoted_fee_fen, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
            """,
            [
              .integer(instrumentID), .integer(actor.id), .integer(unitID),
              .integer(interval.lowerBound.seconds), .integer(interval.upperBound.seconds),
              .text(purpose), .text(status.rawValue), .integer(fee.fen), .integer(time.seconds),
              .integer(time.seconds),
            ]) ?? 0
        // Paying with a voucher is part of the same transaction: if it is
        // refused, nothing is booked.
        if let voucher { try redeemVoucher(code: voucher, bookingID: id) }
        return Reservation(
          id: id, instrumentID: instrumentID, bookerID: actor.id, bookerUnitID: unitID,
          start: interval.lowerBound, end: interval.upperBound, purpose: purpose, status: status,
          quotedFee: fee)
      } catch let error as DatabaseError where error.kind == .overlap {
        throw slotTaken(instrumentID, interval)
      }
    }
  }

  /// Refuses `interval` when a maintenance block or a reservation holding
  /// its time overlaps it, saying when (not by whom).
  func requireFree(_ instrument: Instrument, _ interval: Range<Instant>, excluding: Int64?)
    throws
  {
    let bounds: [SQLValue] = [
      .integer(instrument.id), .integer(interval.lowerBound.seconds),
      .integer(interval.upperBound.seconds),
    ]
    if let block = try database.first(
      "SELECT starts_at, ends_at, reason FROM maintenance_block WHERE instrument_id = ? AND ends_at > ? AND starts_at < ? ORDER BY starts_at LIMIT 1",
      bounds, { (Instant(seconds: $0.int64(0)), Instant(seconds: $0.int64(1)), $0.string(2)) })
    {
      throw LabNetError.refused(
        "instrument \(instrument.id) is blocked for maintenance from \(block.0.iso8601) to \(block.1.iso8601) (\(block.2))"
      )
    }
    if let taken = try database.first(
      "SELECT starts_at, ends_at FROM reservation WHERE instrument_id = ? AND ends_at > ? AND starts_at < ? AND status IN \(Self.holdingTime) AND id <> ? ORDER BY starts_at LIMIT 1",
      bounds + [.integer(excluding ?? 0)],
      { Instant(seconds: $0.int64(0))..<Instant(seconds: $0.int64(1)) })
    {
      throw slotTaken(instrument.id, taken)
    }
  }

  func slotTaken(_ instrumentID: Int64, _ taken: Range<Instant>) -> LabNetError {
    .refused(
      "that time is taken: instrument \(instrumentID) is booked from \(taken.lowerBound.iso8601) to \(taken.upperBound.iso8601); `labnet availability \(instrumentID) --from … --to …` lists free times"
    )
  }

  /// Cancels a booking: its booker before it starts, or its instrument's
  /// unit manager (or an admin) at any time.
  public func cancelBooking(id: Int64, reason: String?) throws -> Reservation {
    try changeBooking(id: id) { listing, actor in
      let reservation = listing.reservation
      let isManager = actor.mayManage(unitID: listing.instrumentUnit.id)
      guard isManager || reservation.bookerID == actor.id else {
        throw LabNetError.permission(
          "\(actor.login) may not cancel booking \(id): only its booker or the manager of \(listing.instrumentUnit.name) may"
        )
      }
      if !isManager && reservation.start <= now() {
        throw LabNetError.refused(
          "booking \(id) started at \(reservation.start.iso8601); only the lab manager can cancel it now"
        )
      }
      try requireStatus(reservation, in: [.pending, .confirmed], to: "be cancelled")
      return (.cancelled, reason ?? "cancelled by \(actor.login)", nil)
    }
  }

  /// Approves a pending booking of a flagship instrument (its unit's manager).
  public func approveBooking(id: Int64) throws -> Reservation {
    try changeBooking(id: id) { listing, actor in
      try actor.requireManager(of: listing.instrumentUnit, to: "approve booking \(id)")
      try requireStatus(listing.reservation, in: [.pending], to: "be approved")
      return (.confirmed, nil, nil)
    }
  }

  /// Rejects a pending booking, with the reason (its unit's manager).
  public func rejectBooking(id: Int64, reason: String) throws -> Reservation {
    try changeBooking(id: id) { listing, actor in
      try actor.requireManager(of: listing.instrumentUnit, to: "reject booking \(id)")
      try requireStatus(listing.reservation, in: [.pending], to: "be rejected")
      return (.rejected, reason, nil)
    }
  }

  /// Records actual use and charges for it (its unit's manager).
  public func completeBooking(id: Int64, used: Range<Instant>) throws -> Reservation {
    try BookingRules.checkOrder(used)
    return try changeBooking(id: id) { listing, actor in
      try actor.requireManager(of: listing.instrumentUnit, to: "complete booking \(id)")
      try requireStatus(listing.reservation, in: [.confirmed], to: "be completed")
      if used.upperBound > now() {
        throw LabNetError.refused(
          "actual use cannot end in the future: --used-to \(used.upperBound.iso8601) is after now")
      }
      let rate = try instrument(id: listing.reservation.instrumentID).instrument.hourlyRate
      let charge = Money.fee(hourlyRate: rate, seconds: used.upperBound - used.lowerBound)
      return (.completed, nil, (used, charge))
    }
  }

  /// Marks a booking whose booker did not come; the quoted fee is charged (its unit's manager).
  public func markNoShow(id: Int64) throws -> Reservation {
    try changeBooking(id: id) { listing, actor in
      try actor.requireManager(of: listing.instrumentUnit, to: "mark booking \(id) as a no-show")
      try requireStatus(listing.reservation, in: [.confirmed], to: "be marked a no-show")
      if listing.reservation.start > now() {
        throw LabNetError.refused(
          "booking \(id) starts at \(listing.reservation.start.iso8601); it cannot be a no-show before then"
        )
      }
      return (.noShow, nil, nil)
    }
  }

  private func requireStatus(
    _ reservation: Reservation, in allowed: [ReservationStatus], to action: String
  ) throws {
    guard allowed.contains(reservation.status) else {
      throw LabNetError.refused(
        "booking \(reservation.id) is \(reservation.status.rawValue); only a "
          + allowed.map(\.rawValue).joined(separator: " or ") + " booking can \(action)")
    }
  }

  /// Loads a booking in a write transaction, lets `decide` check it and name
  /// its new status, reason and (for completion) actual use and charge, and saves it.
  private func changeBooking(
    id: Int64,
    _ decide: (BookingListing, Account) throws -> (
      ReservationStatus, String?, (used: Range<Instant>, charge: Money)?
    )
  ) throws -> Reservation {
    let actor = try actingAccount()
    return try write {
      guard
        let listing = try database.first(
          Self.listingSelect + " WHERE r.id = ?" + database.dialect.lockingRows("r"),
          [.integer(id)],
          Self.listing(from:))
      else {
        throw LabNetError.notFound("no booking with id \(id); `labnet booking list` shows yours")
      }
      let (status, reason, completion) = try decide(listing, actor)
      var reservation = listing.reservation
      reservation.status = status
      reservation.statusReason = reason ?? reservation.statusReason
      if let completion {
        reservation.usedFrom = completion.used.lowerBound
        reservation.usedTo = completion.used.upperBound
        reservation.chargedFee = completion.charge
      }
      if status == .noShow { reservation.chargedFee = reservation.quotedFee }
      switch status {
      case .cancelled, .rejected: try refundVouchers(ofBooking: id)
      case .completed: try settleVouchers(ofBooking: id, charge: reservation.chargedFee ?? .zero)
      default: break
      }
      try database.execute(
        """
        UPDATE reservation SET status = ?, status_reason = ?, used_from = ?, used_to = ?,
          charged_fee_fen = ?, updated_at = ?
        WHERE id = ?
        """,
        [
          .text(status.rawValue), .optional(reservation.statusReason),
          .optional(reservation.usedFrom?.seconds), .optional(reservation.usedTo?.seconds),
          .optional(reservation.chargedFee?.fen), .integer(now().seconds), .integer(id),
        ])
      return reservation
    }
  }
}
