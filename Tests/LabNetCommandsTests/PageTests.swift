import Foundation
import LabNetTestSupport
import Testing

/// The web pages of `labnet serve`: each role's main task in real headless
/// Chromium (Tests/browser/pages.py, Selenium), every step checked on the
/// page there and in the store here; the form token, the headers and the
/// escaping over plain HTTP.
@Suite("Web pages", .serialized)
struct PageTests {
  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let script = repository.appendingPathComponent("Tests/browser/pages.py")

  static let hostileUnit = "<script>alert(1)</script>研究所"
  static let hostileInstrument = "\"><img src=x onerror=alert(1)>质谱仪"
  static let hostilePurpose = "<script>alert('purpose')</script>样品"
  static let secretPurpose = "机密课题甲"

  /// The network the pages are driven over, its clock the day before the
  /// server's: 复旦大学 (manager wang, researcher li) with a flagship TEM (1,
  /// approval needed) and a 24/7 instrument with a hostile name (2); an
  /// enterprise of Zhejiang (researcher qian) holding a voucher; a unit with
  /// a hostile name; an auditor of Shanghai. li's bookings: one taken slot,
  /// two pending on the TEM, two this morning to record and to mark.
  struct Scene {
    var network: CLINetwork
    var voucher: String
    var bookings: [String: Int] = [:]
  }

  static let setupNow = "2026-12-06 08:00"
  static let serverNow = "2026-12-07 08:00"

  func scene() throws -> Scene {
    var network = try CLINetwork()
    network.environment["LABNET_NOW"] = Self.setupNow
    func run(_ arguments: [String], as login: String) throws -> Outcome {
      let outcome = try network.run(arguments, as: login)
      guard outcome.status == 0 else { throw Failure("\(arguments): \(outcome)") }
      return outcome
    }
    for step in [
      [
        "unit", "add", "--name", "嘉兴光电科技有限公司", "--province", "ZJ", "--city", "嘉兴", "--kind",
        "enterprise",
      ],
      [
        "unit", "add", "--name", Self.hostileUnit, "--province", "SH", "--city", "上海", "--kind",
        "institute",
      ],
      ["account", "add", "li", "--name", "李娜", "--role", "researcher", "--unit", "复旦大学"],
      ["account", "add", "qian", "--name", "钱敏", "--role", "researcher", "--unit", "嘉兴光电科技有限公司"],
      ["account", "add", "audit", "--name", "上海审计", "--role", "auditor", "--province", "SH"],
      [
        "account", "add", "hostile", "--name", "<b>管理员</b>", "--role", "manager", "--unit",
        Self.hostileUnit,
      ],
    ] {
      _ = try run(step, as: network.admin)
    }
    for login in ["li", "wang", "qian", "audit", network.admin] {
      let set = try LabNetProcess.run(
        ["--database", network.database.url, "--as", network.admin, "account", "password", login],
        input: "\(login)-secret-password\n")
      guard set.status == 0 else { throw Failure("password for \(login): \(set)") }
    }
    _ = try run(
      [
        "instrument", "register", "--unit", "复旦大学", "--name", Self.hostileInstrument, "--category",
        "analytical", "--value", "900000", "--rate", "300", "--hours", "24/7",
      ], as: "wang")
    _ = try run(
      [
        "instrument", "register", "--unit", Self.hostileUnit, "--name", "核磁共振波谱仪", "--category",
        "analytical", "--value", "3000000", "--rate", "500",
      ], as: "hostile")
    let issued = try run(
      [
        "voucher", "issue", "--holder", "嘉兴光电科技有限公司", "--amount", "20000", "--expires",
        "2027-06-30", "--format", "json",
      ], as: network.admin)
    let voucher = try #require(
      (try JSONSerialization.jsonObject(with: Data(issued.stdout.utf8)) as? [String: Any])?["code"]
        as? String)
    var scene = Scene(network: network, voucher: voucher)
    for (name, instrument, from, to, purpose) in [
      ("taken", "2", "2026-12-09 14:00", "2026-12-09 16:00", Self.secretPurpose),
      ("approve", "1", "2026-12-10 09:00", "2026-12-10 11:00", "电镜表征"),
      ("reject", "1", "2026-12-11 09:00", "2026-12-11 11:00", Self.hostilePurpose),
      ("complete", "2", "2026-12-07 06:00", "2026-12-07 07:00", "测试"),
      ("no_show", "2", "2026-12-07 04:00", "2026-12-07 05:00", "测试"),
    ] {
      let booked = try run(
        [
          "book", instrument, "--from", from, "--to", to, "--purpose", purpose, "--format", "json",
        ], as: "li")
      let record =
        try JSONSerialization.jsonObject(with: Data(booked.stdout.utf8)) as? [String: Any]
      scene.bookings[name] = try #require(record?["id"] as? Int, "\(booked)")
    }
    return scene
  }

  func booking(_ id: Int, in network: CLINetwork) throws -> [String: Any] {
    let shown = try network.run(
      ["booking", "show", String(id), "--format", "json"], as: network.admin)
    return try #require(
      try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any],
      "\(shown)")
  }

  /// Runs Tests/browser/pages.py with `input` as JSON; its JSON answer.
  func browser(_ input: [String: Any]) throws -> [String: Any] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", Self.script.path]
    let stdin = Pipe()
    let output = Pipe()
    let errors = FileManager.default.temporaryDirectory.appendingPathComponent(
      "labnet-browser-\(UUID().uuidString).log")
    _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errors) }
    process.standardInput = stdin
    process.standardOutput = output
    process.standardError = try FileHandle(forWritingTo: errors)
    try process.run()
    stdin.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: input))
    try stdin.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let problem = String(decoding: (try? Data(contentsOf: errors)) ?? Data(), as: UTF8.self)
    guard process.terminationStatus == 0 else {
      throw Failure("the browser test failed (\(TestDatabase.backend)):\n\(problem)")
    }
    return try #require(
      try JSONSerialization.jsonObject(with: data) as? [String: Any],
      "no JSON from the browser test: \(String(decoding: data, as: UTF8.self))\n\(problem)")
  }

  @Test("a researcher, a manager and an auditor each do their job in Chromium")
  func roles() throws {
    let scene = try scene()
    let network = scene.network
    let server = try LiveServer(database: network.database, now: Self.serverNow)
    defer { _ = server.stop() }
    let ids = scene.bookings
    let made = try browser([
      "url": server.url,
      "passwords": Dictionary(
        uniqueKeysWithValues: ["li", "wang", "qian", "audit"].map { ($0, "\($0)-secret-password") }),
      "researcher": "qian", "manager": "wang", "auditor": "audit",
      "open_instrument": 2, "open_name": Self.hostileInstrument, "hostile_unit": Self.hostileUnit,
      "hostile_purpose": Self.hostilePurpose, "voucher": scene.voucher, "week": "2026-12-07",
      "taken_cell": "2026-12-09 14:00", "taken_from": "2026-12-09T14:00",
      "taken_to": "2026-12-09T16:00", "free_cell": "2026-12-09 10:00",
      "move_day": "2026-12-09", "move_to_day": "2026-12-10",
      "never_shown": ["李娜", Self.secretPurpose],
      "approve": ids["approve"]!, "reject": ids["reject"]!, "reject_reason": "设备调试中，请改约",
      "complete": ids["complete"]!, "no_show": ids["no_show"]!,
      "used_from": "2026-12-07T06:10", "used_to": "2026-12-07T06:50",
      "block_from": "2026-12-10T13:00", "block_to": "2026-12-10T15:00",
    ])

    // The store agrees with what the pages showed.
    let booked = try booking(try #require(made["booked"] as? Int), in: network)
    #expect(booked["status"] as? String == "cancelled", "\(booked)")
    #expect(booked["booker"] as? String == "qian")
    // Booked at 10:00 on the 9th, moved on /bookings to the same hours of the 10th.
    #expect(booked["start"] as? String == "2026-12-10T10:00:00+08:00")
    #expect(booked["purpose"] as? String == Self.hostilePurpose, "typed text is stored as typed")
    let voucher = try network.run(
      ["voucher", "show", scene.voucher, "--format", "json"], as: network.admin)
    let statement =
      try JSONSerialization.jsonObject(with: Data(voucher.stdout.utf8)) as? [String: Any]
    let ledger = statement?["ledger"] as? [[String: Any]] ?? []
    #expect(ledger.map { $0["kind"] as? String } == ["issue", "redeem", "refund"], "\(voucher)")
    #expect(statement?["balance_yuan"] as? String == "20000.00", "the cancellation refunded it")
    #expect((made["paid_yuan"] as? String).map { $0 != "0.00" } == true)

    let approved = try booking(ids["approve"]!, in: network)
    #expect(approved["status"] as? String == "confirmed")
    #expect(approved["approved_by"] as? String == "wang")
    let rejected = try booking(ids["reject"]!, in: network)
    #expect(rejected["status"] as? String == "rejected")
    #expect(rejected["status_reason"] as? String == "设备调试中，请改约")
    let completed = try booking(ids["complete"]!, in: network)
    #expect(completed["status"] as? String == "completed")
    #expect(completed["used_from"] as? String == "2026-12-07T06:10:00+08:00")
    #expect(completed["used_to"] as? String == "2026-12-07T06:50:00+08:00")
    #expect(try booking(ids["no_show"]!, in: network)["status"] as? String == "no_show")
    let blocks = try network.run(["instrument", "blocks", "2", "--format", "json"])
    #expect(
      blocks.status == 0 && blocks.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]",
      "the block added on /manage was removed there: \(blocks)")
    let taken = try booking(ids["taken"]!, in: network)
    #expect(taken["status"] as? String == "confirmed", "the refused booking changed nothing")
    #expect((made["refusal"] as? String)?.contains("taken") == true)
    // The booker of the rejected booking reads why on /bookings: the outbox's message.
    let li = try ServerTests().signIn(server, "li")
    let mine = try server.request(
      "GET", "/bookings", extra: ["-H", "Cookie: labnet_session=\(li)"])
    #expect(mine.status == 200 && mine.body.contains("id=\"notices\""), "\(mine.status)")
    #expect(mine.body.contains("data-kind=\"booking_rejected\""))
    #expect(mine.body.contains("设备调试中，请改约"))

    // The CSV the auditor downloaded is the export's own.
    let export = try network.run(
      ["export", "usage", "--by", "unit", "--format", "json"], as: "audit", now: Self.serverNow)
    let report = try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [String: Any]
    let total = (report?["total"] as? [String: Any])?["bookings"] as? Int
    #expect(total != nil && made["csv_bookings"] as? Int == total, "\(made) vs \(export)")
  }

  @Test("a form post without its token is refused (403) and changes nothing")
  func formToken() throws {
    let scene = try scene()
    let server = try LiveServer(database: scene.network.database, now: Self.serverNow)
    defer { _ = server.stop() }
    let session = try ServerTests().signIn(server, "qian")
    let token = String(repeating: "ab", count: 32)
    let form = "from=2026-12-09T10:00&to=2026-12-09T11:00"
    for (cookies, body, expected) in [
      ("labnet_session=\(session)", form, 403),
      ("labnet_session=\(session); labnet_csrf=\(token)", form, 403),
      (
        "labnet_session=\(session); labnet_csrf=\(token)", form + "&csrf=" + token.uppercased(), 403
      ),
      ("labnet_session=\(session); labnet_csrf=\(token)", form + "&csrf=" + token, 303),
    ] {
      let reply = try server.request(
        "POST", "/instruments/2/book", body: body, type: "application/x-www-form-urlencoded",
        extra: ["-H", "Cookie: \(cookies)"])
      #expect(reply.status == expected, "\(cookies) \(body): \(reply)")
      if expected == 403 { #expect(reply.body.contains("security token"), "\(reply.body)") }
    }
    let mine = try scene.network.run(["booking", "list", "--mine", "--format", "json"], as: "qian")
    let rows = try JSONSerialization.jsonObject(with: Data(mine.stdout.utf8)) as? [[String: Any]]
    #expect(rows?.count == 1, "only the post with its token booked: \(mine)")
  }

  @Test("every page sends the security headers and shows typed values as text")
  func headersAndEscaping() throws {
    let scene = try scene()
    let server = try LiveServer(database: scene.network.database, now: Self.serverNow)
    defer { _ = server.stop() }
    let session = try ServerTests().signIn(server, "wang")
    for path in ["/", "/instruments/2", "/login", "/manage", "/api/v1/instruments/2"] {
      let reply = try server.request(
        "GET", path, extra: ["-H", "Cookie: labnet_session=\(session)"])
      #expect(reply.status == 200, "\(path): \(reply)")
      let headers = reply.headers.lowercased()
      for header in [
        "content-security-policy: default-src 'self'; frame-ancestors 'none'",
        "x-content-type-options: nosniff", "referrer-policy: same-origin",
      ] {
        #expect(headers.contains(header), "\(path) lacks \(header)")
      }
      guard !path.hasPrefix("/api/") else { continue }
      #expect(!reply.body.contains("<script"), "\(path) holds a script element")
      #expect(!reply.body.contains("<img"), "\(path) holds an img element")
    }
    let search = try server.request("GET", "/?province=SH&category=analytical")
    #expect(search.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;研究所"), "\(search.body)")
    let instrument = try server.request("GET", "/instruments/2")
    #expect(instrument.body.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;质谱仪"))
    let manage = try server.request(
      "GET", "/manage", extra: ["-H", "Cookie: labnet_session=\(session)"])
    #expect(manage.body.contains("&lt;script&gt;alert(&#39;purpose&#39;)&lt;/script&gt;样品"))
    // Anonymous: the grid shows taken time, never whose, nor the purpose.
    #expect(instrument.body.contains("data-state=\"taken\""))
    #expect(!instrument.body.contains("李娜") && !instrument.body.contains(Self.secretPurpose))
    // Signing in is needed for /bookings; sign-in never sends people elsewhere.
    let bookings = try server.request("GET", "/bookings")
    #expect(bookings.status == 303 && bookings.headers.contains("Location: /login?next=/bookings"))
    let login = try server.request("GET", "/login?next=//evil.example/")
    #expect(login.body.contains("name=\"next\" value=\"/\""), "an outside next is dropped")
  }

  @Test("an issuer issues a voucher on /vouchers; its holder sees it and its ledger there")
  func issueVoucher() throws {
    let scene = try scene()
    let network = scene.network
    let server = try LiveServer(database: network.database, now: Self.serverNow)
    defer { _ = server.stop() }
    let token = String(repeating: "cd", count: 32)
    let admin = try ServerTests().signIn(server, network.admin)
    let issued = try server.request(
      "POST", "/vouchers/issue",
      body:
        "csrf=\(token)&holder=%E5%98%89%E5%85%B4%E5%85%89%E7%94%B5%E7%A7%91%E6%8A%80%E6%9C%89%E9%99%90%E5%85%AC%E5%8F%B8&amount=5000&expires=2027-03-31",
      type: "application/x-www-form-urlencoded",
      extra: ["-H", "Cookie: labnet_session=\(admin); labnet_csrf=\(token)"])
    #expect(issued.status == 303, "\(issued)")
    let location = issued.headers.split(separator: "\r\n").first { $0.hasPrefix("Location: ") }
    let code = try #require(location?.split(separator: "code=").last.map(String.init), "\(issued)")
    let shown = try network.run(["voucher", "show", code, "--format", "json"], as: network.admin)
    let record = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any]
    #expect(record?["face_value_yuan"] as? String == "5000.00", "\(shown)")
    #expect(record?["holder"] as? String == "嘉兴光电科技有限公司")
    let qian = try ServerTests().signIn(server, "qian")
    let page = try server.request(
      "GET", "/vouchers?code=\(code)", extra: ["-H", "Cookie: labnet_session=\(qian)"])
    #expect(page.status == 200 && page.body.contains("id=\"ledger\""), "\(page)")
    #expect(page.body.contains(code) && page.body.contains("5,000.00"), "\(page.body)")
    // A researcher may not issue: the service's refusal, with the API's status.
    let refused = try server.request(
      "POST", "/vouchers/issue",
      body: "csrf=\(token)&holder=1&amount=5000&expires=2027-03-31",
      type: "application/x-www-form-urlencoded",
      extra: ["-H", "Cookie: labnet_session=\(qian); labnet_csrf=\(token)"])
    #expect(refused.status == 403 && refused.body.contains("class=\"error\""), "\(refused)")
  }

  @Test(
    "a researcher joins a waitlist on the instrument page, sees it and a qualification on /bookings, and leaves"
  )
  func waitlistOnThePages() throws {
    let scene = try scene()
    let network = scene.network
    #expect(
      try network.run(["qualification", "grant", "qian", "--instrument", "1"], as: "wang").status
        == 0)
    let server = try LiveServer(database: network.database, now: Self.serverNow)
    defer { _ = server.stop() }
    let session = try ServerTests().signIn(server, "qian")
    let token = String(repeating: "cd", count: 32)
    let cookies = ["-H", "Cookie: labnet_session=\(session); labnet_csrf=\(token)"]
    let instrument = try server.request("GET", "/instruments/2", extra: cookies)
    #expect(instrument.body.contains("id=\"waitlist-form\""), "\(instrument.status)")
    // 14:00–16:00 on the 9th is li's: nothing fits, so qian waits.
    let joined = try server.request(
      "POST", "/instruments/2/waitlist",
      body: "csrf=\(token)&from=2026-12-09T14:00&to=2026-12-09T16:00&duration=1h",
      type: "application/x-www-form-urlencoded", extra: cookies)
    #expect(joined.status == 303, "\(joined)")
    let location = joined.headers.split(separator: "\r\n").first { $0.hasPrefix("Location: ") }
    let entry = try #require(location?.split(separator: "id=").last.map(String.init), "\(joined)")
    let free = try server.request(
      "POST", "/instruments/2/waitlist",
      body: "csrf=\(token)&from=2026-12-09T08:00&to=2026-12-09T12:00&duration=1h",
      type: "application/x-www-form-urlencoded", extra: cookies)
    #expect(free.status == 409 && free.body.contains("book it instead"), "\(free.status)")

    let mine = try server.request("GET", "/bookings", extra: cookies)
    #expect(mine.body.contains("data-entry=\"\(entry)\" data-status=\"waiting\""), "\(mine.body)")
    #expect(
      mine.body.contains("id=\"qualifications\"") && mine.body.contains("data-state=\"valid\""))
    let left = try server.request(
      "POST", "/waitlist/\(entry)/leave", body: "csrf=\(token)",
      type: "application/x-www-form-urlencoded", extra: cookies)
    #expect(left.status == 303, "\(left)")
    let listed = try network.run(["waitlist", "list", "--format", "json"], as: "qian")
    let rows = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]]
    #expect(rows?.first?["status"] as? String == "left", "\(listed)")
  }

  @Test(
    "a manager grants and revokes a qualification on /manage; a researcher books a weekly series on the booking form"
  )
  func qualificationAndSeriesOnThePages() throws {
    let scene = try scene()
    let network = scene.network
    let server = try LiveServer(database: network.database, now: Self.serverNow)
    defer { _ = server.stop() }
    let token = String(repeating: "ef", count: 32)
    func cookies(_ login: String) throws -> [String] {
      [
        "-H",
        "Cookie: labnet_session=\(try ServerTests().signIn(server, login)); labnet_csrf=\(token)",
      ]
    }
    let wang = try cookies("wang")
    let manage = try server.request("GET", "/manage", extra: wang)
    #expect(manage.body.contains("id=\"grant-form\""), "\(manage.status)")
    let granted = try server.request(
      "POST", "/manage/qualifications",
      body: "csrf=\(token)&login=qian&instrument=1&expires=2027-06-30&action=grant",
      type: "application/x-www-form-urlencoded", extra: wang)
    #expect(granted.status == 303, "\(granted)")
    let listed = try network.run(
      ["qualification", "list", "--login", "qian", "--format", "json"], as: "wang")
    let rows = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]]
    #expect(rows?.first?["expires_at"] as? String == "2027-07-01T00:00:00+08:00", "\(listed)")
    let revoked = try server.request(
      "POST", "/manage/qualifications", body: "csrf=\(token)&login=qian&instrument=1&action=revoke",
      type: "application/x-www-form-urlencoded", extra: wang)
    #expect(revoked.status == 303, "\(revoked)")
    let after = try network.run(
      ["qualification", "list", "--login", "qian", "--format", "json"], as: "wang")
    #expect(after.stdout.contains("\"state\": \"revoked\""), "\(after)")

    // Instrument 2 is open 24/7: three Tuesdays at 09:00, one booking each.
    let qian = try cookies("qian")
    let series = try server.request(
      "POST", "/instruments/2/book",
      body:
        "csrf=\(token)&from=2026-12-08T09:00&to=2026-12-08T10:00&purpose=&voucher=&repeat=weekly&count=3",
      type: "application/x-www-form-urlencoded", extra: qian)
    #expect(series.status == 303, "\(series)")
    let mine = try network.run(
      ["booking", "list", "--mine", "--instrument", "2", "--format", "json"], as: "qian")
    let starts =
      (try JSONSerialization.jsonObject(with: Data(mine.stdout.utf8)) as? [[String: Any]])?
      .compactMap { $0["start"] as? String }
    #expect(
      starts == [
        "2026-12-08T09:00:00+08:00", "2026-12-15T09:00:00+08:00", "2026-12-22T09:00:00+08:00",
      ], "\(mine)")
  }
}
