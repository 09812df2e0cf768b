import Foundation
import LabNetTestSupport
import Testing

/// The usage and voucher reports as an auditor reads them (docs/reports.md).
@Suite("Report polish: stamps, percentages, top units, the voucher matrix")
struct ReportTests {
  static let moment = "2026-11-20 10:00"
  static let stamp = "generated at 2026-11-20T10:00:00+08:00 by "

  @Test("every HTML report says when (LABNET_NOW) and by whom", arguments: [false, true])
  func generatedLine(throughServer: Bool) throws {
    let network = try ExportNetwork(bookings: 500, remote: throughServer)
    for (arguments, login) in [
      (["usage", "--by", "province"], "auditor"), (["usage", "--by", "unit"], "auditor-zj"),
      (["vouchers"], "auditor"), (["vouchers"], "auditor-zj"),
    ] {
      let outcome = try network.network.run(
        ["export"] + arguments + ["--format", "html"], as: login, now: Self.moment)
      #expect(outcome.status == 0, "\(arguments): \(outcome)")
      #expect(
        outcome.stdout.contains("<p class=\"generated\">\(Self.stamp)\(login)</p>"),
        "\(arguments) as \(login)")
    }
  }

  @Test(
    "tables show shares as percentages and hours grouped and right-aligned; CSV keeps plain numbers",
    arguments: [false, true])
  func tableFigures(throughServer: Bool) throws {
    let network = try ExportNetwork(remote: throughServer)
    let json = try jsonObject(
      try network.export(["usage", "--by", "province", "--format", "json"]).stdout)
    let total = try #require(json["total"] as? [String: Any])
    let booked = try #require(total["booked_hours"] as? String)
    #expect(booked.wholeMatch(of: /[0-9]+\.[0-9]{2}/) != nil, "JSON: plain hours \(booked)")
    let share = try #require(total["cross_province_share"] as? String)
    #expect(share.wholeMatch(of: /0\.[0-9]{4}/) != nil, "JSON: a plain share \(share)")
    let bookings = try #require(total["bookings"] as? Int)
    let cross = try #require(total["cross_province_bookings"] as? Int)
    let tenths = Int((Double(cross) * 1_000 / Double(bookings)).rounded())
    let percent = "\(tenths / 10).\(tenths % 10) %"
    let grouped = try #require(grouping(booked))
    #expect(grouped.contains(","), "enough hours for a thousands separator: \(booked)")

    let table = try network.export(["usage", "--by", "province"])
    #expect(table.status == 0, "\(table)")
    let lines = table.stdout.split(separator: "\n").map(String.init)
    let header = try #require(lines.first { $0.hasPrefix("Group") })
    let all = try #require(lines.first { $0.hasPrefix("all ") })
    #expect(all.contains(percent), "\(percent) in \(all)")
    let figure = try #require(all.range(of: " " + grouped + " "), "\(grouped) in \(all)")
    let title = try #require(header.range(of: "Booked h"))
    #expect(
      all.distance(from: all.startIndex, to: figure.upperBound) - 1
        == header.distance(from: header.startIndex, to: title.upperBound),
      "hours right-aligned under their heading:\n\(header)\n\(all)")

    let html = try network.export(["usage", "--by", "province", "--format", "html"])
    #expect(html.stdout.contains("<td class=\"number\">\(grouped)</td>"), "HTML: grouped hours")
    #expect(html.stdout.contains("<td class=\"number\">\(percent)</td>"), "HTML: a percentage")

    let csv = try parseCSV(
      String(
        try network.export(["usage", "--by", "province", "--format", "csv"]).stdout.dropFirst()))
    let csvTotal = try #require(csv.last)
    #expect(csvTotal[5] == booked && csvTotal[10] == share, "CSV: \(csvTotal)")
  }

  @Test(
    "--by unit: the top N by booked hours, one others row summing the rest, the whole total",
    arguments: [false, true])
  func topUnits(throughServer: Bool) throws {
    let network = try ExportNetwork(remote: throughServer)
    let all = try jsonObject(
      try network.export(["usage", "--by", "unit", "--format", "json"]).stdout)
    let every = try #require(all["rows"] as? [[String: Any]])
    #expect(all["others"] is NSNull, "CSV and JSON keep every unit without --top")
    let json = try jsonObject(
      try network.export(["usage", "--by", "unit", "--top", "5", "--format", "json"]).stdout)
    let rows = try #require(json["rows"] as? [[String: Any]])
    let others = try #require(json["others"] as? [String: Any])
    let total = try #require(json["total"] as? [String: Any])
    #expect(rows.count == 5 && every.count > 30, "\(rows.count) of \(every.count)")
    let hours = rows.map { hundredths($0["booked_hours"]) }
    #expect(hours == hours.sorted(by: >), "most booked hours first: \(hours)")
    #expect(rows.map { $0["group"] as? String } == every.prefix(5).map { $0["group"] as? String })
    #expect(others["group"] as? String == "others")
    #expect(others["name"] as? String == "others (\(every.count - 5) units)")
    for key in ["instruments", "bookings", "completed", "cross_province_bookings"] {
      let shown = rows.reduce(0) { $0 + ($1[key] as? Int ?? 0) }
      #expect(others[key] as? Int == (total[key] as? Int ?? 0) - shown, "\(key)")
    }
    for key in ["fees_yuan", "voucher_paid_yuan"] {
      let shown = rows.reduce(0) { $0 + fen($1[key] as? String ?? "") }
      #expect(fen(others[key] as? String ?? "") == fen(total[key] as? String ?? "") - shown)
    }
    let shownHours = hours.reduce(0, +)
    let rest = hundredths(total["booked_hours"]) - shownHours
    #expect(abs(hundredths(others["booked_hours"]) - rest) <= 5, "hours, rounded once each")
    #expect(total["bookings"] as? Int == every.reduce(0) { $0 + ($1["bookings"] as? Int ?? 0) })

    let csv = try parseCSV(
      String(
        try network.export(["usage", "--by", "unit", "--top", "5", "--format", "csv"]).stdout
          .dropFirst()))
    #expect(csv.dropFirst().map { $0[0] }.suffix(2) == ["others", "all"] && csv.count == 8)
    let table = try network.export(["usage", "--by", "unit"])
    let lines = table.stdout.split(separator: "\n")
    #expect(lines.count == 2 + 2 + 30 + 1, "heading, titles, rule, 30 units, others, all")
    #expect(lines.first?.contains("the 30 of \(every.count) units") == true, "\(lines[0])")
    #expect(lines.contains { $0.hasPrefix("others ") && $0.contains("others (") })
    for refused in [["--top", "0"], ["--by", "province", "--top", "3"]] {
      var arguments = ["usage", "--by", "unit"] + refused
      if refused.first == "--by" { arguments = ["usage"] + refused }
      let outcome = try network.export(arguments)
      #expect(outcome.status == 65, "\(arguments): \(outcome)")
    }
  }

  @Test(
    "the voucher matrix has totals and net positions that sum to zero", arguments: [false, true])
  func voucherMatrix(throughServer: Bool) throws {
    let network = try ExportNetwork(remote: throughServer)
    let json = try jsonObject(try network.export(["vouchers", "--format", "json"]).stdout)
    let flows = try #require(json["flows"] as? [[String: Any]])
    #expect(flows.count == 16)
    func amount(_ row: [String: Any]) -> Int { fen(row["amount_yuan"] as? String ?? "") }
    func paid(issuer: String?, provider: String?) -> Int {
      flows.filter {
        (issuer == nil || $0["issuer"] as? String == issuer)
          && (provider == nil || $0["provider"] as? String == provider)
      }.reduce(0) { $0 + amount($1) }
    }
    let provinces = ["SH", "JS", "ZJ", "AH"]
    let issuerTotals = try #require(json["issuer_totals"] as? [[String: Any]])
    let providerTotals = try #require(json["provider_totals"] as? [[String: Any]])
    #expect(issuerTotals.map { $0["issuer"] as? String } == provinces)
    #expect(issuerTotals.allSatisfy { $0["provider"] as? String == "all" })
    #expect(issuerTotals.map(amount) == provinces.map { paid(issuer: $0, provider: nil) })
    #expect(providerTotals.map(amount) == provinces.map { paid(issuer: nil, provider: $0) })
    let total = try #require(json["total"] as? [String: Any])
    #expect(amount(total) == paid(issuer: nil, provider: nil) && amount(total) > 0)
    let nets = try #require(json["net_positions"] as? [[String: Any]])
    #expect(nets.map { $0["province"] as? String } == provinces)
    var sum = 0
    for (province, net) in zip(provinces, nets) {
      let out = paid(issuer: province, provider: nil) - paid(issuer: province, provider: province)
      let into = paid(issuer: nil, provider: province) - paid(issuer: province, provider: province)
      #expect(fen(net["paid_out_yuan"] as? String ?? "") == out, "\(province)")
      #expect(fen(net["paid_in_yuan"] as? String ?? "") == into, "\(province)")
      #expect(fen(net["net_yuan"] as? String ?? "") == out - into, "\(province)")
      sum += fen(net["net_yuan"] as? String ?? "")
    }
    #expect(sum == 0, "net positions sum to zero across provinces")
    #expect(nets.contains { fen($0["net_yuan"] as? String ?? "") != 0 }, "some province owes")

    // CSV: the 16 cells first, in the old columns, then the marked rows.
    let csv = try parseCSV(
      String(try network.export(["vouchers", "--format", "csv"]).stdout.dropFirst()))
    #expect(csv.first == ["issuer", "provider", "bookings", "amount_yuan"])
    #expect(
      csv.dropFirst().prefix(16).allSatisfy {
        provinces.contains($0[0]) && provinces.contains($0[1])
      })
    let netRows = csv.filter { $0[1] == "net" }
    #expect(netRows.map { $0[0] } == provinces && netRows.allSatisfy { $0[2].isEmpty })
    #expect(netRows.reduce(0) { $0 + fen($1[3]) } == 0)
    #expect(csv.contains { $0[0] == "all" && $0[1] == "all" && fen($0[3]) == amount(total) })

    let table = try network.export(["vouchers"])
    #expect(table.stdout.contains("\nall ") && table.stdout.contains(" net "), "\(table.stdout)")
    let html = try network.export(["vouchers", "--format", "html"])
    #expect(html.stdout.contains("<tr><th>total</th>"), "a totals row")
    #expect(provinces.allSatisfy { html.stdout.contains("data-net=\"\($0)\"") })

    // One issuing province: its row and total, no net positions (the others' vouchers are not in view).
    let own = try jsonObject(
      try network.export(["vouchers", "--format", "json"], as: "auditor-zj").stdout)
    #expect(own["net_positions"] is NSNull)
    #expect((own["issuer_totals"] as? [[String: Any]])?.count == 1)
  }

  @Test("long unit names are not clipped in the SVG charts")
  func longLabels() throws {
    let network = try ExportNetwork(bookings: 300)
    let admin = network.network.admin
    let long = String(repeating: "长三角区域协同创新研究院", count: 3) + "分析测试中心"
    let longer = String(repeating: "国家重点实验室联合共建平台", count: 6)
    for (index, name) in [long, longer].enumerated() {
      let added = try network.network.run(
        ["unit", "add", "--name", name, "--province", "SH", "--city", "上海", "--kind", "other"],
        as: admin)
      #expect(added.status == 0, "\(added)")
      let registered = try network.network.run(
        [
          "instrument", "register", "--unit", name, "--name", "仪器\(index)", "--category", "other",
          "--value", "400000", "--rate", "10",
        ], as: admin)
      #expect(registered.status == 0, "\(registered)")
    }
    let path = network.network.database.folder.appendingPathComponent("units.html").path
    let written = try network.export([
      "usage", "--by", "unit", "--top", "1000", "--format", "html", "--output", path,
    ])
    #expect(written.status == 0, "\(written)")
    let script = """
      import sys, unicodedata, xml.etree.ElementTree as ET
      ns = '{http://www.w3.org/2000/svg}'
      root = ET.parse(sys.argv[1]).getroot()
      svg = [e for e in root.iter(ns + 'svg') if e.get('data-chart') == 'bookings'][0]
      bar_x = float([r for r in svg.iter(ns + 'rect') if r.get('class') == 'bar'][0].get('x'))
      def width(s): return sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)
      for t in svg.iter(ns + 'text'):
          if t.get('x') != '0': continue
          title = t.find(ns + 'title')
          shown = t.text if title is None else title.tail
          full = shown if title is None else title.text
          ok = width(shown) * 6.5 <= bar_x and (title is None or shown.endswith('…'))
          print(('ok' if ok else 'clipped') + '\\t' + full)
      """
    let lines = String(decoding: try python(script, [path]), as: UTF8.self)
      .split(separator: "\n").map(String.init)
    #expect(!lines.isEmpty && lines.allSatisfy { $0.hasPrefix("ok\t") }, "\(lines)")
    #expect(lines.contains("ok\t" + long) && lines.contains("ok\t" + longer), "full names kept")
  }
}

func jsonObject(_ text: String) throws -> [String: Any] {
  try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

/// Hundredths from an hours text such as "1234.50".
func hundredths(_ value: Any?) -> Int { fen(value as? String ?? "") }

/// "1234.50" as "1,234.50".
func grouping(_ text: String) -> String? {
  let parts = text.split(separator: ".")
  guard parts.count == 2 else { return nil }
  var whole = String(parts[0])
  var groups: [String] = []
  while whole.count > 3 {
    groups.insert(String(whole.suffix(3)), at: 0)
    whole.removeLast(3)
  }
  groups.insert(whole, at: 0)
  return groups.joined(separator: ",") + "." + parts[1]
}
