import Foundation
import LabNetTestSupport
import Testing

@Suite("booking move through the binary")
struct MoveBookingTests {
  @Test(
    "a move onto a taken time exits 67 and changes nothing; onto a free one it keeps the id",
    arguments: [false, true])
  func move(throughServer: Bool) throws {
    let network = try BookingNetwork(remote: throughServer)
    let taken = try network.book(
      network.microscope, "2026-12-08 09:00", "2026-12-08 11:00", as: "li")
    #expect(taken.status == 0, "\(taken)")
    let mine = try network.book(network.microscope, "2026-12-08 13:00", "2026-12-08 14:00")
    let id = try #require(BookingNetwork.id(mine), "\(mine)")
    func show() throws -> Outcome {
      try network.run(["booking", "show", "\(id)", "--format", "json"], as: "chen")
    }
    let before = try show().stdout

    let refused = try network.run(
      ["booking", "move", "\(id)", "--from", "2026-12-08 10:00", "--to", "2026-12-08 11:00"],
      as: "chen")
    #expect(refused.status == 67, "\(refused)")
    #expect(refused.stderr.contains("booked from 2026-12-08T09:00:00+08:00"), "\(refused.stderr)")
    #expect(refused.stdout.isEmpty)
    #expect(try show().stdout == before, "nothing changed")

    let moved = try network.run(
      [
        "booking", "move", "\(id)", "--from", "2026-12-09 15:00", "--to", "2026-12-09 17:00",
        "--format", "json",
      ], as: "chen")
    #expect(moved.status == 0, "\(moved)")
    #expect(BookingNetwork.id(moved) == id)
    #expect(BookingNetwork.field(moved, "start") as? String == "2026-12-09T15:00:00+08:00")
    #expect(BookingNetwork.field(moved, "quoted_fee_yuan") as? String == "400.00")

    // Someone else's booking is not the researcher's to move.
    let other = try network.run(
      [
        "booking", "move", "\(BookingNetwork.id(taken) ?? 0)", "--from", "2026-12-10 09:00",
        "--to", "2026-12-10 10:00",
      ], as: "chen")
    #expect(other.status == 77, "\(other)")
    let bad = try network.run(
      ["booking", "move", "\(id)", "--from", "2026-12-09 17:00", "--to", "2026-12-09 15:00"],
      as: "chen")
    #expect(bad.status == 65, "\(bad)")
  }
}
