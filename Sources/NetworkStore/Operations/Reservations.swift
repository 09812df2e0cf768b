import InstrumentNetwork

/// A reservation with what people need to read it: the instrument, its unit
/// and the booker's login.
public struct BookingListing: Sendable, Hashable {
  public var reservation: Reservation
  public var instrumentName: String
  public var instrumentUnit: Unit
  public var location: String
  public var bookerLogin: String
  /// What vouchers pay on it now, net of refunds.
  public var voucherPaid: Money
}

/// What `booking list` narrows by; nil means any.
public struct BookingFilter: Sendable, Hashable {
  /// Only the acting account's own bookings.
  public var mine = false
  public var instrumentID: Int64?
  /// Bookings of this unit's instruments.
  public var unitID: Int64?
  public var status: ReservationStatus?
  /// Bookings overlapping this window.
  public var window: Range<Instant>?
  public var limit: Int?

  public init(
    mine: Bool = false, instrumentID: Int64? = nil, unitID: Int64? = nil,
    status: ReservationStatus? = nil, window: Range<Instant>? = nil, limit: Int? = nil
  ) {
    self.mine = mine
    self.instrumentID = instrumentID
    self.unitID = unitID
    self.status = status
    self.window = window
    self.limit = limit
  }
}

extension NetworkStore {
  static let reservationColumns = """
    r.id, r.instrument_id, r.booker_id, r.booker_unit_id, r.starts_at, r.ends_at, r.purpose,
    r.status, r.quoted_fee_fen, r.used_from, r.used_to, r.charged_fee_fen, r.status_reason
    """

  static func reservation(from row: any SQLRow) -> Reservation {
    Reservation(
      id: row.int64(0), instrumentID: row.int64(1), bookerID: row.int64(2),
      bookerUnitID: row.int64(3), start: Instant(seconds: row.int64(4)),
      end: Instant(seconds: row.int64(5)), purpose: row.string(6),
      status: ReservationStatus(rawValue: row.string(7)) ?? .cancelled,
      quotedFee: Money(fen: row.int64(8)), usedFrom: row.optionalInt64(9).map(Instant.init),
      usedTo: row.optionalInt64(10).map(Instant.init),
      chargedFee: row.optionalInt64(11).map(Money.init(fen:)), statusReason: row.optionalString(12))
  }

  static let listingSelect = """
    SELECT \(reservationColumns), i.name, i.location, a.login, \(unitColumns),
      (SELECT coalesce(-sum(l.amount_fen), 0) FROM voucher_ledger AS l WHERE l.reservation_id = r.id)
    FROM reservation AS r
    JOIN instrument AS i ON i.id = r.instrument_id
    JOIN unit AS u ON u.id = i.unit_id
    JOIN account AS a ON a.id = r.booker_id
    """

  static func listing(from row: any SQLRow) -> BookingListing {
    BookingListing(
      reservation: reservation(from: row), instrumentName: row.string(13),
      instrumentUnit: unit(from: row, at: 16), location: row.string(14),
      bookerLogin: row.string(15), voucherPaid: Money(fen: row.int64(21)))
  }

  /// The booking with `id`, whoever may see it (for checks inside operations).
  func bookingListing(id: Int64) throws -> BookingListing {
    guard
      let found = try database.first(
        Self.listingSelect + " WHERE r.id = ?", [.integer(id)], Self.listing(from:))
    else {
      throw LabNetError.notFound("no booking with id \(id); `labnet booking list` shows yours")
    }
    return found
  }

  /// The booking with `id`, if the acting account may see it.
  public func booking(id: Int64) throws -> BookingListing {
    let found = try bookingListing(id: id)
    let actor = try actingAccount()
    guard mayRead(found, actor: actor) else {
      throw LabNetError.permission(
        "\(actor.login) may not see booking \(id): it is neither yours nor of a unit you manage")
    }
    return found
  }

  func mayRead(_ listing: BookingListing, actor: Account) -> Bool {
    listing.reservation.bookerID == actor.id || actor.mayManage(unitID: listing.instrumentUnit.id)
      || actor.mayAudit(province: listing.instrumentUnit.province)
  }

  /// Bookings the acting account may see, narrowed by `filter`, by start.
  /// Researchers see their own; managers also their units' instruments';
  /// auditors their province's; admins and network auditors all.
  public func bookings(matching filter: BookingFilter) throws -> [BookingListing] {
    let actor = try actingAccount()
    var conditions: [String] = []
    var parameters: [SQLValue] = []
    if !(actor.isAdmin || actor.mayAuditNetwork) {
      var visible = ["r.booker_id = ?"]
      parameters.append(.integer(actor.id))
      for unitID in actor.managedUnitIDs {
        visible.append("i.unit_id = ?")
        parameters.append(.integer(unitID))
      }
      for case .auditor(let province?) in actor.roles {
        visible.append("u.province = ?")
        parameters.append(.text(province.rawValue))
      }
      conditions.append("(" + visible.joined(separator: " OR ") + ")")
    }
    if filter.mine {
      conditions.append("r.booker_id = ?")
      parameters.append(.integer(actor.id))
    }
    if let instrumentID = filter.instrumentID {
      conditions.append("r.instrument_id = ?")
      parameters.append(.integer(instrumentID))
    }
    if let unitID = filter.unitID {
      conditions.append("i.unit_id = ?")
      parameters.append(.integer(unitID))
    }
    if let status = filter.status {
      conditions.append("r.status = ?")
      parameters.append(.text(status.rawValue))
    }
    if let window = filter.window {
      conditions.append("r.ends_at > ? AND r.starts_at < ?")
      parameters += [.integer(window.lowerBound.seconds), .integer(window.upperBound.seconds)]
    }
    var sql = Self.listingSelect
    if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
    sql += " ORDER BY r.starts_at, r.id"
    if let limit = filter.limit {
      sql += " LIMIT ?"
      parameters.append(.integer(Int64(limit)))
    }
    return try database.rows(sql, parameters, Self.listing(from:))
  }
}
