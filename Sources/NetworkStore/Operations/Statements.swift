import InstrumentNetwork

extension NetworkStore {
  /// The charged bookings of a unit's statement: bookings starting in
  /// `period` of `unitID`'s instruments (provider) or by its people
  /// (customer), each with what vouchers paid of it. One query, the same
  /// text in both dialects.
  public func statementLines(unitID: Int64, side: StatementSide, period: Range<Instant>) throws
    -> [StatementLine]
  {
    // The unit this statement is for, and the counterpart each line names.
    let (own, other) = side == .provider ? ("i.unit_id", "b") : ("r.booker_unit_id", "u")
    var lines: [StatementLine] = []
    try database.query(
      """
      SELECT r.id, r.instrument_id, i.name, \(other).id, \(other).name, \(other).province, a.login,
        r.starts_at, r.ends_at, r.status, r.used_from, r.used_to, r.charged_fee_fen,
        coalesce(p.paid, 0)
      FROM reservation AS r
      JOIN instrument AS i ON i.id = r.instrument_id
      JOIN unit AS u ON u.id = i.unit_id
      JOIN unit AS b ON b.id = r.booker_unit_id
      JOIN account AS a ON a.id = r.booker_id
      \(Self.voucherPaidJoin)
      WHERE \(own) = ? AND r.starts_at >= ? AND r.starts_at < ?
        AND r.status IN \(Self.sqlList(StatementLine.chargedStatuses))
        AND r.charged_fee_fen IS NOT NULL
      ORDER BY r.starts_at, r.id
      """,
      [.integer(unitID), .integer(period.lowerBound.seconds), .integer(period.upperBound.seconds)]
    ) { row in
      let start = try row.integer(7)
      let end = try row.integer(8)
      let status = try Self.decode(
        ReservationStatus.self, try row.text(9), column: "reservation.status")
      let used = status == .completed ? (row.optionalInt64(10), row.optionalInt64(11)) : (nil, nil)
      let seconds: Int64
      if let from = used.0, let to = used.1 { seconds = to - from } else { seconds = end - start }
      lines.append(
        StatementLine(
          bookingID: try row.integer(0), instrumentID: try row.integer(1),
          instrumentName: try row.text(2),
          counterpart: StatementParty(
            id: try row.integer(3), name: try row.text(4),
            province: try Self.decode(Province.self, try row.text(5), column: "unit.province")),
          bookerLogin: try row.text(6), start: Instant(seconds: start), end: Instant(seconds: end),
          status: status, seconds: seconds, charge: Money(fen: try row.integer(12)),
          voucherShare: Money(fen: row.int64(13))))
    }
    return lines
  }
}
