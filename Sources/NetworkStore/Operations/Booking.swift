import InstrumentNetwork

extension NetworkStore {
  /// The statuses that hold an instrument's time, as SQL: the domain's list.
  static let holdingTime = sqlList(ReservationStatus.holdingTime)
  /// The statuses a booking may be cancelled from, as SQL.
  static let cancellable = sqlList(BookingAction.cancel.allowedFrom)

  /// `('a', 'b')` for an IN condition; statuses are fixed keys, never input.
  static func sqlList(_ statuses: [ReservationStatus]) -> String {
    "(" + statuses.map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"
  }

  /// Inserts a booking. The database refuses an overlap whatever got past
  /// the checks before it, so two processes can never both win the same time.
  public func insertReservation(_ reservation: Reservation, seriesID: Int64? = nil) throws
    -> Reservation
  {
    let time = now().seconds
    do {
      var inserted = reservation
      inserted.createdAt = Instant(seconds: time)
      inserted.id =
        try database.scalar(
          """
          INSERT INTO reservation (instrument_id, booker_id, booker_unit_id, starts_at, ends_at,
            purpose, status, hourly_rate_fen, quoted_fee_fen, created_at, updated_at, series_id)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
          """,
          [
            .integer(reservation.instrumentID), .integer(reservation.bookerID),
            .integer(reservation.bookerUnitID), .integer(reservation.start.seconds),
            .integer(reservation.end.seconds), .text(reservation.purpose),
            .text(reservation.status.rawValue), .integer(reservation.hourlyRate.fen),
            .integer(reservation.quotedFee.fen),
            .integer(time), .integer(time), .optional(seriesID),
          ]) ?? 0
      return inserted
    } catch let error as DatabaseError where error.kind == .overlap {
      throw TimeConflict.slotTaken(
        instrumentID: reservation.instrumentID, reservation.interval)
    }
  }

  /// The first maintenance block, else the first booking holding its time,
  /// that overlaps `interval` of an instrument (not counting booking `excluding`).
  public func firstConflict(instrumentID: Int64, _ interval: Range<Instant>, excluding: Int64?)
    throws -> TimeConflict?
  {
    let bounds: [SQLValue] = [
      .integer(instrumentID), .integer(interval.lowerBound.seconds),
      .integer(interval.upperBound.seconds),
    ]
    if let block = try database.first(
      "SELECT starts_at, ends_at, reason FROM maintenance_block WHERE instrument_id = ? AND ends_at > ? AND starts_at < ? ORDER BY starts_at LIMIT 1",
      bounds,
      {
        TimeConflict.block(
          Instant(seconds: try $0.integer(0))..<Instant(seconds: try $0.integer(1)),
          reason: try $0.text(2))
      })
    {
      return block
    }
    return try database.first(
      "SELECT starts_at, ends_at FROM reservation WHERE instrument_id = ? AND ends_at > ? AND starts_at < ? AND status IN \(Self.holdingTime) AND id <> ? ORDER BY starts_at LIMIT 1",
      bounds + [.integer(excluding ?? 0)],
      { .booking(Instant(seconds: try $0.integer(0))..<Instant(seconds: try $0.integer(1))) })
  }

  /// Saves a booking's new status, reason, actual use and charge — only if
  /// it is still in `expected`, the status the decision was made on.
  /// Returns false (and changes nothing) when another change got there first.
  public func saveStatusChange(_ reservation: Reservation, expected: ReservationStatus) throws
    -> Bool
  {
    let changed = try database.execute(
      """
      UPDATE reservation SET status = ?, status_reason = ?, used_from = ?, used_to = ?,
        charged_fee_fen = ?, approved_by = ?, approved_at = ?, updated_at = ?
      WHERE id = ? AND status = ?
      """,
      [
        .text(reservation.status.rawValue), .optional(reservation.statusReason),
        .optional(reservation.usedFrom?.seconds), .optional(reservation.usedTo?.seconds),
        .optional(reservation.chargedFee?.fen), .optional(reservation.approvedBy),
        .optional(reservation.approvedAt?.seconds), .integer(now().seconds),
        .integer(reservation.id), .text(expected.rawValue),
      ])
    return changed == 1
  }

  /// Saves a booking's new time, frozen rate, quote, status and approval —
  /// only if it is still in `expected`. Returns false (and changes nothing)
  /// when another change got there first; the overlap guard of the schema
  /// still refuses a time another booking holds.
  public func saveMove(_ reservation: Reservation, expected: ReservationStatus) throws -> Bool {
    let changed = try database.execute(
      """
      UPDATE reservation SET starts_at = ?, ends_at = ?, status = ?, hourly_rate_fen = ?,
        quoted_fee_fen = ?, approved_by = ?, approved_at = ?, updated_at = ?
      WHERE id = ? AND status = ?
      """,
      [
        .integer(reservation.start.seconds), .integer(reservation.end.seconds),
        .text(reservation.status.rawValue), .integer(reservation.hourlyRate.fen),
        .integer(reservation.quotedFee.fen), .optional(reservation.approvedBy),
        .optional(reservation.approvedAt?.seconds), .integer(now().seconds),
        .integer(reservation.id), .text(expected.rawValue),
      ])
    return changed == 1
  }

  /// Makes booking `id` the first of a series: the series takes its id.
  public func startSeries(bookingID id: Int64) throws {
    try database.execute(
      "UPDATE reservation SET series_id = id WHERE id = ?", [.integer(id)])
  }

  /// Booking `id` and the bookings of its series that start after it and
  /// may still be cancelled, by start; nil when it belongs to no series.
  public func seriesFrom(bookingID id: Int64) throws -> [Int64]? {
    guard
      let series = try database.first(
        "SELECT series_id FROM reservation WHERE id = ?", [.integer(id)],
        { $0.isNull(0) ? nil : $0.int64(0) }) ?? nil
    else { return nil }
    return try database.rows(
      """
      SELECT r.id FROM reservation AS r JOIN reservation AS b ON b.id = ?
      WHERE r.series_id = ? AND (r.id = b.id OR (r.starts_at >= b.starts_at
        AND r.status IN \(Self.cancellable))) ORDER BY r.starts_at, r.id
      """, [.integer(id), .integer(series)]
    ) { try $0.integer(0) }
  }
}
