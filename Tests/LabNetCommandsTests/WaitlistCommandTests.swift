import Foundation
import LabNetTestSupport
import Testing

@Suite("waitlist through the binary")
struct WaitlistCommandTests {
  @Test(
    "a waiter is booked when time frees up, and sees it in waitlist list", arguments: [false, true])
  func waitAndGetBooked(throughServer: Bool) throws {
    let network = try BookingNetwork(remote: throughServer)
    let full = try network.book(
      network.microscope, "2026-12-08 08:00", "2026-12-08 20:00", as: "li")
    #expect(full.status == 0, "\(full)")
    let join = [
      "waitlist", "join", "\(network.microscope)", "--from", "2026-12-08 08:00", "--to",
      "2026-12-08 20:00", "--duration", "2h", "--format", "json",
    ]
    let joined = try network.run(join, as: "chen")
    #expect(joined.status == 0, "\(joined)")
    #expect(BookingNetwork.field(joined, "status") as? String == "waiting")
    let free = try network.run(
      [
        "waitlist", "join", "\(network.microscope)", "--from", "2026-12-09 08:00", "--to",
        "2026-12-09 20:00", "--duration", "2h",
      ], as: "chen")
    #expect(free.status == 67 && free.stderr.contains("book it instead"), "\(free)")

    let cancelled = try network.run(
      ["booking", "cancel", "\(BookingNetwork.id(full) ?? 0)"], as: "li")
    #expect(cancelled.status == 0, "\(cancelled)")
    let listed = try network.run(["waitlist", "list", "--format", "json"], as: "chen")
    let rows = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]]
    #expect(rows?.first?["status"] as? String == "booked", "\(listed)")
    let booking = try #require(rows?.first?["booking_id"] as? Int)
    let shown = try network.run(["booking", "show", "\(booking)", "--format", "json"], as: "chen")
    #expect(BookingNetwork.field(shown, "start") as? String == "2026-12-08T08:00:00+08:00")
    #expect(BookingNetwork.field(shown, "booker") as? String == "chen")
  }
}
