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
  /// The name of the booker's unit (empty when not read).
  public var bookerUnitName: String
  /// The login of the manager who approved it, if one did.
  public var approverLogin: String?

  public init(
    reservation: Reservation, instrumentName: String, instrumentUnit: Unit, location: String,
    bookerLogin: String, voucherPaid: Money, bookerUnitName: String = "",
    approverLogin: String? = nil
  ) {
    self.reservation = reservation
    self.instrumentName = instrumentName
    self.instrumentUnit = instrumentUnit
    self.location = location
    self.bookerLogin = bookerLogin
    self.voucherPaid = voucherPaid
    self.bookerUnitName = bookerUnitName
    self.approverLogin = approverLogin
  }
}

/// Where a booking stands in a listing's order: its start, then its id.
public struct BookingKey: Sendable, Hashable {
  public var start: Instant
  public var id: Int64

  public init(start: Instant, id: Int64) {
    self.start = start
    self.id = id
  }
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
  /// Only bookings after this one in the listing's order (start, then id):
  /// the key of a page's last row, for the next page.
  public var after: BookingKey?
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
    r.status, r.quoted_fee_fen, r.used_from, r.used_to, r.charged_fee_fen, r.status_reason,
    r.hourly_rate_fen, r.created_at, r.approved_by, r.approved_at
    """
  /// The index of the first column a query selects after `reservationColumns`.
  static let afterReservation = 17

  static func reservation(from row: any SQLRow) throws -> Reservation {
    Reservation(
      id: try row.integer(0), instrumentID: try row.integer(1), bookerID: try row.integer(2),
      bookerUnitID: try row.integer(3), start: Instant(seconds: try row.integer(4)),
      end: Instant(seconds: try row.integer(5)), purpose: try row.text(6),
      status: try decode(ReservationStatus.self, try row.text(7), column: "reservation.status"),
      hourlyRate: Money(fen: try row.integer(13)), quotedFee: Money(fen: try row.integer(8)),
      usedFrom: row.optionalInt64(9).map(Instant.init),
      usedTo: row.optionalInt64(10).map(Instant.init),
      chargedFee: row.optionalInt64(11).map(Money.init(fen:)), statusReason: row.optionalString(12),
      createdAt: Instant(seconds: try row.integer(14)), approvedBy: row.optionalInt64(15),
      approvedAt: row.optionalInt64(16).map(Instant.init))
  }

  static let listingSelect = """
    SELECT \(reservationColumns), i.name, i.location, a.login, \(unitColumns),
      (SELECT coalesce(-sum(l.amount_fen), 0) FROM voucher_ledger AS l WHERE l.reservation_id = r.id),
      (SELECT b.name FROM unit AS b WHERE b.id = r.booker_unit_id),
      (SELECT p.login FROM account AS p WHERE p.id = r.approved_by)
    FROM reservation AS r
    JOIN instrument AS i ON i.id = r.instrument_id
    JOIN unit AS u ON u.id = i.unit_id
    JOIN account AS a ON a.id = r.booker_id
    """

  static func listing(from row: any SQLRow) throws -> BookingListing {
    BookingListing(
      reservation: try reservation(from: row), instrumentName: try row.text(afterReservation),
      instrumentUnit: try unit(from: row, at: afterReservation + 3),
      location: try row.text(afterReservation + 1), bookerLogin: try row.text(afterReservation + 2),
      voucherPaid: Money(fen: try row.integer(afterReservation + 8)),
      bookerUnitName: try row.text(afterReservation + 9),
      approverLogin: row.optionalString(afterReservation + 10))
  }

  /// The booking with `id`, whoever asks (the service checks who may read it).
  /// With `lockingRow`, its row stays locked until the transaction ends, so
  /// every change of one booking waits for the one before (PostgreSQL).
  public func bookingListing(id: Int64, lockingRow: Bool = false) throws -> BookingListing {
    guard
      let found = try database.first(
        Self.listingSelect + " WHERE r.id = ?"
          + (lockingRow ? database.dialect.lockingRows("r") : ""),
        [.integer(id)], Self.listing(from:))
    else {
      throw LabNetError.notFound("no booking with id \(id)", hint: .listBookings)
    }
    return found
  }

  /// The instrument of booking `id` (it never changes), or a not-found
  /// error: one primary-key read, so a change can lock the instrument first.
  public func instrumentID(ofBooking id: Int64) throws -> Int64 {
    guard
      let found = try database.scalar(
        "SELECT instrument_id FROM reservation WHERE id = ?", [.integer(id)])
    else {
      throw LabNetError.notFound("no booking with id \(id)", hint: .listBookings)
    }
    return found
  }

  /// Bookings in `scope` (the domain's answer to who may read what),
  /// narrowed by `filter`, by start.
  public func bookings(matching filter: BookingFilter, scope: BookingScope, actorID: Int64) throws
    -> [BookingListing]
  {
    var (conditions, parameters) = Self.bookingConditions(filter, scope: scope, actorID: actorID)
    if let after = filter.after {
      conditions.append("(r.starts_at > ? OR (r.starts_at = ? AND r.id > ?))")
      let start = SQLValue.integer(after.start.seconds)
      parameters += [start, start, .integer(after.id)]
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

  /// How many bookings in `scope` match `filter`, whatever its limit and cursor.
  public func bookingCount(matching filter: BookingFilter, scope: BookingScope, actorID: Int64)
    throws -> Int
  {
    let (conditions, parameters) = Self.bookingConditions(filter, scope: scope, actorID: actorID)
    var sql = """
      SELECT count(*) FROM reservation AS r
      JOIN instrument AS i ON i.id = r.instrument_id
      JOIN unit AS u ON u.id = i.unit_id
      """
    if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
    return Int(try database.scalar(sql, parameters) ?? 0)
  }

  /// The WHERE conditions of `filter` in `scope`, but for its cursor.
  static func bookingConditions(_ filter: BookingFilter, scope: BookingScope, actorID: Int64)
    -> ([String], [SQLValue])
  {
    var conditions: [String] = []
    var parameters: [SQLValue] = []
    if case .limited(let bookerID, let units, let provinces) = scope {
      var visible = ["r.booker_id = ?"]
      parameters.append(.integer(bookerID))
      for unitID in units {
        visible.append("i.unit_id = ?")
        parameters.append(.integer(unitID))
      }
      for province in provinces {
        visible.append("u.province = ?")
        parameters.append(.text(province.rawValue))
      }
      conditions.append("(" + visible.joined(separator: " OR ") + ")")
    }
    if filter.mine {
      conditions.append("r.booker_id = ?")
      parameters.append(.integer(actorID))
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
    return (conditions, parameters)
  }
}
