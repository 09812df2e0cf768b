import Foundation
import LabNetTestSupport
import Testing

@Suite("List commands take --limit and say how many there are")
struct ListLimitTests {
  @Test(
    "a table cut at --limit says \"K of N shown\" on stderr; JSON stays the list alone",
    arguments: [false, true])
  func limits(throughServer: Bool) throws {
    var network = try CLINetwork()
    if throughServer { network.remote = try RemoteCLI() }
    let imported = try network.run(
      ["instrument", "import", ImportTests.sample.path], as: "wang")
    #expect(imported.status == 0, "\(imported)")

    let table = try network.run(["instrument", "list", "--limit", "3"])
    #expect(table.status == 0, "\(table)")
    #expect(table.stdout.split(separator: "\n").count == 2 + 3, "\(table.stdout)")
    #expect(table.stderr.contains("3 of 9 shown"), "\(table)")
    let json = try network.run(["instrument", "list", "--limit", "3", "--format", "json"])
    let items = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [Any]
    #expect(items?.count == 3)
    #expect(json.stderr.isEmpty, "\(json)")
    let csv = try network.run(["instrument", "list", "--limit", "3", "--format", "csv"])
    #expect(csv.stderr.isEmpty && !csv.stdout.contains("shown"), "\(csv)")
    let all = try network.run(["instrument", "list"])
    #expect(all.stderr.isEmpty, "all 9 fit under the default 50: \(all)")

    let units = try network.run(["unit", "list", "--limit", "1"])
    #expect(units.status == 0, "\(units)")
    #expect(units.stderr.contains("1 of 2 shown"), "\(units)")
    let accounts = try network.run(["account", "list", "--limit", "2"], as: network.admin)
    #expect(accounts.status == 0, "\(accounts)")
    #expect(accounts.stderr.contains("2 of 3 shown"), "\(accounts)")
    let bookings = try network.run(["booking", "list", "--limit", "1"], as: network.admin)
    #expect(bookings.status == 0 && bookings.stderr.isEmpty, "\(bookings)")
    let vouchers = try network.run(
      ["voucher", "list", "--limit", "1", "--include-expired"], as: network.admin)
    #expect(vouchers.status == 0, "\(vouchers)")
    let zero = try network.run(["unit", "list", "--limit", "0"])
    #expect(zero.status == 64, "\(zero)")
  }

  @Test(
    "voucher list hides expired vouchers unless --include-expired; booking list counts",
    arguments: [false, true])
  func expiredVouchers(throughServer: Bool) throws {
    let network = try VoucherNetwork(remote: throughServer)
    let lapsing = try network.issue("500", expires: "2026-12-07")
    let lasting = try network.issue("800")
    let later = "2026-12-08 08:00"
    func codes(_ extra: [String]) throws -> [String] {
      let outcome = try network.run(
        ["voucher", "list", "--format", "json"] + extra, as: "issuer.zj", now: later)
      #expect(outcome.status == 0, "\(outcome)")
      let list =
        try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String: Any]]
      return (list ?? []).compactMap { $0["code"] as? String }
    }
    #expect(try codes([]) == [lasting])
    #expect(Set(try codes(["--include-expired"])) == [lapsing, lasting])
    #expect(try codes(["--status", "expired"]) == [lapsing])

    #expect(try network.book("2026-12-08 09:00", "2026-12-08 10:00").1 != nil)
    #expect(try network.book("2026-12-08 10:00", "2026-12-08 11:00").1 != nil)
    let cut = try network.run(["booking", "list", "--mine", "--limit", "1"], as: "qian")
    #expect(cut.status == 0, "\(cut)")
    #expect(cut.stderr.contains("1 of 2 shown"), "\(cut)")
  }
}
