import Foundation
import LabNetTestSupport
import Testing

@Suite("qualification through the binary")
struct QualificationCommandTests {
  @Test(
    "an instrument that needs training is booked only after a grant, and not after a revocation",
    arguments: [false, true])
  func grantListRevoke(throughServer: Bool) throws {
    let network = try BookingNetwork(remote: throughServer)
    let registered = try network.run(
      [
        "instrument", "register", "--unit", "复旦大学", "--name", "核磁共振波谱仪", "--category",
        "analytical", "--value", "3800000", "--rate", "800", "--maker", "Bruker", "--model",
        "AVANCE NEO 600", "--training", "yes", "--format", "json",
      ], as: "wang")
    #expect(registered.status == 0, "\(registered)")
    let nmr = try #require(BookingNetwork.id(registered))
    #expect(BookingNetwork.field(registered, "training_required") as? Bool == true)
    #expect(BookingNetwork.field(registered, "accepts_external_qualifications") as? Bool == true)

    let refused = try network.book(nmr, "2026-12-08 09:00", "2026-12-08 10:00")
    #expect(refused.status == 67, "\(refused)")
    #expect(refused.stderr.contains("needs training on Bruker AVANCE NEO 600"), "\(refused.stderr)")

    let granted = try network.run(
      [
        "qualification", "grant", "chen", "--instrument", "\(nmr)", "--expires", "2027-06-30",
        "--format", "json",
      ], as: "wang")
    #expect(granted.status == 0, "\(granted)")
    #expect(BookingNetwork.field(granted, "instrument_model") as? String == "Bruker AVANCE NEO 600")
    #expect(BookingNetwork.field(granted, "expires_at") as? String == "2027-07-01T00:00:00+08:00")
    #expect(BookingNetwork.field(granted, "granted_unit") as? String == "复旦大学")
    #expect(try network.book(nmr, "2026-12-08 09:00", "2026-12-08 10:00").status == 0)

    let mine = try network.run(["qualification", "list", "--mine", "--format", "json"], as: "chen")
    #expect(mine.status == 0, "\(mine)")
    let rows = try JSONSerialization.jsonObject(with: Data(mine.stdout.utf8)) as? [[String: Any]]
    #expect(rows?.count == 1)
    #expect(rows?.first?["usable_at"] as? [String] == ["\(nmr)"], "\(mine.stdout)")
    #expect(rows?.first?["state"] as? String == "valid")

    // A researcher grants nothing; another's list is a manager's to read.
    let notManager = try network.run(
      ["qualification", "grant", "li", "--instrument", "\(nmr)"], as: "chen")
    #expect(notManager.status == 77, "\(notManager)")
    let others = try network.run(["qualification", "list", "--login", "li"], as: "chen")
    #expect(others.status == 77, "\(others)")

    let revoked = try network.run(
      ["qualification", "revoke", "chen", "--instrument", "\(nmr)"], as: "wang")
    #expect(revoked.status == 0, "\(revoked)")
    #expect(try network.book(nmr, "2026-12-09 09:00", "2026-12-09 10:00").status == 67)
    let again = try network.run(
      ["qualification", "revoke", "chen", "--instrument", "\(nmr)"], as: "wang")
    #expect(again.status == 66, "\(again)")
  }
}
