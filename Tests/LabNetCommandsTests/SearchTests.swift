import Foundation
import LabNetTestSupport
import Testing

/// Network search's orders, its count, the end of the free time, and a
/// unit's own instruments that are not shared.
@Suite("Network search through the binary")
struct SearchTests {
  /// BookingNetwork plus a 浙江大学 instrument (ZJ, 300 yuan/h, id 3).
  private func network(remote: Bool) throws -> BookingNetwork {
    let network = try BookingNetwork(remote: remote)
    let registered = try network.run(
      [
        "instrument", "register", "--unit", "浙江大学", "--name", "核磁共振波谱仪", "--category",
        "analytical", "--value", "3000000", "--rate", "300",
      ], as: "zhang")
    guard registered.status == 0 else { throw Failure("\(registered)") }
    return network
  }

  private func search(_ network: BookingNetwork, _ extra: [String], as login: String? = nil)
    throws -> (ids: [String], rows: [[String]], outcome: Outcome)
  {
    let outcome = try network.run(
      [
        "availability", "search", "--from", "2026-12-07 08:00", "--to", "2026-12-14 00:00",
        "--duration", "4h", "--format", "csv",
      ] + extra, as: login)
    #expect(outcome.status == 0, "\(extra): \(outcome)")
    let rows = try parseCSV(outcome.stdout)
    return (rows.dropFirst().map { $0[0] }, rows, outcome)
  }

  @Test("--sort soonest, price and distance-to-province", arguments: [false, true])
  func orders(throughServer: Bool) throws {
    let network = try network(remote: throughServer)
    // The microscope (2) is taken all Monday; the other two are free from 08:00.
    _ = try network.book(network.microscope, "2026-12-07 08:00", "2026-12-07 20:00", as: "li")
    #expect(try search(network, []).ids == ["1", "3", "2"])
    #expect(try search(network, ["--sort", "price"]).ids == ["2", "3", "1"])
    // chen is of 浙江大学 (ZJ): its province first, then Shanghai's by time.
    #expect(
      try search(network, ["--sort", "distance-to-province"], as: "chen").ids == ["3", "1", "2"])
    #expect(
      try search(network, ["--sort", "distance-to-province", "--near", "SH"]).ids == [
        "1", "2", "3",
      ])
    let nowhere = try network.run(
      [
        "availability", "search", "--from", "2026-12-07 08:00", "--to", "2026-12-14 00:00",
        "--duration", "4h", "--sort", "distance-to-province",
      ])
    #expect(nowhere.status == 65, "no province to measure from: \(nowhere)")
    let bad = try network.run(
      [
        "availability", "search", "--from", "2026-12-07 08:00", "--to", "2026-12-14 00:00",
        "--duration", "4h", "--sort", "nearest",
      ])
    #expect(bad.status == 65)
    #expect(bad.stderr.contains("soonest, price or distance-to-province"), "\(bad.stderr)")
  }

  @Test("it says how many of how many, and where the free time ends", arguments: [false, true])
  func countAndGapEnd(throughServer: Bool) throws {
    let network = try network(remote: throughServer)
    _ = try network.book(network.flagship, "2026-12-07 15:00", "2026-12-07 16:00", as: "li")
    let table = try network.run(
      [
        "availability", "search", "--from", "2026-12-07 08:00", "--to", "2026-12-14 00:00",
        "--duration", "4h", "--limit", "2",
      ])
    #expect(table.status == 0, "\(table)")
    #expect(table.stderr.contains("2 of 3 shown; --limit N shows more"), "\(table.stderr)")
    let found = try search(network, [])
    let header = try #require(found.rows.first)
    let until = try #require(header.firstIndex(of: "free_until"))
    let flagship = try #require(found.rows.first { $0[0] == "1" })
    // Free from 08:00 for 4 h; the free time runs on to the booking at 15:00.
    #expect(flagship[6] == "2026-12-07T08:00:00+08:00")
    #expect(flagship[7] == "2026-12-07T12:00:00+08:00")
    #expect(flagship[until] == "2026-12-07T15:00:00+08:00", "\(flagship)")
    #expect(!found.outcome.stderr.contains("shown"), "CSV output has no note")
  }

  @Test("a unit's own people find its instruments that are not shared", arguments: [false, true])
  func ownNotShared(throughServer: Bool) throws {
    let network = try network(remote: throughServer)
    let closed = try network.run(["instrument", "update", "2", "--not-shared"], as: "wang")
    #expect(closed.status == 0, "\(closed)")
    #expect(try search(network, [], as: "chen").ids == ["1", "3"])
    #expect(try search(network, []).ids == ["1", "3"], "nobody signed in: shared ones only")
    #expect(try search(network, [], as: "li").ids == ["1", "2", "3"], "li is of 复旦大学")
  }
}
