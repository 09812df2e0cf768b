import InstrumentNetwork
import Testing

struct StatementDomainTests {
  @Test func monthIsChinaStandardTime() throws {
    let december = try StatementMonth(parsing: "2026-12")
    #expect(december.interval.lowerBound == (try Instant(parsing: "2026-12-01T00:00+08:00")))
    #expect(december.interval.upperBound == (try Instant(parsing: "2027-01-01T00:00+08:00")))
    let february = try StatementMonth(parsing: " 2028-02 ")
    #expect(february.interval.upperBound - february.interval.lowerBound == 29 * 86_400)
    #expect(february.text == "2028-02")
    // 16:00 UTC on 30 November is 00:00 on 1 December in China.
    #expect(december.interval.contains(try Instant(parsing: "2026-11-30T16:00:00Z")))
    #expect(!december.interval.contains(try Instant(parsing: "2026-11-30T15:59:59Z")))
  }

  @Test(arguments: ["2026-13", "2026-00", "2026-1", "2026/11", "11-2026", "", "2026-11-01"])
  func badMonthsAreRefused(text: String) {
    #expect(
      invalidDataMessage { () throws(LabNetError) in try StatementMonth(parsing: text) } != nil,
      "\(text)")
  }

  func line(_ id: Int64, party: Int64, name: String, start: Int64, fen: Int64, voucher: Int64)
    -> StatementLine
  {
    StatementLine(
      bookingID: id, instrumentID: 1, instrumentName: "扫描电镜",
      counterpart: StatementParty(id: party, name: name, province: .zhejiang), bookerLogin: "chen",
      start: Instant(seconds: start), end: Instant(seconds: start + 3_600), status: .completed,
      seconds: 3_600, charge: Money(fen: fen), voucherShare: Money(fen: voucher))
  }

  @Test func groupsAndTotalsAreExactFen() throws {
    let unit = Unit(id: 1, name: "复旦大学", province: .shanghai, city: "上海", kind: .university)
    let statement = Statement(
      unit: unit, month: try StatementMonth(parsing: "2026-12"), side: .provider,
      lines: [
        line(3, party: 2, name: "浙江大学", start: 300, fen: 20_001, voucher: 0),
        line(1, party: 4, name: "嘉兴光电科技有限公司", start: 100, fen: 60_000, voucher: 30_000),
        line(2, party: 2, name: "浙江大学", start: 200, fen: 10_010, voucher: 5_005),
      ], generatedAt: Instant(seconds: 0), generatedBy: "wang")
    #expect(statement.groups.map(\.counterpart.name) == ["嘉兴光电科技有限公司", "浙江大学"])
    #expect(statement.groups[1].lines.map(\.bookingID) == [2, 3], "by start")
    #expect(statement.groups[1].subtotal.charge == Money(fen: 30_011))
    #expect(statement.groups[1].subtotal.owed == Money(fen: 25_006))
    #expect(statement.total.bookings == 3)
    #expect(statement.total.charge == Money(fen: 90_011))
    #expect(statement.total.voucherShare == Money(fen: 35_005))
    #expect(statement.total.owed == Money(fen: 55_006))
    #expect(statement.total.seconds == 3 * 3_600)
  }

  @Test func whoMayReadAUnitsStatement() throws {
    let fudan = Unit(id: 1, name: "复旦大学", province: .shanghai, city: "上海", kind: .university)
    func account(_ roles: [Role]) -> Account {
      Account(id: 7, login: "x", displayName: "某人", unitID: 1, roles: roles)
    }
    for allowed in [[.manager(unitID: 1)], [.auditor(.shanghai)], [.auditor(nil)], [.admin]]
      as [[Role]]
    {
      try account(allowed).requireToReadStatement(of: fudan)
    }
    for refused in [
      [.researcher], [.manager(unitID: 2)], [.auditor(.zhejiang)], [.issuer(.shanghai)],
    ]
      as [[Role]]
    {
      #expect(throws: LabNetError.self, "\(refused)") {
        try account(refused).requireToReadStatement(of: fudan)
      }
    }
  }
}
