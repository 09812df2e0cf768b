import Foundation
import LabNetTestSupport
import Testing

/// BookingNetwork plus a Zhejiang enterprise with a researcher (qian) and the
/// issuers of Zhejiang and Shanghai.
struct VoucherNetwork {
  var booking: BookingNetwork

  init(remote: Bool = false) throws {
    booking = try BookingNetwork(remote: remote)
    let admin = booking.network.admin
    for step in [
      [
        "unit", "add", "--name", "嘉兴光电科技有限公司", "--province", "ZJ", "--city", "嘉兴", "--kind",
        "enterprise",
      ],
      ["account", "add", "qian", "--name", "钱敏", "--role", "researcher", "--unit", "嘉兴光电科技有限公司"],
      ["account", "add", "issuer.zj", "--name", "浙江科技厅", "--role", "issuer", "--province", "ZJ"],
      ["account", "add", "issuer.sh", "--name", "上海科委", "--role", "issuer", "--province", "SH"],
    ] {
      let outcome = try booking.run(step, as: admin)
      guard outcome.status == 0 else { throw Failure("\(step): \(outcome)") }
    }
  }

  func run(_ arguments: [String], as login: String? = nil, now: String? = nil) throws -> Outcome {
    try booking.run(arguments, as: login, now: now)
  }

  /// Issues a voucher to the enterprise; returns its code.
  func issue(_ amount: String, from: String? = nil, expires: String = "2027-06-30") throws -> String
  {
    var arguments = [
      "voucher", "issue", "--holder", "嘉兴光电科技有限公司", "--amount", amount, "--expires", expires,
      "--format", "json",
    ]
    if let from { arguments += ["--valid-from", from] }
    let outcome = try run(arguments, as: "issuer.zj")
    guard outcome.status == 0, let code = BookingNetwork.field(outcome, "code") as? String else {
      throw Failure("issue: \(outcome)")
    }
    return code
  }

  /// A booking of the Shanghai microscope (200 yuan/h) by qian; returns its id.
  func book(_ from: String, _ to: String, voucher: String? = nil) throws -> (Outcome, Int64?) {
    var arguments = ["book", "2", "--from", from, "--to", to, "--format", "json"]
    if let voucher { arguments += ["--voucher", voucher] }
    let outcome = try run(arguments, as: "qian")
    return (outcome, BookingNetwork.id(outcome))
  }

  func balance(_ code: String) throws -> String? {
    BookingNetwork.field(
      try run(["voucher", "show", code, "--format", "json"], as: "qian"), "balance_yuan") as? String
  }
}

@Suite("Vouchers through the binary")
struct VoucherTests {
  @Test(
    "a Zhejiang voucher pays half at a Shanghai instrument, and cancelling refunds it",
    arguments: [false, true])
  func payAndRefund(throughServer: Bool) throws {
    let network = try VoucherNetwork(remote: throughServer)
    let code = try network.issue("10000")
    #expect(code == "ZJ-2026-000001")
    let (booked, id) = try network.book("2026-12-08 09:00", "2026-12-08 11:00", voucher: code)
    #expect(booked.status == 0, "\(booked)")
    #expect(BookingNetwork.field(booked, "voucher_paid_yuan") as? String == "200.00")
    #expect(try network.balance(code) == "9800.00")
    let bookingID = try #require(id)
    let cancelled = try network.run(["booking", "cancel", "\(bookingID)"], as: "qian")
    #expect(cancelled.status == 0, "\(cancelled)")
    #expect(try network.balance(code) == "10000.00")
    let shown = try network.run(["voucher", "show", code, "--format", "json"], as: "qian")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
    let kinds = (json["ledger"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }
    #expect(kinds == ["issue", "redeem", "refund"])
  }

  @Test(
    "redeeming later, the cap, and completion settling to the actual charge",
    arguments: [false, true])
  func redeemLaterAndSettle(throughServer: Bool) throws {
    let network = try VoucherNetwork(remote: throughServer)
    let code = try network.issue("1000")
    let (_, first) = try network.book("2026-12-08 09:00", "2026-12-08 11:00")
    let bookingID = try #require(first)
    let redeemed = try network.run(
      ["voucher", "redeem", code, "--booking", "\(bookingID)", "--format", "json"], as: "qian")
    #expect(BookingNetwork.field(redeemed, "redeemed_yuan") as? String == "200.00", "\(redeemed)")
    // A second redemption on the same booking finds the share used up.
    let again = try network.run(
      ["voucher", "redeem", code, "--booking", "\(bookingID)"], as: "qian")
    #expect(again.status == 67, "\(again)")
    #expect(again.stderr.contains("200.00"), "\(again)")
    // Billed on actual use, used one hour: the charge is 200.00, half of it
    // 100.00; 100.00 goes back.
    #expect(
      try network.run(["instrument", "update", "2", "--billing", "actual"], as: "wang").status == 0)
    let completed = try network.run(
      [
        "booking", "complete", "\(bookingID)", "--used-from", "2026-12-08 09:00", "--used-to",
        "2026-12-08 10:00",
      ],
      as: "wang", now: "2026-12-08 12:00")
    #expect(completed.status == 0, "\(completed)")
    #expect(try network.balance(code) == "900.00")
    // A cap per booking set by the issuer.
    #expect(
      try network.run(
        ["voucher", "policy", "set", "--province", "ZJ", "--cap", "50"], as: "issuer.zj"
      ).status == 0)
    #expect(
      try network.run(
        ["voucher", "policy", "set", "--province", "ZJ", "--cap", "50"], as: "issuer.sh"
      ).status == 77)
    let (capped, _) = try network.book("2026-12-09 09:00", "2026-12-09 11:00", voucher: code)
    #expect(BookingNetwork.field(capped, "voucher_paid_yuan") as? String == "50.00", "\(capped)")
  }

  @Test(
    "a late cancellation charges half the quote, and the voucher pays its share of that",
    arguments: [false, true])
  func lateCancellation(throughServer: Bool) throws {
    let network = try VoucherNetwork(remote: throughServer)
    let code = try network.issue("1000")
    // 400.00 quoted, 200.00 paid by the voucher.
    let (_, paid) = try network.book("2026-12-08 09:00", "2026-12-08 11:00", voucher: code)
    let withVoucher = try #require(paid)
    let (_, unpaid) = try network.book("2026-12-08 13:00", "2026-12-08 15:00")
    let withoutVoucher = try #require(unpaid)
    let (_, early) = try network.book("2026-12-10 09:00", "2026-12-10 11:00", voucher: code)
    let earlyID = try #require(early)
    #expect(try network.balance(code) == "600.00")
    // Under 24 h before the start: 50 % of the quote, 200.00; the voucher pays half, 100.00.
    let late = try network.run(
      ["booking", "cancel", "\(withVoucher)", "--format", "json"], as: "qian",
      now: "2026-12-07 12:00")
    #expect(BookingNetwork.field(late, "status") as? String == "cancelled", "\(late)")
    #expect(BookingNetwork.field(late, "charged_fee_yuan") as? String == "200.00", "\(late)")
    #expect(BookingNetwork.field(late, "voucher_paid_yuan") as? String == "100.00", "\(late)")
    #expect(try network.balance(code) == "700.00")
    let lateUnpaid = try network.run(
      ["booking", "cancel", "\(withoutVoucher)", "--format", "json"], as: "qian",
      now: "2026-12-07 14:00")
    #expect(BookingNetwork.field(lateUnpaid, "charged_fee_yuan") as? String == "200.00")
    #expect(BookingNetwork.field(lateUnpaid, "voucher_paid_yuan") as? String == "0.00")
    // Two days ahead is early enough: nothing charged, the voucher refunded whole.
    let free = try network.run(
      ["booking", "cancel", "\(earlyID)", "--format", "json"], as: "qian", now: "2026-12-08 08:00")
    #expect(BookingNetwork.field(free, "charged_fee_yuan") is NSNull, "\(free)")
    #expect(try network.balance(code) == "900.00")
    // The lab's cancellation never charges the booker, however late.
    let (_, labs) = try network.book("2026-12-08 16:00", "2026-12-08 18:00", voucher: code)
    let labsID = try #require(labs)
    let byLab = try network.run(
      ["booking", "cancel", "\(labsID)", "--reason", "电源故障", "--format", "json"], as: "wang",
      now: "2026-12-08 15:00")
    #expect(BookingNetwork.field(byLab, "charged_fee_yuan") is NSNull, "\(byLab)")
    #expect(try network.balance(code) == "900.00")
    // The store agrees: charges on cancelled bookings, vouchers' net payment.
    if !throughServer {
      let database = network.booking.network.database
      #expect(
        try database.scalar(
          "SELECT sum(charged_fee_fen) FROM reservation WHERE status = 'cancelled'") == 40_000)
      #expect(
        try database.scalar(
          "SELECT -sum(amount_fen) FROM voucher_ledger WHERE reservation_id = \(withVoucher)")
          == 10_000)
    }
  }

  @Test("any researcher of the holder unit may pay the unit's bookings with its voucher")
  func colleagueRedeems() throws {
    let network = try VoucherNetwork()
    let added = try network.run(
      ["account", "add", "sun", "--name", "孙丽", "--role", "researcher", "--unit", "嘉兴光电科技有限公司"],
      as: network.booking.network.admin)
    #expect(added.status == 0, "\(added)")
    let code = try network.issue("1000")
    let (_, id) = try network.book("2026-12-08 09:00", "2026-12-08 11:00")
    let bookingID = try #require(id)
    let redeemed = try network.run(
      ["voucher", "redeem", code, "--booking", "\(bookingID)"], as: "sun")
    #expect(redeemed.status == 0, "\(redeemed)")
    #expect(try network.balance(code) == "800.00")
    // A booking of another unit is refused, with the reason.
    let other = try network.booking.book(
      network.booking.microscope, "2026-12-09 09:00", "2026-12-09 10:00")  // chen, 浙江大学
    let otherID = try #require(BookingNetwork.id(other))
    let refused = try network.run(
      ["voucher", "redeem", code, "--booking", "\(otherID)"], as: "sun")
    #expect(refused.status == 67, "\(refused)")
    #expect(refused.stderr.contains("another unit"), "\(refused)")
  }

  @Test(
    "refusals say why, with the numbers",
    arguments: [
      "another unit's voucher", "expired", "not yet valid", "exhausted", "province not accepted",
    ])
  func refusals(kind: String) throws {
    let network = try VoucherNetwork()
    var code = try network.issue("10000")
    var login = "qian"
    var message = ""
    var now: String?
    switch kind {
    case "another unit's voucher":
      login = "chen"
      message = "only its researchers"
    case "expired":
      // Valid through Monday; the redemption comes on Tuesday morning.
      code = try network.issue("500", expires: "2026-12-07")
      now = "2026-12-08 08:00"
      message = "expired at the end of 2026-12-07"
    case "not yet valid":
      code = try network.issue("500", from: "2027-01-01", expires: "2027-06-30")
      message = "valid only from 2027-01-01"
    case "exhausted":
      code = try network.issue("100")
      let (_, first) = try network.book("2026-12-08 13:00", "2026-12-08 15:00", voucher: code)
      #expect(first != nil)
      #expect(try network.balance(code) == "0.00")
      message = "no balance left"
    default:
      #expect(
        try network.run(
          ["voucher", "policy", "set", "--province", "ZJ", "--accept", "ZJ,AH"], as: "issuer.zj"
        ).status == 0)
      message = "not accepted at instruments in 上海"
    }
    let (_, id) = try network.book("2026-12-08 09:00", "2026-12-08 11:00")
    let bookingID = try #require(id)
    let balance = try network.balance(code)
    let outcome = try network.run(
      ["voucher", "redeem", code, "--booking", "\(bookingID)"], as: login, now: now)
    #expect(outcome.status == 67, "\(kind): \(outcome)")
    #expect(outcome.stderr.contains(message), "\(kind): \(outcome.stderr)")
    #expect(try network.balance(code) == balance)
    // At booking time the whole booking is refused: nothing is booked.
    if login == "qian" {
      let atBooking = try network.run(
        ["book", "2", "--from", "2026-12-10 09:00", "--to", "2026-12-10 10:00", "--voucher", code],
        as: "qian", now: now)
      #expect(atBooking.status == 67, "\(kind): \(atBooking)")
      let list = try network.run(["booking", "list", "--mine", "--format", "csv"], as: "qian")
      #expect(try parseCSV(list.stdout).count == (kind == "exhausted" ? 3 : 2))
    }
  }

  @Test("issuing: enterprises only, in the issuer's province, amounts in fen, not already expired")
  func issuing() throws {
    let network = try VoucherNetwork()
    let expired = try network.run(
      [
        "voucher", "issue", "--holder", "嘉兴光电科技有限公司", "--amount", "1000", "--expires", "2026-06-30",
      ],
      as: "issuer.zj")
    #expect(expired.status == 65, "\(expired)")
    let university = try network.run(
      ["voucher", "issue", "--holder", "浙江大学", "--amount", "1000", "--expires", "2027-06-30"],
      as: "issuer.zj")
    #expect(university.status == 67, "\(university)")
    #expect(university.stderr.contains("enterprises only"))
    let decimals = try network.run(
      [
        "voucher", "issue", "--holder", "嘉兴光电科技有限公司", "--amount", "100.001", "--expires",
        "2027-06-30",
      ],
      as: "issuer.zj")
    #expect(decimals.status == 65, "\(decimals)")
    let otherProvince = try network.run(
      ["voucher", "issue", "--holder", "嘉兴光电科技有限公司", "--amount", "100", "--expires", "2027-06-30"],
      as: "issuer.sh")
    #expect(otherProvince.status == 77, "\(otherProvince)")
    let researcher = try network.run(
      ["voucher", "issue", "--holder", "嘉兴光电科技有限公司", "--amount", "100", "--expires", "2027-06-30"],
      as: "qian")
    #expect(researcher.status == 77, "\(researcher)")
    let list = try network.run(["voucher", "list", "--format", "csv"], as: "issuer.zj")
    #expect(try parseCSV(list.stdout).count == 1, "nothing was issued: \(list)")
  }
}

@Suite("Concurrent voucher redemptions", .serialized)
struct ConcurrentVoucherTests {
  @Test("processes redeeming one voucher at once never overspend it")
  func neverOverspent() throws {
    let network = try VoucherNetwork()
    let code = try network.issue("1000")
    var bookings: [Int64] = []
    for day in [8, 9, 10, 11, 14] {
      for hour in [9, 13] {
        let (outcome, id) = try network.book(
          String(format: "2026-12-%02d %02d:00", day, hour),
          String(format: "2026-12-%02d %02d:00", day, hour + 2))
        guard let id else { throw Failure("\(outcome)") }
        bookings.append(id)
      }
    }
    let racers = try bookings.map { id in
      try LabNetProcess.start(
        [
          "--database", network.booking.network.database.url, "--as", "qian", "voucher", "redeem",
          code,
          "--booking", "\(id)",
        ],
        environment: network.booking.network.environment)
    }
    racers.forEach { $0.waitUntilExit() }
    let statuses = racers.map(\.terminationStatus)
    // Each booking's share is 200.00 of a 400.00 fee: five fit in 1,000.00.
    #expect(statuses.filter { $0 == 0 }.count == 5, "\(statuses)")
    #expect(statuses.allSatisfy { $0 == 0 || $0 == 67 }, "\(statuses)")
    let database = network.booking.network.database
    let redeemed =
      try database.scalar(
        "SELECT -sum(amount_fen) FROM voucher_ledger WHERE entry = 'redeem'") ?? 0
    #expect(redeemed <= 100_000)
    let net = try database.scalar("SELECT sum(amount_fen) FROM voucher_ledger") ?? -1
    #expect(try database.scalar("SELECT balance_fen FROM voucher") == net)
    #expect(net >= 0)
  }
}
