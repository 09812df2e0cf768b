import InstrumentNetwork

/// The seeded network's innovation vouchers: one per enterprise, issued in
/// 2018 by its province, and spent on that enterprise's historical bookings
/// (across provinces too) under each province's policy until the balance runs
/// out. Balances are followed in memory; the ledger rows are written after the
/// bookings they point to.
struct SeedVoucherBook {
  struct Held {
    var id: Int64
    var province: Province
    var balance: Int64
  }

  struct Entry {
    var voucherID: Int64
    var reservationID: Int64
    var kind: VoucherLedgerEntry.Kind
    var amount: Int64
    var time: Int64
  }

  /// A booking a voucher might pay, in the few fields that decides.
  struct Candidate {
    var reservationID: Int64
    var bookerUnitID: Int64
    var start: Int64
    var end: Int64
    var status: ReservationStatus
    var quoted: Money
    var charged: Money?
    var instrumentProvince: Province
  }

  var held: [Int64: Held] = [:]
  var policies: [Province: VoucherPolicy] = [:]
  var entries: [Entry] = []
  /// Bookings of units holding vouchers, spent in time order at the end.
  var candidates: [Candidate] = []

  /// Notes a booking a voucher of its unit may pay.
  mutating func consider(_ booking: Reservation, instrumentProvince: Province) {
    guard held[booking.bookerUnitID] != nil else { return }
    candidates.append(
      Candidate(
        reservationID: booking.id, bookerUnitID: booking.bookerUnitID, start: booking.start.seconds,
        end: booking.end.seconds, status: booking.status, quoted: booking.quotedFee,
        charged: booking.chargedFee, instrumentProvince: instrumentProvince))
  }

  /// Spends the vouchers on the noted bookings, earliest first, as they would have been.
  mutating func spendInTimeOrder() {
    candidates.sort { ($0.start, $0.reservationID) < ($1.start, $1.reservationID) }
    for candidate in candidates { spend(on: candidate) }
    candidates = []
  }

  /// Records what a voucher of the booker's unit pays on a booking, and what
  /// comes back when it is cancelled, rejected or settled to actual use.
  private mutating func spend(on booking: Candidate) {
    guard var voucher = held[booking.bookerUnitID], voucher.balance > 0,
      let policy = policies[voucher.province], policy.accepts(provider: booking.instrumentProvince)
    else { return }
    let amount = min(voucher.balance, policy.share(of: booking.quoted).fen)
    guard amount > 0 else { return }
    let id = booking.reservationID
    entries.append(
      Entry(
        voucherID: voucher.id, reservationID: id, kind: .redeem, amount: -amount,
        time: booking.start - 86_400))
    voucher.balance -= amount
    switch booking.status {
    case .cancelled, .rejected:
      entries.append(
        Entry(
          voucherID: voucher.id, reservationID: id, kind: .refund, amount: amount,
          time: booking.start))
      voucher.balance += amount
    case .completed:
      let cover = [VoucherSettlement.Share(voucherID: voucher.id, amount: Money(fen: amount))]
      for back in VoucherSettlement.returns(
        cover: cover, allowed: policy.share(of: booking.charged ?? .zero))
      {
        entries.append(
          Entry(
            voucherID: voucher.id, reservationID: id, kind: .settle, amount: back.amount.fen,
            time: booking.end))
        voucher.balance += back.amount.fen
      }
    default: break
    }
    held[booking.bookerUnitID] = voucher
  }
}

extension NetworkStore {
  /// Issues one voucher to every enterprise, by its province's issuer, valid
  /// through 2019; returns the book that follows their balances.
  func insertSeedVouchers(for units: [Unit], network: inout SyntheticNetwork) throws
    -> SeedVoucherBook
  {
    var book = SeedVoucherBook()
    for province in Province.allCases { book.policies[province] = try voucherPolicy(province) }
    var issuers: [Province: Int64] = [:]
    for province in Province.allCases {
      issuers[province] = try database.scalar(
        "SELECT id FROM account WHERE login = ?", [.text("issuer-\(province.code.lowercased())")])
    }
    let vouchers = BatchInsert(
      into: "voucher",
      columns: [
        "id", "code", "province", "holder_unit_id", "face_value_fen", "valid_from", "valid_to",
        "issued_by", "issued_at",
      ], database: database)
    let issued = HistoricalBookings.yearStart
    let validTo = issued + 2 * 365 * 86_400
    var sequence: [Province: Int] = [:]
    var id: Int64 = (try database.scalar("SELECT coalesce(max(id), 0) FROM voucher") ?? 0) + 1
    for unit in units where unit.kind.holdsVouchers {
      sequence[unit.province, default: 0] += 1
      let face = Int64(20_000 + network.random.below(81) * 1_000) * 100
      try vouchers.add([
        .integer(id),
        .text(
          Voucher.code(province: unit.province, year: 2018, sequence: sequence[unit.province] ?? 1)),
        .text(unit.province.rawValue), .integer(unit.id), .integer(face),
        .integer(issued.seconds), .integer(validTo.seconds),
        .optional(issuers[unit.province] ?? nil),
        .integer(issued.seconds),
      ])
      book.held[unit.id] = .init(id: id, province: unit.province, balance: face)
      book.entries.append(
        .init(voucherID: id, reservationID: 0, kind: .issue, amount: face, time: issued.seconds))
      id += 1
    }
    try vouchers.flush()
    return book
  }

  /// Writes the ledger the seed's vouchers accumulated; the database's
  /// trigger applies each row to its voucher's balance.
  func insertSeedLedger(_ book: inout SeedVoucherBook) throws {
    book.spendInTimeOrder()
    let ledger = BatchInsert(
      into: "voucher_ledger",
      columns: ["voucher_id", "reservation_id", "entry", "amount_fen", "recorded_at"],
      database: database)
    for entry in book.entries {
      try ledger.add([
        .integer(entry.voucherID), entry.reservationID == 0 ? .null : .integer(entry.reservationID),
        .text(entry.kind.rawValue), .integer(entry.amount), .integer(entry.time),
      ])
    }
    try ledger.flush()
  }
}
