import InstrumentNetwork

/// A voucher with its holder, for show and list.
public struct VoucherListing: Sendable, Hashable {
  public var voucher: Voucher
  public var holder: Unit

  public init(
    voucher: Voucher, holder: Unit
  ) {
    self.voucher = voucher
    self.holder = holder
  }
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

  public init(
    id: Int64, kind: Kind, amount: Money, reservationID: Int64?, recordedAt: Instant
  ) {
    self.id = id
    self.kind = kind
    self.amount = amount
    self.reservationID = reservationID
    self.recordedAt = recordedAt
  }
}

/// What `voucher list` narrows by; nil means any.
public struct VoucherFilter: Sendable, Hashable {
  public var holderUnitID: Int64?
  public var province: Province?
  public var standing: Voucher.Standing?
  /// Whether expired vouchers are listed (when no `standing` is asked for).
  public var includeExpired = true

  public init(
    holderUnitID: Int64? = nil, province: Province? = nil, standing: Voucher.Standing? = nil,
    includeExpired: Bool = true
  ) {
    self.holderUnitID = holderUnitID
    self.province = province
    self.standing = standing
    self.includeExpired = includeExpired
  }

  /// Whether `voucher` passes the filter's standing at `now` (the holder and
  /// province are the query's).
  public func admits(_ voucher: Voucher, at now: Instant) -> Bool {
    let found = voucher.standing(at: now)
    if let standing { return found == standing }
    return includeExpired || found != .expired
  }
}

extension NetworkStore {
  static let voucherColumns = """
    v.id, v.code, v.province, v.holder_unit_id, v.face_value_fen, v.balance_fen, v.valid_from,
    v.valid_to, v.status
    """

  static func voucher(from row: any SQLRow) throws -> Voucher {
    Voucher(
      id: try row.integer(0), code: try row.text(1),
      province: try decode(Province.self, try row.text(2), column: "voucher.province"),
      holderUnitID: try row.integer(3), faceValue: Money(fen: try row.integer(4)),
      balance: Money(fen: try row.integer(5)), validFrom: Instant(seconds: try row.integer(6)),
      validTo: Instant(seconds: try row.integer(7)), isRevoked: try row.text(8) == "revoked")
  }

  static func voucherListing(from row: any SQLRow) throws -> VoucherListing {
    VoucherListing(voucher: try voucher(from: row), holder: try unit(from: row, at: 9))
  }

  static let voucherSelect =
    "SELECT \(voucherColumns), \(unitColumns) FROM voucher AS v JOIN unit AS u ON u.id = v.holder_unit_id"

  // MARK: Policies

  /// The voucher policy of `province`; with `lockingRow`, locked until the
  /// transaction ends so concurrent changes of it queue up.
  public func voucherPolicy(_ province: Province, lockingRow: Bool = false) throws -> VoucherPolicy
  {
    let row = try database.first(
      "SELECT p.cover_basis_points, p.cap_fen FROM voucher_policy AS p WHERE p.province = ?"
        + (lockingRow ? database.dialect.lockingRows("p") : ""),
      [.text(province.rawValue)]
    ) { (Int(try $0.integer(0)), $0.optionalInt64(1)) }
    guard let row else {
      throw Self.unreadable("voucher_policy", "has no row for \(province.code)")
    }
    let accepted = try database.rows(
      "SELECT provider_province FROM voucher_acceptance WHERE issuing_province = ?",
      [.text(province.rawValue)]
    ) {
      try Self.decode(Province.self, try $0.text(0), column: "voucher_acceptance.provider_province")
    }
    .sorted()
    return VoucherPolicy(
      province: province, coverBasisPoints: row.0,
      capPerBooking: row.1.map(Money.init(fen:)), acceptedIn: accepted)
  }

  /// Writes the parts of a province's policy that are given (nil: unchanged).
  public func updateVoucherPolicy(
    _ province: Province, coverBasisPoints: Int?, capPerBooking: Money??, acceptedIn: [Province]?
  ) throws {
    var assignments = ["updated_at = ?"]
    var values: [SQLValue] = [.integer(now().seconds)]
    if let coverBasisPoints {
      assignments.append("cover_basis_points = ?")
      values.append(.integer(Int64(coverBasisPoints)))
    }
    if let capPerBooking {
      assignments.append("cap_fen = ?")
      values.append(.optional(capPerBooking?.fen))
    }
    try database.execute(
      "UPDATE voucher_policy SET \(assignments.joined(separator: ", ")) WHERE province = ?",
      values + [.text(province.rawValue)])
    guard let acceptedIn else { return }
    try database.execute(
      "DELETE FROM voucher_acceptance WHERE issuing_province = ?", [.text(province.rawValue)])
    for provider in acceptedIn {
      try database.execute(
        "INSERT INTO voucher_acceptance (issuing_province, provider_province) VALUES (?, ?)",
        [.text(province.rawValue), .text(provider.rawValue)])
    }
  }

  // MARK: Issuing and reading

  /// The next voucher number of `province` in `year`, from the counter row
  /// (bumped under its row lock, so concurrent issues never collide).
  func nextVoucherNumber(province: Province, year: Int) throws -> Int {
    let number = try database.scalar(
      """
      INSERT INTO voucher_code_counter (province, year, last_number)
      VALUES (?, ?, 1 + (SELECT coalesce(max(CAST(substr(code, 9) AS INTEGER)), 0) FROM voucher
        WHERE province = ? AND substr(code, 4, 4) = ?))
      ON CONFLICT (province, year) DO UPDATE SET last_number = voucher_code_counter.last_number + 1
      RETURNING last_number
      """,
      [
        .text(province.rawValue), .integer(Int64(year)), .text(province.rawValue),
        .text(String(year)),
      ])
    return Int(number ?? 1)
  }

  /// Issues a voucher to `holder` (checked by the service): a new code, the
  /// voucher row and its issue entry in the ledger.
  public func insertVoucher(
    holder: Unit, faceValue: Money, validity: Range<Instant>, issuedBy actorID: Int64
  ) throws -> VoucherListing {
    let year = now().localDate.year
    let code = Voucher.code(
      province: holder.province, year: year,
      sequence: try nextVoucherNumber(province: holder.province, year: year))
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
          .integer(validity.upperBound.seconds), .integer(actorID), .integer(now().seconds),
        ]) ?? 0
    try recordLedger(
      voucherID: id, kind: .issue, amount: faceValue, reservationID: nil, actorID: actorID)
    return try voucher(code: code)
  }

  /// The voucher with `code` (trimmed, any case), or a not-found error. With
  /// `lockingRow`, its row stays locked until the transaction ends.
  public func voucher(code: String, lockingRow: Bool = false) throws -> VoucherListing {
    let key = code.trimmedWhitespace.uppercased()
    guard
      let found = try database.first(
        Self.voucherSelect + " WHERE v.code = ?"
          + (lockingRow ? database.dialect.lockingRows("v") : ""),
        [.text(key)], Self.voucherListing(from:))
    else {
      throw LabNetError.notFound("no voucher with code \(key); codes look like ZJ-2026-000123")
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
        id: try $0.integer(0),
        kind: try Self.decode(
          VoucherLedgerEntry.Kind.self, try $0.text(1), column: "voucher_ledger.entry"),
        amount: Money(fen: try $0.integer(2)), reservationID: $0.optionalInt64(3),
        recordedAt: Instant(seconds: try $0.integer(4)))
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
    return try database.rows(sql, parameters, Self.voucherListing(from:))
      .filter { filter.admits($0.voucher, at: time) }
  }

  // MARK: Redeeming, refunding, settling

  /// What vouchers cover on a booking now, per voucher, in the order applied (net of refunds).
  public func voucherCover(ofBooking bookingID: Int64) throws -> [VoucherSettlement.Share] {
    try database.rows(
      "SELECT voucher_id, -sum(amount_fen) FROM voucher_ledger WHERE reservation_id = ? GROUP BY voucher_id ORDER BY min(id)",
      [.integer(bookingID)]
    ) {
      VoucherSettlement.Share(voucherID: try $0.integer(0), amount: Money(fen: try $0.integer(1)))
    }
    .filter { $0.amount.fen > 0 }
  }

  /// Records a redemption; the database refuses it when the balance would go negative.
  public func recordRedemption(
    voucher: Voucher, amount: Money, bookingID: Int64, actorID: Int64
  ) throws {
    do {
      try recordLedger(
        voucherID: voucher.id, kind: .redeem, amount: -amount, reservationID: bookingID,
        actorID: actorID)
    } catch let error as DatabaseError where error.kind == .checkViolation {
      throw LabNetError.refused(
        "voucher \(voucher.code) has \(voucher.balance.groupedYuan) yuan left; this booking's voucher share is \(amount.groupedYuan)",
        code: "voucher_exhausted")
    }
  }

  /// Gives back everything vouchers paid on a booking (cancelled or rejected).
  public func refundVouchers(ofBooking bookingID: Int64, actorID: Int64?) throws {
    for share in try voucherCover(ofBooking: bookingID) {
      try recordLedger(
        voucherID: share.voucherID, kind: .refund, amount: share.amount, reservationID: bookingID,
        actorID: actorID)
    }
  }

  /// Re-settles vouchers on a completed booking to its charge
  /// (`VoucherSettlement`): they may keep the share of the charge under the
  /// most generous of their provinces' policies, the bound each redemption
  /// itself obeyed.
  public func settleVouchers(ofBooking bookingID: Int64, charge: Money, actorID: Int64?) throws {
    let cover = try voucherCover(ofBooking: bookingID)
    guard !cover.isEmpty else { return }
    let provinces = try database.rows(
      "SELECT DISTINCT v.province FROM voucher_ledger AS l JOIN voucher AS v ON v.id = l.voucher_id WHERE l.reservation_id = ?",
      [.integer(bookingID)]
    ) { try Self.decode(Province.self, try $0.text(0), column: "voucher.province") }
    let allowed = try provinces.map { try voucherPolicy($0).share(of: charge) }.max() ?? .zero
    for back in VoucherSettlement.returns(cover: cover, allowed: allowed) {
      try recordLedger(
        voucherID: back.voucherID, kind: .settle, amount: back.amount, reservationID: bookingID,
        actorID: actorID)
    }
  }

  func recordLedger(
    voucherID: Int64, kind: VoucherLedgerEntry.Kind, amount: Money, reservationID: Int64?,
    actorID: Int64?
  ) throws {
    try database.execute(
      "INSERT INTO voucher_ledger (voucher_id, reservation_id, entry, amount_fen, actor_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?)",
      [
        .integer(voucherID), .optional(reservationID), .text(kind.rawValue), .integer(amount.fen),
        .optional(actorID), .integer(now().seconds),
      ])
  }
}
