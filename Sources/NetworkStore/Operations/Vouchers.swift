import InstrumentNetwork

/// A voucher with its holder, for show and list.
public struct VoucherListing: Sendable, Hashable {
  public var voucher: Voucher
  public var holder: Unit
}

/// One row of a voucher's append-only ledger.
public struct VoucherLedgerEntry: Sendable, Hashable {
  public enum Kind: String, Sendable {
    case issue, redeem, refund, settle
  }

  public var id: Int64
  public var kind: Kind
  /// The signed change of the balance: issue and refunds raise it, redemptions lower it.
  public var amount: Money
  public var reservationID: Int64?
  public var recordedAt: Instant
}

/// What `voucher list` narrows by; nil means any.
public struct VoucherFilter: Sendable, Hashable {
  public var holderUnitID: Int64?
  public var province: Province?
  public var standing: Voucher.Standing?

  public init(
    holderUnitID: Int64? = nil, province: Province? = nil, standing: Voucher.Standing? = nil
  ) {
    self.holderUnitID = holderUnitID
    self.province = province
    self.standing = standing
  }
}

extension NetworkStore {
  static let voucherColumns = """
    v.id, v.code, v.province, v.holder_unit_id, v.face_value_fen, v.balance_fen, v.valid_from,
    v.valid_to, v.status
    """

  static func voucher(from row: any SQLRow) -> Voucher {
    Voucher(
      id: row.int64(0), code: row.string(1),
      province: Province(rawValue: row.string(2)) ?? .shanghai,
      holderUnitID: row.int64(3), faceValue: Money(fen: row.int64(4)),
      balance: Money(fen: row.int64(5)), validFrom: Instant(seconds: row.int64(6)),
      validTo: Instant(seconds: row.int64(7)), isRevoked: row.string(8) == "revoked")
  }

  static let voucherSelect =
    "SELECT \(voucherColumns), \(unitColumns) FROM voucher AS v JOIN unit AS u ON u.id = v.holder_unit_id"

  // MARK: Policies

  /// The voucher policy of `province`.
  public func voucherPolicy(_ province: Province) throws -> VoucherPolicy {
    let row = try database.first(
      "SELECT cover_basis_points, cap_fen FROM voucher_policy WHERE province = ?",
      [.text(province.rawValue)]
    ) { ($0.int(0), $0.optionalInt64(1)) }
    let accepted = try database.rows(
      "SELECT provider_province FROM voucher_acceptance WHERE issuing_province = ?",
      [.text(province.rawValue)]
    ) { Province(rawValue: $0.string(0)) }.compactMap { $0 }.sorted()
    return VoucherPolicy(
      province: province, coverBasisPoints: row?.0 ?? 5_000,
      capPerBooking: row?.1.map(Money.init(fen:)), acceptedIn: accepted)
  }

  /// Changes a province's policy (its issuer, or an admin); nil leaves a part as it is.
  public func setVoucherPolicy(
    _ province: Province, coverBasisPoints: Int?, capPerBooking: Money??, acceptedIn: [Province]?
  ) throws -> VoucherPolicy {
    try actingAccount().requireIssuer(
      of: province, to: "set the voucher policy of \(province.code)")
    return try write {
      var policy = try voucherPolicy(province)
      if let coverBasisPoints { policy.coverBasisPoints = coverBasisPoints }
      if let capPerBooking { policy.capPerBooking = capPerBooking }
      if let acceptedIn {
        guard !acceptedIn.isEmpty else {
          throw LabNetError.invalidData("--accept needs at least one province, like SH,JS,ZJ,AH")
        }
        policy.acceptedIn = acceptedIn
      }
      try database.execute(
        "UPDATE voucher_policy SET cover_basis_points = ?, cap_fen = ?, updated_at = ? WHERE province = ?",
        [
          .integer(Int64(policy.coverBasisPoints)), .optional(policy.capPerBooking?.fen),
          .integer(now().seconds), .text(province.rawValue),
        ])
      try database.execute(
        "DELETE FROM voucher_acceptance WHERE issuing_province = ?", [.text(province.rawValue)])
      for provider in policy.acceptedIn {
        try database.execute(
          "INSERT INTO voucher_acceptance (issuing_province, provider_province) VALUES (?, ?)",
          [.text(province.rawValue), .text(provider.rawValue)])
      }
      return policy
    }
  }

  // MARK: Issuing and reading

  /// Issues a voucher to an enterprise of the issuer's province.
  public func issueVoucher(holderUnitID: Int64, faceValue: Money, validity: Range<Instant>)
    throws -> VoucherListing
  {
    let holder = try unit(id: holderUnitID)
    try actingAccount().requireIssuer(
      of: holder.province, to: "issue vouchers to \(holder.name) (\(holder.province.code))")
    guard holder.kind.holdsVouchers else {
      throw LabNetError.refused(
        "\(holder.name) is a \(holder.kind.rawValue); innovation vouchers go to enterprises only")
    }
    guard faceValue.fen > 0 else {
      throw LabNetError.invalidData("a voucher's amount must be more than 0.00 yuan")
    }
    guard validity.upperBound > now() else {
      throw LabNetError.invalidData(
        "the voucher would already have expired: --expires must be today or later")
    }
    let actor = try actingAccount()
    return try write {
      let year = now().localDate.year
      let prefix = "\(holder.province.code)-\(year)-"
      let issued =
        try database.scalar(
          "SELECT count(*) FROM voucher WHERE code LIKE ?", [.text(prefix + "%")]) ?? 0
      let code = Voucher.code(province: holder.province, year: year, sequence: Int(issued) + 1)
      let time = now().seconds
      let id =
        try database.scalar(
          """
          INSERT INTO voucher (code, province, holder_unit_id, face_value_fen, valid_from, valid_to,
            issued_by, issued_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
          """,
          [
            .text(code), .text(holder.province.rawValue), .integer(holder.id),
            .integer(faceValue.fen), .integer(validity.lowerBound.seconds),
            .integer(validity.upperBound.seconds), .integer(actor.id), .integer(time),
          ]) ?? 0
      try recordLedger(voucherID: id, kind: .issue, amount: faceValue, reservationID: nil)
      return try voucher(code: code)
    }
  }

  /// The voucher with `code`, or a not-found error.
  public func voucher(code: String) throws -> VoucherListing {
    guard
      let found = try database.first(
        Self.voucherSelect + " WHERE v.code = ?", [.text(code.uppercased())],
        { VoucherListing(voucher: Self.voucher(from: $0), holder: Self.unit(from: $0, at: 9)) })
    else {
      throw LabNetError.notFound("no voucher with code \(code); codes look like ZJ-2026-000123")
    }
    return found
  }

  /// A voucher's ledger, oldest first.
  public func ledger(of voucher: Voucher) throws -> [VoucherLedgerEntry] {
    try database.rows(
      "SELECT id, entry, amount_fen, reservation_id, recorded_at FROM voucher_ledger WHERE voucher_id = ? ORDER BY id",
      [.integer(voucher.id)]
    ) {
      VoucherLedgerEntry(
        id: $0.int64(0), kind: VoucherLedgerEntry.Kind(rawValue: $0.string(1)) ?? .redeem,
        amount: Money(fen: $0.int64(2)), reservationID: $0.optionalInt64(3),
        recordedAt: Instant(seconds: $0.int64(4)))
    }
  }

  /// Vouchers matching `filter`, by code.
  public func vouchers(matching filter: VoucherFilter) throws -> [VoucherListing] {
    var conditions: [String] = []
    var parameters: [SQLValue] = []
    if let holder = filter.holderUnitID {
      conditions.append("v.holder_unit_id = ?")
      parameters.append(.integer(holder))
    }
    if let province = filter.province {
      conditions.append("v.province = ?")
      parameters.append(.text(province.rawValue))
    }
    let sql =
      Self.voucherSelect
      + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
      + " ORDER BY v.code"
    let time = now()
    return try database.rows(sql, parameters) {
      VoucherListing(voucher: Self.voucher(from: $0), holder: Self.unit(from: $0, at: 9))
    }.filter { filter.standing == nil || $0.voucher.standing(at: time) == filter.standing }
  }

  // MARK: Redeeming, refunding, settling

  /// What vouchers cover on a booking now, per voucher id (net of refunds).
  func voucherCover(ofBooking bookingID: Int64) throws -> [(voucherID: Int64, amount: Money)] {
    try database.rows(
      "SELECT voucher_id, -sum(amount_fen) FROM voucher_ledger WHERE reservation_id = ? GROUP BY voucher_id ORDER BY voucher_id",
      [.integer(bookingID)]
    ) { ($0.int64(0), Money(fen: $0.int64(1))) }.filter { $0.amount.fen > 0 }
  }

  /// Applies a voucher to a booking of its holder unit, by a researcher of
  /// that unit, before completion; returns the amount redeemed.
  @discardableResult
  public func redeemVoucher(code: String, bookingID: Int64) throws -> Money {
    let actor = try actingAccount()
    return try write {
      let listing = try voucher(code: code)
      let voucher = listing.voucher
      guard actor.unitID == voucher.holderUnitID else {
        throw LabNetError.refused(
          "voucher \(voucher.code) belongs to \(listing.holder.name); only its researchers may use it"
        )
      }
      // Lock the voucher's row: concurrent redemptions of it queue up (PostgreSQL).
      _ = try database.scalar(
        "SELECT id FROM voucher AS v WHERE v.id = ?" + database.dialect.lockingRows("v"),
        [.integer(voucher.id)])
      let locked = try self.voucher(code: voucher.code).voucher
      // Any researcher of the holder unit may pay its unit's bookings.
      let booking = try bookingListing(id: bookingID)
      guard booking.reservation.bookerUnitID == voucher.holderUnitID else {
        throw LabNetError.refused(
          "booking \(bookingID) was made for another unit; voucher \(voucher.code) pays only \(listing.holder.name)'s bookings"
        )
      }
      guard [.pending, .confirmed].contains(booking.reservation.status) else {
        throw LabNetError.refused(
          "booking \(bookingID) is \(booking.reservation.status.rawValue); vouchers apply only before completion"
        )
      }
      let policy = try voucherPolicy(voucher.province)
      let covered = try voucherCover(ofBooking: bookingID).reduce(Money.zero) { $0 + $1.amount }
      let amount = try locked.redemption(
        fee: booking.reservation.quotedFee, alreadyCovered: covered, policy: policy,
        instrumentProvince: booking.instrumentUnit.province, now: now())
      do {
        try recordLedger(
          voucherID: voucher.id, kind: .redeem, amount: -amount, reservationID: bookingID)
      } catch let error as DatabaseError where error.kind == .checkViolation {
        throw LabNetError.refused(
          "voucher \(voucher.code) has \(locked.balance.groupedYuan) yuan left; this booking's voucher share is \(amount.groupedYuan)"
        )
      }
      return amount
    }
  }

  /// Gives back everything vouchers paid on a booking (cancelled or rejected).
  func refundVouchers(ofBooking bookingID: Int64) throws {
    for (voucherID, amount) in try voucherCover(ofBooking: bookingID) {
      try recordLedger(
        voucherID: voucherID, kind: .refund, amount: amount, reservationID: bookingID)
    }
  }

  /// Re-settles vouchers on a completed booking to its charge: what they pay
  /// beyond the policy's share of the charge goes back, latest voucher first.
  func settleVouchers(ofBooking bookingID: Int64, charge: Money) throws {
    var cover = try voucherCover(ofBooking: bookingID)
    guard !cover.isEmpty else { return }
    // Vouchers may keep the share of the charge under the most generous of
    // their provinces' policies (the bound each redemption itself obeyed).
    let provinces = try database.rows(
      "SELECT DISTINCT v.province FROM voucher_ledger AS l JOIN voucher AS v ON v.id = l.voucher_id WHERE l.reservation_id = ?",
      [.integer(bookingID)]
    ) { Province(rawValue: $0.string(0)) }.compactMap { $0 }
    let allowed = try provinces.map { try voucherPolicy($0).share(of: charge) }.max() ?? .zero
    var excess = cover.reduce(Money.zero) { $0 + $1.amount } - allowed
    while excess.fen > 0, let last = cover.popLast() {
      let back = min(excess, last.amount)
      try recordLedger(
        voucherID: last.voucherID, kind: .settle, amount: back, reservationID: bookingID)
      excess = excess - back
    }
  }

  func recordLedger(
    voucherID: Int64, kind: VoucherLedgerEntry.Kind, amount: Money, reservationID: Int64?
  )
    throws
  {
    let actorID = try? actingAccount().id
    try database.execute(
      "INSERT INTO voucher_ledger (voucher_id, reservation_id, entry, amount_fen, actor_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
      [
        .integer(voucherID), .optional(reservationID), .text(kind.rawValue), .integer(amount.fen),
        .optional(actorID), .integer(now().seconds),
      ])
  }
}
