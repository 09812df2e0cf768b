import Foundation
import LabNetTestSupport
import Testing

/// A small seeded network with history, for the exports.
struct ExportNetwork {
  var network: CLINetwork

  init(bookings: Int = 3_000, remote: Bool = false) throws {
    network = try CLINetwork(populated: false)
    let seeded = try network.run(
      ["seed", "--scale", "0.02", "--bookings", String(bookings)], as: network.admin)
    guard seeded.status == 0 else { throw Failure("seed: \(seeded)") }
    if remote { network.remote = try RemoteCLI() }
  }

  func export(_ arguments: [String], as login: String = "auditor") throws -> Outcome {
    try network.run(["export"] + arguments, as: login)
  }
}

@Suite("Audit exports through the binary")
struct ExportTests {
  @Test(
    "usage totals equal the sums over the row-level export, for the same filters",
    arguments: [false, true])
  func totalsAgree(throughServer: Bool) throws {
    let network = try ExportNetwork(remote: throughServer)
    for filters in [
      [], ["--province", "ZJ"], ["--from", "2018-03-01 00:00", "--to", "2018-07-01 00:00"],
    ] {
      let usage = try network.export(["usage", "--by", "category", "--format", "json"] + filters)
      #expect(usage.status == 0, "\(usage)")
      let json = try #require(
        try JSONSerialization.jsonObject(with: Data(usage.stdout.utf8)) as? [String: Any])
      let total = try #require(json["total"] as? [String: Any])
      let bookings = try network.export(["bookings", "--format", "csv"] + filters)
      #expect(bookings.stdout.hasPrefix("\u{FEFF}id,"), "a byte order mark for spreadsheets")
      let rows = try parseCSV(String(bookings.stdout.dropFirst())).dropFirst()
      #expect(total["bookings"] as? Int == rows.count, "\(filters)")
      #expect(total["completed"] as? Int == rows.filter { $0[10] == "completed" }.count)
      #expect(total["cross_province_bookings"] as? Int == rows.filter { $0[3] != $0[7] }.count)
      func sum(_ column: Int) -> Int { rows.reduce(0) { $0 + fen($1[column]) } }
      #expect(fen(total["fees_yuan"] as? String ?? "") == sum(12), "\(filters)")
      #expect(fen(total["voucher_paid_yuan"] as? String ?? "") == sum(13), "\(filters)")
      #expect(rows.count > 100, "\(filters): the filters leave enough to compare")
    }
  }

  @Test(
    "--month, --year and bare dates name the same periods as times do", arguments: [false, true])
  func periods(throughServer: Bool) throws {
    let network = try ExportNetwork(remote: throughServer)
    func usage(_ period: [String]) throws -> String {
      let outcome = try network.export(["usage", "--by", "province", "--format", "csv"] + period)
      #expect(outcome.status == 0, "\(period): \(outcome)")
      return outcome.stdout
    }
    let april = try usage(["--from", "2018-04-01 00:00", "--to", "2018-05-01 00:00"])
    #expect(try usage(["--month", "2018-04"]) == april)
    #expect(try usage(["--from", "2018-04-01", "--to", "2018-04-30"]) == april)
    #expect(
      try usage(["--year", "2018"])
        == (try usage(["--from", "2018-01-01 00:00", "--to", "2019-01-01 00:00"])))
    #expect(april.contains("\nSH,上海,"), "the month has bookings: \(april)")
    let mixed = try network.export([
      "usage", "--by", "province", "--month", "2018-04", "--year", "2018",
    ])
    #expect(mixed.status == 65, "\(mixed)")
    #expect(mixed.stderr.contains("give one of --month, --year or --from with --to"))
  }

  @Test("the same seed gives the same export files on SQLite and PostgreSQL")
  func identicalAcrossBackends() throws {
    let network = try ExportNetwork()
    var digest: UInt64 = 0xcbf2_9ce4_8422_2325
    for arguments in [
      ["bookings", "--format", "csv"], ["usage", "--by", "month", "--format", "csv"],
      ["usage", "--by", "unit", "--format", "json"], ["vouchers", "--format", "csv"],
    ] {
      let outcome = try network.export(arguments)
      #expect(outcome.status == 0, "\(outcome)")
      for byte in outcome.stdout.utf8 {
        digest ^= UInt64(byte)
        digest = digest &* 0x100_0000_01b3
      }
    }
    let hex = String(digest, radix: 16)
    // Both test runs (SQLite build and PostgreSQL build) check this one value.
    #expect(hex == "2bf5470953757a81", "export digest \(hex)")
  }

  @Test("cells that would start a formula come out neutralised and still readable")
  func formulaInjection() throws {
    let network = try BookingNetwork()
    let admin = network.network.admin
    let names = ["=HYPERLINK(\"http://x\")", "+41 bad", "-2+3", "@SUM(A1)", "\tTabbed"]
    for (index, name) in names.enumerated() {
      let added = try network.run(
        [
          "unit", "add", "--name", "单位\(index)", "--province", "SH", "--city", "上海", "--kind",
          "other",
        ], as: admin)
      #expect(added.status == 0, "\(added)")
      let registered = try network.run(
        [
          "instrument", "register", "--unit", "单位\(index)",
          "--name=" + name.replacingOccurrences(of: "\t", with: " "),
          "--category", "other", "--value", "400000", "--rate", "10",
        ], as: admin)
      #expect(registered.status == 0 || name.hasPrefix("\t"), "\(registered)")
    }
    // A unit's name cannot hold a tab; an instrument's purpose is free text with a formula.
    _ = try network.run(
      [
        "book", "2", "--from", "2026-12-08 09:00", "--to", "2026-12-08 10:00", "--purpose",
        "=cmd|' /C calc'!A0",
      ],
      as: "chen")
    for index in 0..<4 {
      _ = try network.run(
        ["book", "\(3 + index)", "--from", "2026-12-09 09:00", "--to", "2026-12-09 10:00"],
        as: "chen")
    }
    let exported = try network.run(["export", "bookings"], as: admin)
    #expect(exported.status == 0, "\(exported)")
    #expect(exported.stdout.hasPrefix("\u{FEFF}id,"), "CSV when no format is asked for")
    for format in ["html", "table"] {
      let refused = try network.run(["export", "bookings", "--format", format], as: admin)
      #expect(refused.status == 65, "\(refused)")
      #expect(refused.stderr.contains("export bookings writes csv or json"), "\(refused.stderr)")
      #expect(refused.stdout.isEmpty, "nothing written")
    }
    let rows = try parseCSV(String(exported.stdout.dropFirst()))
    let instruments = Set(rows.dropFirst().map { $0[2] })
    #expect(instruments.contains("'=HYPERLINK(\"http://x\")"), "\(instruments)")
    #expect(instruments.contains("'+41 bad"))
    #expect(instruments.contains("'-2+3"))
    #expect(instruments.contains("'@SUM(A1)"))
    #expect(instruments.contains("扫描电镜"), "Chinese text intact")
    #expect(!rows.joined().contains { $0.first.map { "=+-@\t\r".contains($0) } ?? false })
  }

  @Test("the HTML report is well-formed and has one bar per province")
  func html() throws {
    let network = try ExportNetwork(bookings: 500)
    let path = network.network.database.folder.appendingPathComponent("usage.html").path
    let written = try network.export([
      "usage", "--by", "province", "--format", "html", "--output", path,
    ])
    #expect(written.status == 0, "\(written)")
    #expect(written.stdout.isEmpty)
    let bars = try xmlBars(path, chart: "bookings")
    #expect(bars == ["SH", "JS", "ZJ", "AH"])
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(!text.contains("<script"))
    #expect(!text.contains("src=") && !text.contains("href="), "no external files")
    let leftovers = try FileManager.default.contentsOfDirectory(
      atPath: network.network.database.folder.path)
    #expect(!leftovers.contains { $0.hasSuffix(".tmp") })
    let flows = network.network.database.folder.appendingPathComponent("flows.html").path
    #expect(try network.export(["vouchers", "--format", "html", "--output", flows]).status == 0)
    #expect(try xmlBars(flows, chart: "paid_by_issuer") == ["SH", "JS", "ZJ", "AH"])
  }

  @Test(
    "only auditors and admins export; a province auditor sees its province",
    arguments: [false, true])
  func permissions(throughServer: Bool) throws {
    let network = try ExportNetwork(bookings: 500, remote: throughServer)
    #expect(try network.export(["usage", "--by", "province"], as: "r0001").status == 77)
    #expect(try network.export(["usage", "--by", "province"], as: "m0001").status == 77)
    let own = try network.export(
      ["usage", "--by", "province", "--format", "csv"], as: "auditor-zj")
    #expect(own.status == 0, "\(own)")
    #expect(try parseCSV(String(own.stdout.dropFirst())).map { $0[0] } == ["group", "ZJ", "all"])
    let other = try network.export(["bookings", "--province", "SH"], as: "auditor-zj")
    #expect(other.status == 77, "\(other)")
    let bad = try network.export(["usage", "--by", "week"])
    #expect(bad.status == 65, "\(bad)")
  }
}

/// Fen from a yuan text such as "1234.50" (0 when empty).
func fen(_ text: String) -> Int {
  guard !text.isEmpty else { return 0 }
  let parts = text.split(separator: ".")
  let whole = Int(parts[0]) ?? 0
  let cents = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
  return whole * 100 + (whole < 0 || text.hasPrefix("-") ? -cents : cents)
}

/// The data-key of each bar in one chart of an HTML report, parsed as XML.
func xmlBars(_ path: String, chart: String) throws -> [String] {
  let script = """
    import sys, xml.etree.ElementTree as ET
    root = ET.parse(sys.argv[1]).getroot()
    svg = [e for e in root.iter('{http://www.w3.org/2000/svg}svg') if e.get('data-chart') == sys.argv[2]][0]
    print(','.join(r.get('data-key') for r in svg.iter('{http://www.w3.org/2000/svg}rect') if r.get('class') == 'bar'))
    """
  let data = try python(script, [path, chart])
  return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    .split(separator: ",").map(String.init)
}
