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

  /// The sample file's text, as `file` takes it.
  static func sampleText() throws -> String {
    String(decoding: try Data(contentsOf: sample), as: UTF8.self)
  }

  static func json(_ outcome: Outcome) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8))) as? [String: Any] ?? [:]
  }

  @Test(
    "importing the sample again is refused by asset number; --update updates and adds",
    arguments: [false, true])
  func reimport(throughServer: Bool) throws {
    var network = try CLINetwork()
    if throughServer { network.remote = try RemoteCLI() }
    let first = try network.run(["instrument", "import", Self.sample.path], as: "wang")
    #expect(first.status == 0, "\(first)")
    #expect(try network.instruments().count == 9)
    let again = try network.run(["instrument", "import", Self.sample.path], as: "wang")
    #expect(again.status == 65, "\(again)")
    #expect(again.stderr.contains("8 problems in the file; nothing was imported"), "\(again)")
    #expect(
      again.stderr.contains(
        "lines 2, 3, 4, 5, 6, 7, 8, 9: asset numbers already registered in unit "),
      "\(again.stderr)")
    #expect(again.stderr.contains("(ZC-2015-0101, ZC-2016-0342, ZC-2017-0518,"))
    #expect(again.stderr.contains("use --update to update those instruments"))
    #expect(again.stdout.isEmpty)
    #expect(try network.instruments().count == 9, "the second import wrote nothing")

    // The rate of the NMR changes, and a ninth instrument comes.
    var text = try Self.sampleText()
    text = text.replacingOccurrences(of: ",3800000.00,800,", with: ",3800000.00,850,")
    text +=
      "ZC-2020-0001,拉曼光谱仪,inVia,Renishaw 雷尼绍,analytical,900000,200,化学楼 201,"
      + "Mon-Fri 08:00-20:00,是,15\r\n"
    let changed = try file(network, "changed.csv", text)
    let dry = try network.run(
      ["instrument", "import", changed, "--update", "--dry-run"], as: "wang")
    #expect(dry.status == 0, "\(dry)")
    #expect(try network.instruments().count == 9)
    let updated = try network.run(
      ["instrument", "import", changed, "--update", "--format", "json"], as: "wang")
    #expect(updated.status == 0, "\(updated)")
    let report = Self.json(updated)
    #expect(report["imported"] as? Int == 9, "\(updated)")
    #expect(report["updated"] as? Int == 8)
    #expect(report["added"] as? Int == 1)
    let instruments = try network.instruments()
    #expect(instruments.count == 10)
    let nmr = try #require(instruments.first { ($0["name"] as? String) == "核磁共振波谱仪" })
    #expect(nmr["rate_yuan_per_hour"] as? String == "850.00")
    let shown = try network.run([
      "instrument", "show", "\(nmr["id"] as? Int ?? 0)", "--format", "json",
    ])
    #expect(Self.json(shown)["asset_number"] as? String == "ZC-2016-0342", "\(shown)")
    #expect(
      instruments.filter { ($0["name"] as? String) == "核磁共振波谱仪" }.count == 1,
      "updated in place, not added again")
  }

  @Test("an asset number twice in one file is refused with both lines", arguments: [false, true])
  func duplicateInFile(throughServer: Bool) throws {
    var network = try CLINetwork()
    if throughServer { network.remote = try RemoteCLI() }
    let path = try file(
      network, "twice.csv",
      "asset_number,\(Self.header)\nA-1,X,M,analytical,500000,1\nA-2,Y,M,analytical,500000,1\n"
        + "A-1,Z,M,analytical,500000,1\n")
    for update in [false, true] {
      let outcome = try network.run(
        ["instrument", "import", path] + (update ? ["--update"] : []), as: "wang")
      #expect(outcome.status == 65, "\(outcome)")
      #expect(
        outcome.stderr.contains(
          "line 4, column asset_number: asset number \"A-1\" is also on line 2"),
        "\(outcome.stderr)")
    }
    #expect(try network.instruments().count == 1)
  }

  @Test(
    "instrument register and update take --asset-number, unique within the unit",
    arguments: [false, true])
  func assetNumberOption(throughServer: Bool) throws {
    var network = try CLINetwork()
    if throughServer { network.remote = try RemoteCLI() }
    let register = [
      "instrument", "register", "--unit", "复旦大学", "--name", "扫描电镜", "--category",
      "analytical", "--value", "800000", "--rate", "200", "--format", "json",
    ]
    let made = try network.run(register + ["--asset-number", "FD-0001"], as: "wang")
    #expect(made.status == 0, "\(made)")
    #expect(Self.json(made)["asset_number"] as? String == "FD-0001")
    let id = try #require(Self.json(made)["id"] as? Int)
    let taken = try network.run(register + ["--asset-number", "FD-0001"], as: "wang")
    #expect(taken.status == 67, "\(taken)")
    #expect(taken.stderr.contains("asset number \"FD-0001\" is already instrument \(id)'s"))
    // Another unit may use the same number.
    let other = try network.run(
      [
        "instrument", "register", "--unit", "浙江大学", "--name", "流变仪", "--category", "analytical",
        "--value", "800000", "--rate", "90", "--asset-number", "FD-0001",
      ], as: "zhang")
    #expect(other.status == 0, "\(other)")
    let microscope = try network.instruments().first { ($0["name"] as? String) == "透射电子显微镜" }
    let first = try #require(microscope?["id"] as? Int)
    let clash = try network.run(
      ["instrument", "update", "\(first)", "--asset-number", "FD-0001"], as: "wang")
    #expect(clash.status == 67, "\(clash)")
    let renumbered = try network.run(
      ["instrument", "update", "\(id)", "--asset-number", "FD-0002", "--format", "json"],
      as: "wang")
    #expect(Self.json(renumbered)["asset_number"] as? String == "FD-0002", "\(renumbered)")
    let shown = try network.run(["instrument", "show", "\(id)"])
    #expect(shown.stdout.contains("FD-0002"), "\(shown)")
    let removed = try network.run(
      ["instrument", "update", "\(id)", "--asset-number", "", "--format", "json"], as: "wang")
    #expect(Self.json(removed)["asset_number"] is NSNull, "\(removed)")
  }
}
