import Foundation
import LabNetTestSupport
import Testing

@Suite("Seed and network stats through the binary")
struct SeedCommandTests {
  @Test("a fresh full seed shows the published headline figures")
  func headlineFigures() throws {
    let network = try CLINetwork(populated: false)
    let seeded = try network.run(["seed"], as: network.admin)
    #expect(seeded.status == 0, "\(seeded)")
    #expect(seeded.stdout.contains("m0001"))
    #expect(seeded.stdout.contains("auditor-sh"))
    #expect(seeded.stderr.isEmpty, "progress goes to a terminal only: \(seeded.stderr)")
    let stats = try network.run(["network", "stats", "--format", "json"])
    #expect(stats.status == 0, "\(stats)")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
    #expect(json["units"] as? Int == 2_086)
    #expect(json["instruments"] as? Int == 45_262)
    #expect(json["instruments_500k_or_more"] as? Int == 29_898)
    let total = try #require(Decimal(string: json["total_value_yuan"] as? String ?? ""))
    #expect(total >= Decimal(51_900_000_000) && total < Decimal(52_000_000_000))
    let provinces = try #require(json["by_province"] as? [[String: Any]])
    #expect(provinces.map { $0["group"] as? String } == ["SH", "JS", "ZJ", "AH"])
    #expect(provinces.reduce(0) { $0 + ($1["units"] as? Int ?? 0) } == 2_086)
    let tiers = try #require(json["by_tier"] as? [[String: Any]])
    #expect(tiers.reduce(0) { $0 + ($1["instruments"] as? Int ?? 0) } == 45_262)
    let standard = tiers.first { $0["group"] as? String == "standard" }
    #expect(standard?["instruments"] as? Int == 45_262 - 29_898)
    // Filters on the full network.
    let flagship = try network.run(
      [
        "instrument", "list", "--province", "安徽", "--category", "analytical", "--tier", "flagship",
        "--format", "json",
      ])
    let rows = try #require(
      try JSONSerialization.jsonObject(with: Data(flagship.stdout.utf8)) as? [[String: Any]])
    #expect(!rows.isEmpty)
    #expect(
      rows.allSatisfy { $0["province"] as? String == "AH" && $0["tier"] as? String == "flagship" })
    // Seeding again refuses without --replace.
    let again = try network.run(["seed"], as: network.admin)
    #expect(again.status == 67, "\(again)")
    #expect(again.stderr.contains("--replace"))
  }

  @Test("stats as CSV is read back by a standard parser")
  func statsCSV() throws {
    let network = try CLINetwork(populated: false)
    #expect(try network.run(["seed", "--scale", "0.01"], as: network.admin).status == 0)
    let stats = try network.run(["network", "stats", "--format", "csv"])
    let rows = try parseCSV(stats.stdout)
    #expect(rows.first == ["breakdown", "group", "name", "units", "instruments", "value_yuan"])
    #expect(rows.count == 1 + 1 + 4 + 4 + 15)
    #expect(rows[1][0] == "network" && rows[1][3] == "21" && rows[1][4] == "453")
    #expect(rows.contains { $0[0] == "by_province" && $0[2] == "浙江" })
  }
}
