import InstrumentNetwork
import NetworkStore

/// A voucher an issuer hands out.
public struct VoucherIssueRequest: Sendable, Hashable {
  /// The enterprise: its id or exact name.
  public var holder: String
  public var faceValue: Money
  /// First valid day; today when nil.
  public var validFrom: LocalDate?
  /// Last valid day (valid through its end).
  public var lastValidDay: LocalDate

  public init(holder: String, faceValue: Money, validFrom: LocalDate?, lastValidDay: LocalDate) {
    self.holder = holder
    self.faceValue = faceValue
    self.validFrom = validFrom
    self.lastValidDay = lastValidDay
  }
}

/// A change of a province's voucher policy; nil leaves a part as it is.
public struct VoucherPolicyChange: Sendable, Hashable {
  public var province: Province
  public var coverBasisPoints: Int?
  /// `.some(nil)` removes the cap.
  public var capPerBooking: Money??
  public var acceptedIn: [Province]?

  public init(
    province: Province, coverBasisPoints: Int? = nil, capPerBooking: Money?? = nil,
    acceptedIn: [Province]? = nil
  ) {
    self.province = province
    self.coverBasisPoints = coverBasisPoints
    self.capPerBooking = capPerBooking
    self.acceptedIn = acceptedIn
  }
}

/// A voucher with its ledger, as `voucher show` prints it.
public struct VoucherStatement: Sendable, Hashable {
  public var listing: VoucherListing
  public var ledger: [VoucherLedgerEntry]

  public init(
    listing: VoucherListing, ledger: [VoucherLedgerEntry]
  ) {
    self.listing = listing
    self.ledger = ledger
  }
}

/// What a redemption did.
public struct Redemption: Sendable, Hashable {
  public var voucher: VoucherListing
  public var bookingID: Int64
  public var amount: Money

  public init(
    voucher: VoucherListing, bookingID: Int64, amount: Money
  ) {
    self.voucher = voucher
    self.bookingID = bookingID
    self.amount = amount
  }
}

extension NetworkService {
  /// Issues a voucher to an enterprise of the issuer's province.
  public func issueVoucher(_ request: VoucherIssueRequest, as principal: Principal) throws
    -> VoucherListing
  {
    guard request.faceValue.fen > 0, request.faceValue <= Voucher.maximumFaceValue else {
      throw LabNetError.invalidData(
        "a voucher's amount must be more than 0.00 and at most \(Voucher.maximumFaceValue.groupedYuan) yuan; got \(request.faceValue.groupedYuan)"
      )
    }
    return try write { store in
      let actor = try actor(principal, in: store)
      let holder = try store.unit(named: request.holder)
      try actor.requireIssuer(
        of: holder.province, to: "issue vouchers to \(holder.name) (\(holder.province.code))")
      guard holder.kind.holdsVouchers else {
        throw LabNetError.refused(
          "\(holder.name) is a \(holder.kind.rawValue); innovation vouchers go to enterprises only")
      }
      let time = now
      let validity = try BookingRules.interval(
        from: (request.validFrom ?? time.localDate).startInstant,
        to: request.lastValidDay.adding(days: 1).startInstant,
        names: ("the first valid day", "the last valid day"))
      guard validity.upperBound > time else {
        throw LabNetError.invalidData(
          "the voucher would already have expired: its last valid day must be today or later")
      }
      return try store.insertVoucher(
        holder: holder, faceValue: request.faceValue, validity: validity, issuedBy: actor.id)
    }
  }

  /// A voucher and its ledger: for its holder unit's people, the issuing
  /// province's issuers and auditors, admins.
  public func voucher(code: String, as principal: Principal) throws -> VoucherStatement {
    try read { store in
      let actor = try actor(principal, in: store)
      let listing = try store.voucher(code: code)
      try actor.requireToSeeVoucher(
        code: listing.voucher.code, holder: listing.holder, province: listing.voucher.province)
      return VoucherStatement(listing: listing, ledger: try store.ledger(of: listing.voucher))
    }
  }

  /// The vouchers matching `filter` that the acting account may see.
  public func vouchers(matching filter: VoucherFilter, as principal: Principal) throws
    -> [VoucherListing]
  {
    try read { store in
      let actor = try actor(principal, in: store)
      return try store.vouchers(matching: filter).filter {
        actor.maySeeVoucher(holderUnitID: $0.holder.id, province: $0.voucher.province)
      }
    }
  }

  /// Pays part of a booking with a voucher of the booker's unit.
  public func redeemVoucher(code: String, bookingID: Int64, as principal: Principal) throws
    -> Redemption
  {
    try write { store in
      let actor = try actor(principal, in: store)
      let amount = try redeem(code: code, bookingID: bookingID, actor: actor, in: store)
      return Redemption(
        voucher: try store.voucher(code: code), bookingID: bookingID, amount: amount)
    }
  }

  /// Applies a voucher to a booking inside the caller's transaction. Locks
  /// the booking's row, then the voucher's, always in that order (as every
  /// change of a booking does), so a redemption and a cancellation, or two
  /// redemptions of one booking, queue up instead of both deciding on what
  /// they read before the other wrote.
  func redeem(code: String, bookingID: Int64, actor: Account, in store: NetworkStore) throws
    -> Money
  {
    let booking = try store.bookingListing(id: bookingID, lockingRow: true)
    let listing = try store.voucher(code: code, lockingRow: true)
    let voucher = listing.voucher
    try actor.requireToRedeem(code: voucher.code, holder: listing.holder)
    guard booking.reservation.bookerUnitID == voucher.holderUnitID else {
      throw LabNetError.refused(
        "booking \(bookingID) was made for another unit; voucher \(voucher.code) pays only \(listing.holder.name)'s bookings"
      )
    }
    guard ReservationStatus.payable.contains(booking.reservation.status) else {
      throw LabNetError.refused(
        "booking \(bookingID) is \(booking.reservation.status.words); vouchers apply only before completion"
      )
    }
    let covered = try store.voucherCover(ofBooking: bookingID).reduce(Money.zero) {
      $0 + $1.amount
    }
    let amount = try voucher.redemption(
      fee: booking.reservation.quotedFee, alreadyCovered: covered,
      policy: try store.voucherPolicy(voucher.province),
      instrumentProvince: booking.instrumentUnit.province, now: now)
    try store.recordRedemption(
      voucher: voucher, amount: amount, bookingID: bookingID, actorID: actor.id)
    return amount
  }

  /// The voucher policies of `provinces` (anyone may read them).
  public func voucherPolicies(_ provinces: [Province]) throws -> [VoucherPolicy] {
    try read { store in try provinces.map { try store.voucherPolicy($0) } }
  }

  /// Changes a province's policy (its issuer, or an admin), only the parts
  /// given, under the policy row's lock.
  public func setVoucherPolicy(_ change: VoucherPolicyChange, as principal: Principal) throws
    -> VoucherPolicy
  {
    if let accepted = change.acceptedIn, accepted.isEmpty {
      throw LabNetError.invalidData(
        "a policy is accepted in at least one province, like SH,JS,ZJ,AH")
    }
    if case .some(.some(let cap)) = change.capPerBooking, cap.fen <= 0 {
      throw LabNetError.invalidData("the cap must be more than 0.00 yuan, or none for no cap")
    }
    return try write { store in
      let actor = try actor(principal, in: store)
      try actor.requireIssuer(
        of: change.province, to: "set the voucher policy of \(change.province.code)")
      _ = try store.voucherPolicy(change.province, lockingRow: true)
      try store.updateVoucherPolicy(
        change.province, coverBasisPoints: change.coverBasisPoints,
        capPerBooking: change.capPerBooking, acceptedIn: change.acceptedIn)
      return try store.voucherPolicy(change.province)
    }
  }
}
