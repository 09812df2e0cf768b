import InstrumentNetwork
import LabNetTestSupport
import Testing

@testable import NetworkStore

/// Random sequences of issue, book (with or without a voucher), redeem,
/// cancel, complete and the passing of time (expiry), checking after every
/// step that each voucher's balance is its ledger's sum, within 0…face value,
/// and that no booking's voucher share exceeds the policy's share of its fee.
@Suite("Voucher ledger properties")
struct VoucherLedgerPropertyTests {
  struct Generator {
    var state: UInt64
    mutating func next(_ upper: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(upper))
    }
  }

  @Test("balances, ledger and shares stay consistent", arguments: [1, 2, 3, 4, 5, 6])
  func sequences(seed: Int) throws {
    var random = Generator(state: UInt64(seed) &* 0x9E37_79B9_7F4A_7C15)
    let network = try SmallNetwork()
    let admin = network.admin
    let enterprise = try admin.addUnit(
      name: "嘉兴光电科技有限公司", province: .zhejiang, city: "嘉兴", kind: .enterprise)
    _ = try admin.addAccount(
      login: "qian", displayName: "钱敏", unitID: enterprise.id, roles: [.researcher])
    var draft = InstrumentDraft(
      unitID: network.fudan.id, name: "全天候质谱仪", category: .analytical,
      value: Money(yuanWhole: 900_000), hourlyRate: try Money(yuan: "333.33"))
    draft.openingHours = .allWeek
    let instrument = try admin.registerInstrument(draft)
    let cover = [2_000, 5_000, 7_500, 10_000][random.next(4)]
    let cap: Money? = random.next(2) == 0 ? nil : Money(yuanWhole: Int64(50 + random.next(300)))
    _ = try admin.setVoucherPolicy(
      .zhejiang, coverBasisPoints: cover, capPerBooking: .some(cap), acceptedIn: nil)
    let policy = try admin.voucherPolicy(.zhejiang)
    let researcher = try network.store(as: "qian")
    let manager = try network.store(as: "wang")
    var clock = try Instant(parsing: "2026-12-07 08:00")
    for store in [admin, researcher, manager] { store.now = { clock } }
    var codes: [String] = []
    var bookings: [Int64] = []

    for step in 0..<150 {
      do {
        switch random.next(7) {
        case 0:
          let face = Money(fen: Int64(10_000 + random.next(200_000)))
          let validity = clock..<(clock + Int64(1 + random.next(10)) * 86_400)
          codes.append(
            try admin.issueVoucher(
              holderUnitID: enterprise.id, faceValue: face, validity: validity
            ).voucher.code)
        case 1, 2:
          let start = Instant(
            seconds: (clock.seconds / 900 + Int64(8 + random.next(400))) * 900)
          let length = Int64(1 + random.next(16)) * 900
          let voucher = codes.isEmpty || random.next(2) == 0 ? nil : codes[random.next(codes.count)]
          bookings.append(
            try researcher.book(
              instrumentID: instrument.id, interval: start..<(start + length), purpose: "",
              voucher: voucher
            ).id)
        case 3:
          guard !codes.isEmpty, !bookings.isEmpty else { continue }
          _ = try researcher.redeemVoucher(
            code: codes[random.next(codes.count)], bookingID: bookings[random.next(bookings.count)])
        case 4:
          guard !bookings.isEmpty else { continue }
          _ = try manager.cancelBooking(id: bookings[random.next(bookings.count)], reason: nil)
        case 5:
          guard !bookings.isEmpty else { continue }
          let id = bookings[random.next(bookings.count)]
          let booking = try manager.booking(id: id).reservation
          clock = max(clock, booking.end + 60)
          let usedFrom = booking.start + Int64(random.next(4)) * 300
          let usedTo = booking.end - Int64(random.next(3)) * 300
          _ = try manager.completeBooking(id: id, used: usedFrom..<max(usedTo, usedFrom + 60))
        default:
          clock = clock + Int64(random.next(3 * 86_400))
        }
      } catch let error as LabNetError where error.exitCode == 67 {
        // Refused by a rule: fine, and the invariants must still hold.
      }
      try checkInvariants(admin, policy: policy, step: step)
    }
    // The sequence did exercise the ledger: issues, redemptions, and refunds or settlements.
    let kinds = Set(
      try admin.database.rows("SELECT DISTINCT entry FROM voucher_ledger") { $0.string(0) })
    #expect(kinds.isSuperset(of: ["issue", "redeem"]), "seed \(seed): \(kinds)")
    #expect(!kinds.isDisjoint(with: ["refund", "settle"]), "seed \(seed): \(kinds)")
  }

  func checkInvariants(_ store: ActingStore, policy: VoucherPolicy, step: Int) throws {
    let vouchers = try store.database.rows(
      "SELECT v.code, v.face_value_fen, v.balance_fen, (SELECT coalesce(sum(l.amount_fen), 0) FROM voucher_ledger AS l WHERE l.voucher_id = v.id) FROM voucher AS v"
    ) { ($0.string(0), $0.int64(1), $0.int64(2), $0.int64(3)) }
    for (code, face, balance, ledger) in vouchers {
      #expect(balance == ledger, "step \(step): \(code) balance \(balance) ≠ ledger \(ledger)")
      #expect(
        balance >= 0 && balance <= face, "step \(step): \(code) balance \(balance) of \(face)")
    }
    let shares = try store.database.rows(
      """
      SELECT r.id, r.status, r.quoted_fee_fen, r.charged_fee_fen,
        (SELECT coalesce(-sum(l.amount_fen), 0) FROM voucher_ledger AS l WHERE l.reservation_id = r.id)
      FROM reservation AS r
      """
    ) { ($0.int64(0), $0.string(1), $0.int64(2), $0.optionalInt64(3), $0.int64(4)) }
    for (id, status, quoted, charged, share) in shares {
      let fee = Money(fen: status == "completed" ? charged ?? 0 : quoted)
      #expect(share >= 0, "step \(step): booking \(id) share \(share)")
      #expect(
        share <= policy.share(of: fee).fen,
        "step \(step): booking \(id) (\(status)) share \(share) over \(policy.share(of: fee).fen)")
      if status == "cancelled" || status == "rejected" {
        #expect(share == 0, "step \(step): booking \(id) \(status) keeps \(share)")
      }
    }
  }
}
