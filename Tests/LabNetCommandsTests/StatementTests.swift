import Foundation
import LabNetTestSupport
import Testing

/// VoucherNetwork plus a 24/7 instrument of 浙江大学 (300 yuan/h), auditors
/// of SH and ZJ, and a month of charged bookings across the units:
///
/// | booking | instrument           | booker (unit)       | start (CST)      | outcome         | charge | vouchers |
/// |---------|----------------------|---------------------|------------------|-----------------|--------|----------|
/// | a       | 扫描电镜 (复旦)       | chen (浙江大学)      | 2026-12-08 09:00 | completed 2 h   | 400    | 0        |
/// | b       | 扫描电镜 (复旦)       | qian (嘉兴光电)      | 2026-12-09 09:00 | completed 3 h   | 600    | 300      |
/// | c       | 扫描电镜 (复旦)       | li (复旦大学)        | 2026-12-10 09:00 | completed 1 h   | 200    | 0        |
/// | d       | 扫描电镜 (复旦)       | chen (浙江大学)      | 2026-12-11 09:00 | no-show         | 200    | 0        |
/// | e       | 扫描电镜 (复旦)       | chen (浙江大学)      | 2026-12-14 09:00 | cancelled       | -      | -        |
/// | f       | 核磁共振波谱仪 (浙江)  | li (复旦大学)        | 2026-12-09 14:00 | completed 2 h   | 600    | 0        |
/// | g       | 核磁共振波谱仪 (浙江)  | li (复旦大学)        | 2026-12-01 00:00 | completed 1 h   | 300    | 0        |
/// | h       | 核磁共振波谱仪 (浙江)  | li (复旦大学)        | 2026-11-30 23:00 | completed 1 h   | 300    | 0        |
///
/// g starts on 30 November in UTC and h on 30 November in CST: g is
/// December's, h November's.
struct StatementNetwork {
  var vouchers: VoucherNetwork
  var ids: [String: Int64] = [:]
  static let month = "2026-12"
  static let settled = "2026-12-20 08:00"

  init(remote: Bool) throws {
    vouchers = try VoucherNetwork(remote: remote)
    let admin = vouchers.booking.network.admin
    for (step, login) in [
      (
        [
          "instrument", "register", "--unit", "浙江大学", "--name", "核磁共振波谱仪", "--category",
          "analytical", "--value", "600000", "--rate", "300", "--hours", "24/7",
        ], "zhang"
      ),
      (
        ["account", "add", "audit.sh", "--name", "上海审计", "--role", "auditor", "--province", "SH"],
        admin
      ),
      (
        ["account", "add", "audit.zj", "--name", "浙江审计", "--role", "auditor", "--province", "ZJ"],
        admin
      ),
    ] {
      let outcome = try vouchers.run(step, as: login)
      guard outcome.status == 0 else { throw Failure("\(step): \(outcome)") }
    }
    let code = try vouchers.issue("10000")
    let early = "2026-11-30 08:00"
    for (name, instrument, from, to, login, voucher, now) in [
      ("a", 2, "2026-12-08 09:00", "2026-12-08 11:00", "chen", nil, nil),
      ("b", 2, "2026-12-09 09:00", "2026-12-09 12:00", "qian", code, nil),
      ("c", 2, "2026-12-10 09:00", "2026-12-10 10:00", "li", nil, nil),
      ("d", 2, "2026-12-11 09:00", "2026-12-11 10:00", "chen", nil, nil),
      ("e", 2, "2026-12-14 09:00", "2026-12-14 10:00", "chen", nil, nil),
      ("f", 3, "2026-12-09 14:00", "2026-12-09 16:00", "li", nil, nil),
      ("g", 3, "2026-12-01 00:00", "2026-12-01 01:00", "li", nil, early),
      ("h", 3, "2026-11-30 23:00", "2026-12-01 00:00", "li", nil, early),
    ] as [(String, Int, String, String, String, String?, String?)] {
      var arguments = ["book", "\(instrument)", "--from", from, "--to", to, "--format", "json"]
      if let voucher { arguments += ["--voucher", voucher] }
      let booked = try vouchers.run(arguments, as: login, now: now)
      guard booked.status == 0, let id = BookingNetwork.id(booked) else {
        throw Failure("book \(name): \(booked)")
      }
      ids[name] = id
    }
    let cancelled = try vouchers.run(["booking", "cancel", "\(try id("e"))"], as: "chen")
    guard cancelled.status == 0 else { throw Failure("cancel: \(cancelled)") }
    for (name, from, to, manager) in [
      ("a", "2026-12-08 09:00", "2026-12-08 11:00", "wang"),
      ("b", "2026-12-09 09:00", "2026-12-09 12:00", "wang"),
      ("c", "2026-12-10 09:00", "2026-12-10 10:00", "wang"),
      ("f", "2026-12-09 14:00", "2026-12-09 16:00", "zhang"),
      ("g", "2026-12-01 00:00", "2026-12-01 01:00", "zhang"),
      ("h", "2026-11-30 23:00", "2026-12-01 00:00", "zhang"),
    ] {
      let done = try vouchers.run(
        ["booking", "complete", "\(try id(name))", "--used-from", from, "--used-to", to],
        as: manager, now: Self.settled)
      guard done.status == 0 else { throw Failure("complete \(name): \(done)") }
    }
    let missed = try vouchers.run(
      ["booking", "no-show", "\(try id("d"))"], as: "wang", now: Self.settled)
    guard missed.status == 0 else { throw Failure("no-show: \(missed)") }
  }

  /// The id of booking `name` (a–h).
  func id(_ name: String) throws -> Int64 {
    guard let id = ids[name] else { throw Failure("no booking \(name)") }
    return id
  }

  func statement(
    _ unit: String, side: String = "--as-provider", format: String = "json",
    as login: String = "admin", extra: [String] = []
  ) throws -> Outcome {
    try vouchers.run(
      ["statement", "--unit", unit, "--month", Self.month, side, "--format", format] + extra,
      as: login == "admin" ? vouchers.booking.network.admin : login, now: Self.settled)
  }

  /// The statement's JSON object, failing the test when the command failed.
  func json(_ unit: String, side: String = "--as-provider", as login: String = "admin") throws
    -> [String: Any]
  {
    let outcome = try statement(unit, side: side, as: login)
    #expect(outcome.status == 0, "\(outcome)")
    return try #require(
      try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any],
      "\(outcome)")
  }
}

/// A statement's groups as counterpart name → subtotal, and its booking ids.
func statementParts(_ json: [String: Any]) -> (
  subtotals: [String: [String: Any]], bookings: Set<Int>
) {
  var subtotals: [String: [String: Any]] = [:]
  var bookings = Set<Int>()
  for group in json["groups"] as? [[String: Any]] ?? [] {
    let name = (group["unit"] as? [String: Any])?["name"] as? String ?? "?"
    subtotals[name] = group["subtotal"] as? [String: Any] ?? [:]
    for line in group["lines"] as? [[String: Any]] ?? [] {
      if let id = line["booking_id"] as? Int { bookings.insert(id) }
    }
  }
  return (subtotals, bookings)
}

/// Whether two JSON values are both there and print the same.
func same(_ first: Any?, _ second: Any?) -> Bool {
  guard let first, let second else { return false }
  return "\(first)" == "\(second)"
}

@Suite("Statements (结算单) through the binary")
struct StatementTests {
  @Test(
    "the totals equal the row-level bookings export of the month, and both sides agree",
    arguments: [false, true])
  func totalsAgree(throughServer: Bool) throws {
    let network = try StatementNetwork(remote: throughServer)
    let ids = network.ids
    let exported = try network.vouchers.run(
      [
        "export", "bookings", "--from", "2026-12-01 00:00", "--to", "2027-01-01 00:00", "--format",
        "csv",
      ], as: "audit.sh", now: StatementNetwork.settled)
    #expect(exported.status == 0, "\(exported)")
    // The SH auditor sees SH's instruments; the admin's export has every province's.
    let all = try network.vouchers.run(
      [
        "export", "bookings", "--from", "2026-12-01 00:00", "--to", "2027-01-01 00:00", "--format",
        "csv",
      ], as: network.vouchers.booking.network.admin, now: StatementNetwork.settled)
    let rows = try parseCSV(String(all.stdout.dropFirst())).dropFirst()
    #expect(rows.count == 7, "a–g start in December (CST), h does not: \(rows.map { $0[0] })")
    let charged = rows.filter { !$0[12].isEmpty && $0[10] != "pending" && $0[10] != "confirmed" }

    for (unit, side, column) in [
      ("复旦大学", "--as-provider", 4), ("复旦大学", "--as-customer", 6),
      ("浙江大学", "--as-provider", 4), ("浙江大学", "--as-customer", 6),
    ] {
      let json = try network.json(unit, side: side)
      let total = try #require(json["total"] as? [String: Any], "\(json)")
      let mine = charged.filter { $0[column] == unit }
      let charges = mine.reduce(0) { $0 + fen($1[12]) }
      let paid = mine.reduce(0) { $0 + fen($1[13]) }
      #expect(fen(total["charge_yuan"] as? String ?? "") == charges, "\(unit) \(side)")
      #expect(fen(total["voucher_share_yuan"] as? String ?? "") == paid, "\(unit) \(side)")
      #expect(fen(total["owed_yuan"] as? String ?? "") == charges - paid, "\(unit) \(side)")
      #expect(total["bookings"] as? Int == mine.count, "\(unit) \(side)")
      #expect(
        statementParts(json).bookings == Set(mine.compactMap { Int($0[0]) }), "\(unit) \(side)")
    }

    // The figures themselves, worked out by hand.
    let provider = try network.json("复旦大学")
    let total = try #require(provider["total"] as? [String: Any])
    #expect(total["charge_yuan"] as? String == "1400.00")
    #expect(total["voucher_share_yuan"] as? String == "300.00")
    #expect(total["owed_yuan"] as? String == "1100.00")
    let (subtotals, bookings) = statementParts(provider)
    #expect(
      bookings == Set(["a", "b", "c", "d"].compactMap { ids[$0].map(Int.init) }),
      "the cancelled booking e carries no charge")
    #expect(subtotals["嘉兴光电科技有限公司"]?["owed_yuan"] as? String == "300.00")
    #expect(subtotals["浙江大学"]?["charge_yuan"] as? String == "600.00", "a and the no-show d")
    #expect(subtotals["复旦大学"]?["charge_yuan"] as? String == "200.00", "its own researcher")

    // Provider and customer sides agree for each pair of units.
    let customer = try network.json("复旦大学", side: "--as-customer")
    #expect(
      statementParts(customer).bookings
        == Set(["c", "f", "g"].compactMap { ids[$0].map(Int.init) }),
      "g (00:00 CST on 1 December) is December's; h (23:00 on 30 November) is not")
    let zhejiangProvider = try network.json("浙江大学")
    let zhejiangCustomer = try network.json("浙江大学", side: "--as-customer")
    for key in ["bookings", "charge_yuan", "voucher_share_yuan", "owed_yuan", "seconds"] {
      let owedToZhejiang = statementParts(customer).subtotals["浙江大学"]?[key]
      let owedByFudan = statementParts(zhejiangProvider).subtotals["复旦大学"]?[key]
      #expect(same(owedToZhejiang, owedByFudan), "\(key): \(String(describing: owedToZhejiang))")
      let owedToFudan = statementParts(zhejiangCustomer).subtotals["复旦大学"]?[key]
      let owedByZhejiang = statementParts(provider).subtotals["浙江大学"]?[key]
      #expect(same(owedToFudan, owedByZhejiang), "\(key): \(String(describing: owedToFudan))")
    }
    #expect(statementParts(customer).subtotals["浙江大学"]?["charge_yuan"] as? String == "900.00")

    // The table and the CSV carry the same total; the HTML page says who made it.
    let table = try network.statement("复旦大学", format: "table", as: "wang")
    #expect(table.status == 0, "\(table)")
    #expect(table.stdout.contains("1,400.00") && table.stdout.contains("generated at "))
    let csv = try network.statement("复旦大学", format: "csv", as: "wang")
    #expect(csv.stdout.hasPrefix("\u{FEFF}row,customer_unit,"), "\(csv)")
    let csvRows = try parseCSV(String(csv.stdout.dropFirst()))
    #expect(csvRows.last?.first == "total" && csvRows.last?[8] == "1400.00", "\(csvRows)")
    let html = try network.statement("复旦大学", format: "html", as: "wang")
    #expect(html.stdout.contains("generated at ") && html.stdout.contains(" by wang"))
    #expect(!html.stdout.contains("<script") && !html.stdout.contains("src="))
  }

  @Test(
    "only the unit's managers, auditors covering it and admins may read it",
    arguments: [false, true])
  func permissions(throughServer: Bool) throws {
    let network = try StatementNetwork(remote: throughServer)
    for login in ["li", "audit.zj", "zhang", "qian"] {
      let refused = try network.statement("复旦大学", format: "csv", as: login)
      #expect(refused.status == 77, "\(login): \(refused)")
      #expect(refused.stdout.isEmpty, "\(login)")
      #expect(refused.stderr.contains("may not see the statements of 复旦大学"), "\(refused)")
    }
    for login in ["wang", "audit.sh", "admin"] {
      let allowed = try network.statement("复旦大学", format: "csv", as: login)
      #expect(allowed.status == 0, "\(login): \(allowed)")
    }
    #expect(try network.statement("浙江大学", format: "csv", as: "audit.zj").status == 0)
    let badMonth = try network.vouchers.run(
      ["statement", "--unit", "复旦大学", "--month", "2026-13"], as: "wang")
    #expect(badMonth.status == 65, "\(badMonth)")
    let noSuchUnit = try network.statement("没有的大学", as: "wang")
    #expect(noSuchUnit.status == 66, "\(noSuchUnit)")
    let listing = try network.vouchers.run(["unit", "list", "--format", "xlsx"])
    #expect(listing.status == 65, "xlsx is the statement's only: \(listing)")
  }

  @Test(
    "the xlsx workbook reads back in openpyxl: numbers, dates and Chinese intact",
    arguments: [false, true])
  func workbook(throughServer: Bool) throws {
    let network = try StatementNetwork(remote: throughServer)
    let folder = network.vouchers.booking.network.database.folder
    let path = folder.appendingPathComponent("结算单.xlsx").path
    let written = try network.statement(
      "复旦大学", format: "xlsx", as: "wang", extra: ["--output", path])
    #expect(written.status == 0, "\(written)")
    #expect(written.stdout.isEmpty)
    let script = """
      import datetime, json, sys, openpyxl
      sheet = openpyxl.load_workbook(sys.argv[1]).active
      rows = list(sheet.iter_rows(values_only=True))
      header = next(i for i, r in enumerate(rows) if r[0] == 'Customer unit')
      lines = [r for r in rows[header + 1:] if isinstance(r[1], int)]
      money = lambda v: type(v).__name__
      text = lambda v: '%.2f' % v
      total = [r for r in rows if r[1] == 'total'][0]
      print(json.dumps({
        'title': rows[0][0],
        'generated': rows[2][0],
        'units': sorted({r[0] for r in lines}),
        'booking_types': sorted({type(r[1]).__name__ for r in lines}),
        'start_types': sorted({type(r[4]).__name__ for r in lines}),
        'money_types': sorted({money(v) for r in lines for v in (r[5], r[7], r[8], r[9])}),
        'first_start': min(r[4] for r in lines).isoformat(),
        'charges': [text(v) for v in sorted(r[7] for r in lines)],
        'total': [text(total[7]), text(total[8]), text(total[9])],
        'date_format': sheet.cell(row=header + 2, column=5).number_format,
        'money_format': sheet.cell(row=header + 2, column=8).number_format,
      }, ensure_ascii=False))
      """
    if !throughServer {
      // Piped standard output carries the same workbook, byte for byte.
      let piped = try rawStandardOutput(
        [
          "--database", network.vouchers.booking.network.database.url, "--as", "wang",
          "statement", "--unit", "复旦大学", "--month", StatementNetwork.month, "--format", "xlsx",
        ], now: StatementNetwork.settled)
      #expect(piped.starts(with: Array("PK".utf8)), "a ZIP archive")
      #expect(piped == (try Data(contentsOf: URL(fileURLWithPath: path))))
    }
    let read = try python(script, [path])
    let json = try #require(try JSONSerialization.jsonObject(with: read) as? [String: Any])
    #expect((json["title"] as? String)?.contains("复旦大学") == true, "\(json)")
    #expect((json["generated"] as? String)?.hasSuffix("by wang") == true, "\(json)")
    #expect(
      (json["units"] as? [String]).map(Set.init) == ["复旦大学", "嘉兴光电科技有限公司", "浙江大学"], "\(json)")
    #expect(json["booking_types"] as? [String] == ["int"], "\(json)")
    #expect(json["start_types"] as? [String] == ["datetime"], "\(json)")
    #expect(
      (json["money_types"] as? [String]).map { Set($0).isSubset(of: ["float", "int"]) } == true,
      "numbers, not text: \(json)")
    #expect(json["first_start"] as? String == "2026-12-08T09:00:00", "local time: \(json)")
    #expect(json["charges"] as? [String] == ["200.00", "200.00", "400.00", "600.00"], "\(json)")
    #expect(json["total"] as? [String] == ["1400.00", "300.00", "1100.00"], "\(json)")
    #expect(json["date_format"] as? String == "yyyy-mm-dd hh:mm", "\(json)")
    #expect(json["money_format"] as? String == "#,##0.00", "\(json)")
  }

  @Test("GET /units/{id}/statement answers each format with its content type, and refuses")
  func endpoint() throws {
    let network = try StatementNetwork(remote: false)
    let cli = network.vouchers.booking.network
    for login in ["wang", "li"] {
      let set = try cli.runLocally(
        ["account", "password", login], as: cli.admin, input: "\(login)-secret-password\n")
      guard set.status == 0 else { throw Failure("password for \(login): \(set)") }
    }
    let server = try LiveServer(database: cli.database, now: StatementNetwork.settled)
    defer { _ = server.stop() }
    let base = ServerTests()
    let wang = try base.signIn(server, "wang")
    let li = try base.signIn(server, "li")
    let path = "/api/v1/units/1/statement?month=2026-12"
    let json = try server.request("GET", path + "&format=json", token: wang)
    #expect(json.status == 200, "\(json)")
    #expect((json.json["total"] as? [String: Any])?["owed_yuan"] as? String == "1100.00")
    #expect(json.json["generated_by"] as? String == "wang")
    let customer = try server.request("GET", path + "&side=customer&format=json", token: wang)
    #expect((customer.json["total"] as? [String: Any])?["charge_yuan"] as? String == "1100.00")
    for (format, type) in [
      ("csv", "text/csv"), ("html", "text/html"), ("table", "text/plain"),
      ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ] {
      let reply = try server.request("GET", path + "&format=\(format)", token: wang)
      #expect(reply.status == 200, "\(format): \(reply)")
      #expect(reply.headers.lowercased().contains("content-type: \(type)"), "\(reply.headers)")
    }
    let csv = try server.request("GET", path, token: wang)
    #expect(csv.headers.lowercased().contains("content-type: text/csv"), "csv by default")
    let workbook = try server.request("GET", path + "&format=xlsx", token: wang)
    #expect(workbook.body.hasPrefix("PK"), "a ZIP archive")
    #expect(try server.request("GET", path, token: li).status == 403)
    #expect(try server.request("GET", path).status == 401)
    #expect(try server.request("GET", "/api/v1/units/1/statement", token: wang).status == 400)
    #expect(try server.request("GET", path + "&side=both", token: wang).status == 400)
    #expect(try server.request("GET", path + "&format=pdf", token: wang).status == 400)
    let unknown = try server.request("GET", "/api/v1/units/99/statement?month=2026-12", token: wang)
    #expect(unknown.status == 404, "\(unknown)")
  }
}

/// The binary's standard output as bytes, written to a file (not a terminal).
func rawStandardOutput(_ arguments: [String], now: String) throws -> Data {
  let process = Process()
  process.executableURL = LabNetProcess.binary
  process.arguments = arguments
  var environment = ProcessInfo.processInfo.environment
  environment["LABNET_NOW"] = now
  process.environment = environment
  let out = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
  _ = FileManager.default.createFile(atPath: out.path, contents: nil)
  defer { try? FileManager.default.removeItem(at: out) }
  process.standardOutput = try FileHandle(forWritingTo: out)
  process.standardError = FileHandle.nullDevice
  process.standardInput = FileHandle.nullDevice
  try process.run()
  process.waitUntilExit()
  guard process.terminationStatus == 0 else {
    throw Failure("labnet \(arguments) exited \(process.terminationStatus)")
  }
  return try Data(contentsOf: out)
}
