import Foundation
import LabNetTestSupport
import Testing

@Suite("Concurrent bookings", .serialized)
struct ConcurrentBookingTests {
  static let processes = 10

  @Test("processes booking the same slot at once: exactly one wins, the rest get slot taken")
  func sameSlot() throws {
    let network = try BookingNetwork()
    var logins: [String] = []
    for index in 1...Self.processes {
      let login = "racer\(index)"
      let added = try network.run(
        [
          "account", "add", login, "--name", "研究员\(index)", "--role", "researcher", "--unit",
          "浙江大学",
        ],
        as: network.network.admin)
      #expect(added.status == 0, "\(added)")
      logins.append(login)
    }
    for round in 0..<3 {
      // Round 0: the very same slot; later rounds: staggered overlapping slots.
      let racers = try logins.enumerated().map { index, login in
        let start = round == 0 ? 9 * 60 : 9 * 60 + 15 * (index % 4)
        let from = String(format: "2026-12-%02d %02d:%02d", 8 + round, start / 60, start % 60)
        let to = String(format: "2026-12-%02d %02d:%02d", 8 + round, start / 60 + 2, start % 60)
        return try LabNetProcess.start(
          [
            "--database", network.network.database.url, "--as", login, "book", "2", "--from", from,
            "--to", to,
          ],
          environment: network.network.environment)
      }
      racers.forEach { $0.waitUntilExit() }
      let statuses = racers.map(\.terminationStatus)
      #expect(statuses.filter { $0 == 0 }.count == 1, "round \(round): \(statuses)")
      #expect(
        statuses.filter { $0 == 67 }.count == Self.processes - 1, "round \(round): \(statuses)")
    }
    let overlapping = try network.network.database.overlappingBookings()
    #expect(overlapping == 0)
    #expect(try network.network.database.scalar("SELECT count(*) FROM reservation") == 3)
  }
}
