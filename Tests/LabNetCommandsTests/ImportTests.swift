import Foundation
import LabNetTestSupport
import Testing

@testable import LabNetCommands

@Suite("Instrument import through the binary")
struct ImportTests {
  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let sample = repository.appendingPathComponent("docs/examples/instruments.csv")

  static let header = "name,model,category,value_yuan,rate_yuan_per_hour"

  /// Writes `text` (or raw bytes) as a file in the test's folder.
  func file(_ network: CLINetwork, _ name: String, _ bytes: [UInt8]) throws -> String {
    let url = network.database.folder.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
  }

  func file(_ network: CLINetwork, _ name: String, _ text: String) throws -> String {
    try file(network, name, Array(text.utf8))
  }

  @Test("the sample file (BOM, CRLF, Chinese headers) imports for its unit's manager")
  func sampleFile() throws {
    let network = try CLINetwork()
    let dry = try network.run(["instrument", "import", Self.sample.path, "--dry-run"], as: "wang")
    #expect(dry.status == 0, "\(dry)")
    #expect(try network.instruments().count == 1)
    let outcome = try network.run(
      ["instrument", "import", Self.sample.path, "--format", "json"], as: "wang")
    #expect(outcome.status == 0, "\(outcome)")
    #expect(outcome.stdout.contains("\"imported\": 8"))
    let instruments = try network.instruments()
    #expect(instruments.count == 9)
    let laser = try #require(instruments.first { ($0["category"] as? String) == "laser" })
    #expect(laser["name"] as? String == "飞秒激光器 \"Astrella\"")
    #expect(laser["unit"] as? String == "复旦大学")
    #expect(laser["value_yuan"] as? String == "4200000.00")
    let shown = try network.run([
      "instrument", "show", "\(laser["id"] as? Int ?? 0)", "--format", "json",
    ])
    #expect(shown.stdout.contains("\"granularity_minutes\": 15"))
    let confocal = try #require(instruments.first { ($0["name"] as? String) == "激光共聚焦显微镜" })
    let details = try network.run([
      "instrument", "show", "\(confocal["id"] as? Int ?? 0)", "--format", "json",
    ])
    #expect(details.stdout.contains("\"location\": \"医学院 公共平台 3楼, 东侧\""), "\(details)")
    #expect(details.stdout.contains("\"opening_hours\": \"Mon-Fri 09:00-17:00\""))
  }

  @Test("the demo imports exactly the documented sample file")
  func demoUsesTheSample() throws {
    #expect(try Data(contentsOf: Self.sample) == Data(DemoExample.instrumentsCSV.utf8))
  }

  @Test("one bad row among 10,000 is reported and nothing is written")
  func oneBadRow() throws {
    let network = try CLINetwork()
    var lines = [Self.header]
    for index in 1...10_000 {
      let value = index == 5_000 ? "299999.99" : "\(500_000 + index)"
      lines.append("光谱仪 \(index),M-\(index),analytical,\(value),120")
    }
    let path = try file(network, "many.csv", lines.joined(separator: "\n") + "\n")
    let outcome = try network.run(["instrument", "import", path], as: "wang")
    #expect(outcome.status == 65, "\(outcome)")
    #expect(outcome.stderr.contains("1 problem in the file; nothing was imported"))
    #expect(outcome.stderr.contains("line 5001, column value_yuan:"), "\(outcome.stderr)")
    #expect(outcome.stdout.isEmpty)
    #expect(try network.instruments().count == 1)
  }

  @Test(
    "a malformed file is invalid data with the line and column",
    arguments: [
      (
        "missing column", Array("name,category,value_yuan\nX,analytical,500000\n".utf8),
        "line 1: missing column rate_yuan_per_hour"
      ),
      (
        "extra column", Array("\(header),colour\nX,M,analytical,500000,1,red\n".utf8),
        "line 1, column 6: unknown column \"colour\""
      ),
      (
        "extra field", Array("\(header)\nX,M,analytical,500000,1,red\n".utf8),
        "line 2: 6 fields, but the header names 5 columns"
      ),
      (
        "broken quote", Array("\(header)\n\"X,M,analytical,500000,1\n".utf8),
        "line 2, column 1: a quoted field is never closed"
      ),
      (
        "stray quote", Array("\(header)\nX\"Y,M,analytical,500000,1\n".utf8),
        "line 2, column 1: a quote inside an unquoted field"
      ),
      (
        "invalid UTF-8",
        Array("\(header)\nok,M,analytical,500000,1\n".utf8) + [0xFF, 0xFE]
          + Array(",M,analytical,500000,1\n".utf8),
        "line 3, column 1: the text is not valid UTF-8"
      ),
      ("empty file", [], "the file is empty"),
    ])
  func malformed(label: String, bytes: [UInt8], message: String) throws {
    let network = try CLINetwork()
    let path = try file(network, "bad.csv", bytes)
    let outcome = try network.run(["instrument", "import", path], as: "wang")
    #expect(outcome.status == 65, "\(label): \(outcome)")
    #expect(outcome.stderr.contains(message), "\(label): \(outcome.stderr)")
    #expect(try network.instruments().count == 1)
  }

  @Test("an admin names the unit per row; a manager imports only into its own unit")
  func units() throws {
    let network = try CLINetwork()
    let mixed = try file(
      network, "mixed.csv",
      "单位,仪器名称,类别,原值(元),收费标准(元/小时)\n复旦大学,扫描电镜,analytical,800000,200\n浙江大学,流变仪,physical_property,620000,90\n"
    )
    let admin = try network.run(["instrument", "import", mixed], as: network.admin)
    #expect(admin.status == 0, "\(admin)")
    #expect(try network.instruments().count == 3)
    let manager = try network.run(["instrument", "import", mixed], as: "wang")
    #expect(manager.status == 65, "\(manager)")
    #expect(manager.stderr.contains("line 3, column unit:"), "\(manager)")
    #expect(manager.stderr.contains("浙江大学"))
    let noUnit = try file(network, "plain.csv", "\(Self.header)\nX,M,other,400000,1\n")
    let adminWithout = try network.run(["instrument", "import", noUnit], as: network.admin)
    #expect(adminWithout.status == 65, "\(adminWithout)")
    #expect(adminWithout.stderr.contains("missing column unit"))
    #expect(try network.instruments().count == 3)
  }

  @Test("a missing file is not found")
  func missingFile() throws {
    let network = try CLINetwork()
    let outcome = try network.run(["instrument", "import", "/nonexistent/x.csv"], as: "wang")
    #expect(outcome.status == 66, "\(outcome)")
    #expect(outcome.stderr.contains("/nonexistent/x.csv"))
  }
}
