import Foundation
import LabNetTestSupport
import NetworkStore
import Testing

@Suite("Output formats through the binary")
struct OutputTests {
  @Test("instrument list --format json is read back by a JSON parser")
  func json() throws {
    let network = try CLINetwork()
    let outcome = try network.run(["instrument", "list", "--format", "json"])
    #expect(outcome.status == 0, "\(outcome)")
    let rows = try #require(
      try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String: Any]])
    #expect(rows.count == 1)
    let row = try #require(rows.first)
    #expect(row["id"] as? Int == 1)
    #expect(row["name"] as? String == "透射电子显微镜")
    #expect(row["unit"] as? String == "复旦大学")
    #expect(row["province"] as? String == "SH")
    #expect(row["tier"] as? String == "flagship")
    #expect(row["value_yuan"] as? String == "12500000.00")
    #expect(row["rate_yuan_per_hour"] as? String == "1500.00")
  }

  @Test("instrument list --format csv is read back by Python's csv module")
  func csv() throws {
    let network = try CLINetwork()
    let tricky = "=HYPERLINK(\"http://x\"),\"引号\""
    let registered = try network.run(
      [
        "instrument", "register", "--unit", "复旦大学", "--name", tricky, "--category", "laser",
        "--value", "600000", "--rate", "88.5",
      ], as: "wang")
    #expect(registered.status == 0, "\(registered)")
    let outcome = try network.run(["instrument", "list", "--format", "csv"])
    #expect(outcome.status == 0)
    let rows = try parseCSV(outcome.stdout)
    #expect(
      rows.first == [
        "id", "name", "unit", "province", "city", "category", "tier", "value_yuan",
        "rate_yuan_per_hour", "status",
      ])
    #expect(rows.count == 3)
    #expect(rows[1][1] == "透射电子显微镜")
    // The formula is neutralised with a leading quote and otherwise intact.
    #expect(rows[2][1] == "'" + tricky)
    #expect(rows[2][8] == "88.50")
  }

  @Test("global options may stand before or after the command")
  func globalOptionsAnywhere() throws {
    let network = try CLINetwork()
    let before = try LabNetProcess.run(
      ["--database", network.database.url, "--format", "json", "instrument", "show", "1"])
    let after = try LabNetProcess.run(
      ["instrument", "show", "1", "--format", "json", "--database", network.database.url])
    let environment = try LabNetProcess.run(
      ["instrument", "show", "1", "--format=json"],
      environment: ["LABNET_DATABASE": network.database.url])
    #expect(before.status == 0, "\(before)")
    #expect(before.stdout == after.stdout)
    #expect(before.stdout == environment.stdout)
    #expect(before.stdout.contains("\"needs_approval\": true"))
  }

  @Test("tables align Chinese text by display width")
  func alignment() throws {
    let network = try CLINetwork()
    _ = try network.run(
      [
        "unit", "add", "--name", "ACME Photonics Ltd", "--province", "JS", "--city", "Suzhou",
        "--kind", "enterprise",
      ],
      as: network.admin)
    let outcome = try network.run(["unit", "list"])
    let lines = outcome.stdout.split(separator: "\n").map(String.init)
    #expect(lines.count == 5, "\(outcome)")
    // The province column starts at the same terminal column on every line.
    let columns = lines.enumerated().compactMap { index, line -> Int? in
      guard index != 1 else { return nil }  // the dashes under the titles
      let token = ["Province", "  SH  ", "  ZJ  ", "  JS  "].first { line.contains($0) } ?? "?"
      guard let range = line.range(of: token) else { return -1 }
      let offset = token.hasPrefix(" ") ? 2 : 0
      return columnWidth(String(line[..<range.lowerBound])) + offset
    }
    #expect(Set(columns).count == 1, "\(lines)")
  }

  @Test("init twice is a no-op and says so")
  func initTwice() throws {
    let network = try CLINetwork(populated: false)
    let again = try network.run(["init", "--format", "json"])
    #expect(again.status == 0, "\(again)")
    let record = try #require(
      try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
    #expect((record["applied"] as? [String])?.isEmpty == true)
    #expect(record["admin_created"] is NSNull)
    #expect(record["schema_version"] as? Int == Migration.all(for: .sqlite).last?.version)
  }

  @Test("the demo runs end to end and prints the commands it runs")
  func demo() throws {
    let database = try TestDatabase()
    // The SQLite build makes a file in the folder; a PostgreSQL-only build
    // needs an empty database named with --database.
    let arguments =
      TestDatabase.isPostgres
      ? ["demo", "--database", database.url] : ["demo", "--folder", database.folder.path]
    let outcome = try LabNetProcess.run(arguments)
    #expect(outcome.status == 0, "\(outcome)")
    #expect(outcome.stdout.contains("$ labnet --database"))
    #expect(outcome.stdout.contains("instrument register"))
    #expect(outcome.stdout.contains("核磁共振波谱仪"))
    let url = TestDatabase.isPostgres ? database.url : database.folder.path + "/labnet.sqlite"
    let listed = try LabNetProcess.run(
      ["--database", url, "instrument", "list", "--unit", "浙江大学", "--format", "csv"])
    // The sample file's 8 instruments and one registered by hand, under the header.
    #expect(listed.stdout.split(separator: "\r\n").count == 10, "\(listed)")
    let stats = try LabNetProcess.run(["--database", url, "network", "stats", "--format", "json"])
    #expect(stats.stdout.contains("\"instruments\": 45271"), "\(stats)")
    let again = try LabNetProcess.run(arguments)
    #expect(again.status == 67, "\(again)")
  }

  @Test("a fixed clock is said beside the output, never silently")
  func fixedClockShown() throws {
    let network = try CLINetwork()
    let outcome = try network.run(
      ["network", "stats", "--format", "json"], now: "2026-12-01 10:00")
    #expect(outcome.status == 0, "\(outcome)")
    #expect(outcome.stderr.contains("LABNET_NOW fixes the clock at 2026-12-01T10:00:00+08:00"))
    #expect(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) is [String: Any])
    #expect(!(try network.run(["network", "stats"])).stderr.contains("LABNET_NOW"))
  }
}

/// Terminal columns of `text`: CJK characters count two.
func columnWidth(_ text: String) -> Int {
  text.unicodeScalars.reduce(0) { width, scalar in
    width
      + ((0x2E80...0x9FFF).contains(scalar.value) || (0xFF00...0xFF60).contains(scalar.value)
        ? 2 : 1)
  }
}

/// Rows of CSV as Python's csv module reads them.
func parseCSV(_ text: String) throws -> [[String]] {
  let data = try python(
    "import csv, io, json, sys; print(json.dumps(list(csv.reader(io.StringIO(sys.stdin.read(), newline='')))))",
    input: text)
  return try JSONSerialization.jsonObject(with: data) as? [[String]] ?? []
}
