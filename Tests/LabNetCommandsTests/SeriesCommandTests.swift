import Foundation
import LabNetTestSupport
import Testing

@Suite("book --repeat through the binary")
struct SeriesCommandTests {
  @Test(
    "all or nothing by default (67, each conflict named), --skip-conflicts books the rest, --series cancels from one on",
    arguments: [false, true])
  func series(throughServer: Bool) throws {
    let network = try BookingNetwork(remote: throughServer)
    #expect(
      try network.book(network.microscope, "2026-12-22 09:00", "2026-12-22 10:00", as: "li").status
        == 0)
    let weekly = [
      "book", "\(network.microscope)", "--from", "2026-12-08 09:00", "--to", "2026-12-08 10:00",
      "--repeat", "weekly", "--count", "4",
    ]
    let refused = try network.run(weekly, as: "chen")
    #expect(refused.status == 67, "\(refused)")
    #expect(
      refused.stderr.contains("1 of 4 occurrences cannot be booked, so none was"),
      "\(refused.stderr)")
    #expect(refused.stderr.contains("2026-12-22T09:00:00+08:00"))

    let booked = try network.run(weekly + ["--skip-conflicts", "--format", "json"], as: "chen")
    #expect(booked.status == 0, "\(booked)")
    let object = try JSONSerialization.jsonObject(with: Data(booked.stdout.utf8)) as? [String: Any]
    let made = object?["booked"] as? [[String: Any]] ?? []
    #expect(
      made.map { $0["start"] as? String } == [
        "2026-12-08T09:00:00+08:00", "2026-12-15T09:00:00+08:00", "2026-12-29T09:00:00+08:00",
      ])
    #expect(
      (object?["skipped"] as? [[String: Any]])?.first?["start"] as? String
        == "2026-12-22T09:00:00+08:00")
    #expect(booked.stderr.contains("labnet: skipped 2026-12-22T09:00:00+08:00"), "\(booked.stderr)")

    let second = try #require(made[1]["id"] as? Int)
    let cancelled = try network.run(
      ["booking", "cancel", "\(second)", "--series", "--format", "csv"], as: "chen")
    #expect(cancelled.status == 0, "\(cancelled)")
    let rows = try parseCSV(cancelled.stdout)
    #expect(rows.count == 3, "header and two bookings: \(rows)")
    let first = try network.run(
      ["booking", "show", "\(made[0]["id"] as? Int ?? 0)", "--format", "json"], as: "chen")
    #expect(BookingNetwork.field(first, "status") as? String == "confirmed")
  }
}
