import Foundation
import LabNetTestSupport
import Testing

/// The API's endpoints beyond booking: each one's success and refusals,
/// against a real `labnet serve`.
@Suite("labnet serve: catalogue, instruments, blocks, accounts, feeds, retries", .serialized)
struct ServerEndpointTests {
  let base = ServerTests()

  /// ServerTests' network, with passwords for the admin and a Zhejiang issuer too.
  func network() throws -> CLINetwork {
    let network = try base.network()
    let issuer = try network.run(
      ["account", "add", "zjissuer", "--name", "浙江券", "--role", "issuer", "--province", "ZJ"],
      as: network.admin)
    guard issuer.status == 0 else { throw Failure("\(issuer)") }
    for login in [network.admin, "zjissuer"] {
      let set = try LabNetProcess.run(
        ["--database", network.database.url, "--as", network.admin, "account", "password", login],
        input: "\(login)-secret-password\n")
      guard set.status == 0 else { throw Failure("password for \(login): \(set)") }
    }
    return network
  }

  func items(_ reply: LiveServer.Reply) -> [[String: Any]] {
    reply.json["items"] as? [[String: Any]] ?? []
  }

  /// Every item of a list, page by page, following next_cursor.
  func allPages(_ server: LiveServer, _ path: String, token: String? = nil) throws -> (
    [[String: Any]], pages: Int
  ) {
    var all: [[String: Any]] = []
    var cursor: String?
    var pages = 0
    repeat {
      let separator = path.contains("?") ? "&" : "?"
      let reply = try server.request(
        "GET", path + (cursor.map { "\(separator)cursor=\($0)" } ?? ""), token: token)
      guard reply.status == 200 else { throw Failure("\(reply)") }
      all += items(reply)
      cursor = reply.json["next_cursor"] as? String
      pages += 1
    } while cursor != nil && pages < 100
    return (all, pages)
  }

  @Test("stats, units and instruments, page by page with cursors")
  func catalogue() throws {
    let network = try network()
    let server = try LiveServer(database: network.database)
    defer { _ = server.stop() }
    let stats = try server.request("GET", "/api/v1/network/stats")
    #expect(stats.status == 200 && stats.json["instruments"] as? Int == 2, "\(stats)")
    #expect((stats.json["by_province"] as? [Any])?.isEmpty == false)

    let everyUnit = try server.request("GET", "/api/v1/units")
    let (paged, pages) = try allPages(server, "/api/v1/units?limit=1")
    #expect(pages == items(everyUnit).count && pages >= 2, "one unit a page")
    #expect(paged.map { $0["id"] as? Int } == items(everyUnit).map { $0["id"] as? Int })
    let unit = try server.request("GET", "/api/v1/units/1")
    #expect(unit.status == 200 && unit.json["managers"] as? [String] == ["wang"], "\(unit)")
    #expect(try server.request("GET", "/api/v1/units/999").status == 404)

    let (instruments, instrumentPages) = try allPages(server, "/api/v1/instruments?limit=1")
    #expect(instruments.map { $0["id"] as? Int } == [1, 2] && instrumentPages == 2)
    let bad = try server.request("GET", "/api/v1/instruments?cursor=not-a-cursor!")
    #expect(bad.status == 400 && bad.errorCode == "invalid_cursor", "\(bad)")
    let tooMany = try server.request("GET", "/api/v1/instruments?limit=1001")
    #expect(tooMany.status == 400, "\(tooMany)")

    let (from, _) = ServerTests.slot(hour: 0)
    let (_, to) = ServerTests.slot(hour: 22, day: 3)
    // A query string's "+" means a space: clients send the offset as %2B.
    let query = "from=\(from)&to=\(to)".replacingOccurrences(of: "+", with: "%2B")
    let search = try server.request(
      "GET", "/api/v1/availability/search?\(query)&duration=3h&search=%E8%B4%A8%E8%B0%B1")
    #expect(search.status == 200, "\(search)")
    #expect(items(search).map { $0["id"] as? Int } == [2], "\(search)")
    #expect(items(search).first?["free_from"] as? String == from)
    let noDuration = try server.request(
      "GET", "/api/v1/availability/search?\(query)")
    #expect(noDuration.status == 400, "\(noDuration)")
  }

  @Test("a unit's manager registers, changes, imports and retires instruments; others may not")
  func instruments() throws {
    let network = try network()
    let server = try LiveServer(database: network.database)
    defer { _ = server.stop() }
    let wang = try base.signIn(server, "wang")
    let li = try base.signIn(server, "li")
    let draft =
      #"{"unit_id":1,"name":"拉曼光谱仪","category":"analytical","value_yuan":"650000","rate_yuan_per_hour":"180.50","opening_hours":"Mon-Fri 08:00-18:00","shared":true}"#
    #expect(try server.request("POST", "/api/v1/instruments", body: draft).status == 401)
    #expect(try server.request("POST", "/api/v1/instruments", token: li, body: draft).status == 403)
    let made = try server.request("POST", "/api/v1/instruments", token: wang, body: draft)
    #expect(made.status == 201 && made.json["rate_yuan_per_hour"] as? String == "180.50", "\(made)")
    let id = try #require(made.json["id"] as? Int)
    let badShared = try server.request(
      "POST", "/api/v1/instruments", token: wang,
      body: draft.replacingOccurrences(of: #""shared":true"#, with: #""shared":1"#))
    #expect(badShared.status == 400 && badShared.errorCode == "wrong_type", "\(badShared)")

    let changed = try server.request(
      "PATCH", "/api/v1/instruments/\(id)", token: wang, body: #"{"rate_yuan_per_hour":"200"}"#)
    #expect(changed.status == 200 && changed.json["rate_yuan_per_hour"] as? String == "200.00")
    #expect(changed.json["name"] as? String == "拉曼光谱仪", "other fields stay")
    let notHis = try server.request(
      "PATCH", "/api/v1/instruments/\(id)", token: li, body: #"{"rate_yuan_per_hour":"1"}"#)
    #expect(notHis.status == 403, "\(notHis)")
    let retired = try server.request(
      "PATCH", "/api/v1/instruments/\(id)", token: wang, body: #"{"status":"retired"}"#)
    #expect(retired.status == 200 && retired.json["status"] as? String == "retired", "\(retired)")
    let afterRetired = try server.request(
      "PATCH", "/api/v1/instruments/\(id)", token: wang, body: #"{"name":"新名字"}"#)
    #expect(afterRetired.status == 409, "\(afterRetired)")

    let csv =
      "仪器名称,类别,原值(元),收费标准(元/小时)\n流变仪,physical_property,620000,90\n扫描电镜二号,analytical,800000,200\n"
    let dry = try server.request(
      "POST", "/api/v1/instruments/import?dry_run=true", token: wang, body: csv, type: "text/csv")
    #expect(dry.status == 200 && dry.json["rows"] as? Int == 2, "\(dry)")
    #expect(dry.json["imported"] as? Int == 0)
    let imported = try server.request(
      "POST", "/api/v1/instruments/import", token: wang, body: csv, type: "text/csv")
    #expect(imported.status == 201 && imported.json["imported"] as? Int == 2, "\(imported)")
    let bad = try server.request(
      "POST", "/api/v1/instruments/import", token: wang,
      body: "仪器名称,类别\n流变仪,nonsense\n", type: "text/csv")
    #expect(bad.status == 400 && bad.body.contains("line"), "\(bad)")
    let asJSON = try server.request(
      "POST", "/api/v1/instruments/import", token: wang, body: #"{"rows":[]}"#)
    #expect(asJSON.status == 415, "\(asJSON)")
    let researcher = try server.request(
      "POST", "/api/v1/instruments/import", token: li, body: csv, type: "text/csv")
    #expect(researcher.status == 403, "\(researcher)")
    let listed = try server.request("GET", "/api/v1/instruments?unit=1&limit=100")
    #expect(items(listed).count == 4, "2 before, 2 imported, the retired one left out")
  }

  @Test("maintenance blocks: added by the unit's manager, never overlapping, shown, removed")
  func blocks() throws {
    let network = try network()
    let server = try LiveServer(database: network.database)
    defer { _ = server.stop() }
    let wang = try base.signIn(server, "wang")
    let li = try base.signIn(server, "li")
    let (from, _) = ServerTests.slot(hour: 8)
    let (_, to) = ServerTests.slot(hour: 11)
    let body = #"{"from":"\#(from)","to":"\#(to)","reason":"年度维护"}"#
    #expect(
      try server.request("POST", "/api/v1/instruments/2/blocks", token: li, body: body).status
        == 403)
    let made = try server.request("POST", "/api/v1/instruments/2/blocks", token: wang, body: body)
    #expect(made.status == 201, "\(made)")
    let block = try #require(made.json["id"] as? Int)
    let (overlapFrom, overlapTo) = ServerTests.slot(hour: 10)
    let overlap = try server.request(
      "POST", "/api/v1/instruments/2/blocks", token: wang,
      body: #"{"from":"\#(overlapFrom)","to":"\#(overlapTo)","reason":"again"}"#)
    #expect(overlap.status == 409 && overlap.errorCode == "block_overlap", "\(overlap)")
    #expect(overlap.body.contains("block \(block)"), "the message names the block")

    let listed = try server.request("GET", "/api/v1/instruments/2/blocks")
    #expect(items(listed).map { $0["id"] as? Int } == [block], "\(listed)")
    let shown = try server.request("GET", "/api/v1/instruments/2")
    #expect((shown.json["blocks"] as? [[String: Any]])?.first?["reason"] as? String == "年度维护")
    let booked = try server.request(
      "POST", "/api/v1/bookings", token: li,
      body: #"{"instrument_id":2,"from":"\#(overlapFrom)","to":"\#(overlapTo)"}"#)
    #expect(booked.status == 409, "blocked time cannot be booked: \(booked)")

    #expect(
      try server.request("DELETE", "/api/v1/instruments/2/blocks/\(block)", token: li).status == 403
    )
    let removed = try server.request("DELETE", "/api/v1/instruments/2/blocks/\(block)", token: wang)
    #expect(removed.status == 200, "\(removed)")
    #expect(items(try server.request("GET", "/api/v1/instruments/2/blocks")).isEmpty)
    let gone = try server.request("DELETE", "/api/v1/instruments/2/blocks/\(block)", token: wang)
    #expect(gone.status == 404, "\(gone)")
    let free = try server.request(
      "POST", "/api/v1/bookings", token: li,
      body: #"{"instrument_id":2,"from":"\#(overlapFrom)","to":"\#(overlapTo)"}"#)
    #expect(free.status == 201, "its time is free again: \(free)")
  }

  @Test("a retried POST with the same Idempotency-Key returns the first answer and books once")
  func idempotency() throws {
    let network = try network()
    let server = try LiveServer(database: network.database)
    defer { _ = server.stop() }
    let li = try base.signIn(server, "li")
    let (from, to) = ServerTests.slot(hour: 13)
    let body = #"{"instrument_id":2,"from":"\#(from)","to":"\#(to)","purpose":"重试"}"#
    let key = ["-H", "Idempotency-Key: 5b0c3c8e-booking-1"]
    let first = try server.request("POST", "/api/v1/bookings", token: li, body: body, extra: key)
    let second = try server.request("POST", "/api/v1/bookings", token: li, body: body, extra: key)
    #expect(first.status == 201 && second.status == 201, "\(first)\n\(second)")
    #expect(first.body == second.body, "the same answer")
    #expect(second.headers.lowercased().contains("idempotent-replayed: true"), "\(second.headers)")
    #expect(!first.headers.lowercased().contains("idempotent-replayed"))
    #expect(
      try network.database.scalar("SELECT count(*) FROM reservation WHERE purpose = '重试'") == 1)
    let other = try server.request(
      "POST", "/api/v1/bookings", token: li,
      body: body.replacingOccurrences(of: "重试", with: "别的"), extra: key)
    #expect(other.status == 409 && other.errorCode == "idempotency_key_reused", "\(other)")
    let fresh = try server.request(
      "POST", "/api/v1/bookings", token: li, body: body, extra: ["-H", "Idempotency-Key: another"])
    #expect(fresh.status == 409 && fresh.errorCode == "slot_taken", "a new key is a new request")
    let badKey = try server.request(
      "POST", "/api/v1/bookings", token: li, body: body,
      extra: ["-H", "Idempotency-Key: " + String(repeating: "k", count: 300)])
    #expect(badKey.status == 400, "\(badKey)")
  }

  @Test("the calendar feed: a secret address, live, SEQUENCE on change, renewed and revoked")
  func calendarFeed() throws {
    let network = try network()
    let server = try LiveServer(database: network.database)
    defer { _ = server.stop() }
    let li = try base.signIn(server, "li")
    #expect(try server.request("GET", "/api/v1/me/calendar-token").status == 401)
    let made = try server.request("GET", "/api/v1/me/calendar-token", token: li)
    #expect(made.status == 200, "\(made)")
    let path = try #require(made.json["path"] as? String)
    #expect(
      try server.request("GET", "/api/v1/me/calendar-token", token: li).json["path"] as? String
        == path, "the same until renewed")
    let (from, to) = ServerTests.slot(hour: 15)
    let booked = try server.request(
      "POST", "/api/v1/bookings", token: li,
      body: #"{"instrument_id":2,"from":"\#(from)","to":"\#(to)"}"#)
    let id = try #require(booked.json["id"] as? Int)
    let feed = try server.request("GET", path)
    #expect(feed.status == 200 && feed.headers.contains("text/calendar"), "\(feed)")
    #expect(feed.body.contains("UID:booking-\(id)@"), "\(feed.body)")
    #expect(feed.body.contains("SEQUENCE:1\r\n") && feed.body.contains("STATUS:CONFIRMED"))
    _ = try server.request("POST", "/api/v1/bookings/\(id)/cancel", token: li)
    let after = try server.request("GET", path)
    #expect(after.body.contains("SEQUENCE:2\r\n") && after.body.contains("STATUS:CANCELLED"))

    let renewed = try server.request("POST", "/api/v1/me/calendar-token", token: li)
    #expect(renewed.status == 201, "\(renewed)")
    #expect(try server.request("GET", path).status == 404, "the old address stops working")
    let newPath = try #require(renewed.json["path"] as? String)
    #expect(try server.request("GET", newPath).status == 200)
    #expect(try server.request("DELETE", "/api/v1/me/calendar-token", token: li).status == 204)
    #expect(try server.request("GET", newPath).status == 404)
    #expect(try server.request("GET", "/api/v1/calendar/forged.ics").status == 404)
  }

  @Test("admins list and add accounts and set passwords; an issuer sets its policy")
  func accountsAndPolicies() throws {
    let network = try network()
    let server = try LiveServer(database: network.database)
    defer { _ = server.stop() }
    let admin = try base.signIn(server, network.admin)
    let li = try base.signIn(server, "li")
    #expect(try server.request("GET", "/api/v1/accounts", token: li).status == 403)
    let (accounts, _) = try allPages(server, "/api/v1/accounts?limit=2", token: admin)
    #expect(accounts.contains { $0["login"] as? String == "li" }, "\(accounts)")
    let body =
      #"{"login":"zhou","name":"周明","unit_id":1,"roles":["researcher"],"password":"zhou-first-password"}"#
    #expect(try server.request("POST", "/api/v1/accounts", token: li, body: body).status == 403)
    let added = try server.request("POST", "/api/v1/accounts", token: admin, body: body)
    #expect(added.status == 201 && added.json["roles"] as? [String] == ["researcher"], "\(added)")
    let zhou = try server.request(
      "POST", "/api/v1/session", body: #"{"login":"zhou","password":"zhou-first-password"}"#)
    #expect(zhou.status == 201, "\(zhou)")
    let again = try server.request("POST", "/api/v1/accounts", token: admin, body: body)
    #expect(again.status == 409, "\(again)")
    let badRole = try server.request(
      "POST", "/api/v1/accounts", token: admin,
      body: #"{"login":"x1","name":"X","roles":["king"]}"#)
    #expect(badRole.status == 400, "\(badRole)")
    let set = try server.request(
      "POST", "/api/v1/accounts/zhou/password", token: admin,
      body: #"{"password":"zhou-second-password"}"#)
    #expect(set.status == 200, "\(set)")
    let old = try server.request(
      "POST", "/api/v1/session", body: #"{"login":"zhou","password":"zhou-first-password"}"#)
    #expect(old.status == 401)

    let issuer = try base.signIn(server, "zjissuer")
    let policy = #"{"cover_percent":"40","cap_yuan":"2000","accepted_in":["ZJ","SH"]}"#
    #expect(
      try server.request("PUT", "/api/v1/voucher-policies/ZJ", token: li, body: policy).status
        == 403)
    #expect(
      try server.request("PUT", "/api/v1/voucher-policies/SH", token: issuer, body: policy).status
        == 403)
    let changed = try server.request(
      "PUT", "/api/v1/voucher-policies/ZJ", token: issuer, body: policy)
    #expect(
      changed.status == 200 && changed.json["cover_percent"] as? String == "40%", "\(changed)")
    #expect(changed.json["cap_yuan"] as? String == "2000.00")
    let uncapped = try server.request(
      "PUT", "/api/v1/voucher-policies/ZJ", token: issuer, body: #"{"cap_yuan":null}"#)
    #expect(uncapped.status == 200 && uncapped.json["cover_percent"] as? String == "40%")
    #expect(uncapped.json["cap_yuan"] == nil || uncapped.json["cap_yuan"] is NSNull, "\(uncapped)")
  }
}

extension ServerEndpointTests {
  @Test("the bookings export streams, chunk by chunk, exactly what the CLI exports")
  func streamedExport() throws {
    let database = try TestDatabase()
    let seeded = try LabNetProcess.run([
      "--database", database.url, "--as", "admin", "seed", "--scale", "0.02", "--bookings", "3000",
    ])
    guard seeded.status == 0 else { throw Failure("\(seeded)") }
    let set = try LabNetProcess.run(
      ["--database", database.url, "--as", "admin", "account", "password", "auditor"],
      input: "auditor-secret-password\n")
    guard set.status == 0 else { throw Failure("\(set)") }
    let cli = try LabNetProcess.run([
      "--database", database.url, "--as", "auditor", "export", "bookings", "--format", "csv",
    ])
    #expect(cli.status == 0, "\(cli)")
    let server = try LiveServer(database: database)
    defer { _ = server.stop() }
    let auditor = try base.signIn(server, "auditor")
    let served = try server.request("GET", "/api/v1/exports/bookings", token: auditor)
    #expect(served.status == 200, "\(served.status) \(served.headers)")
    #expect(served.body.utf8.count > 4 << 16, "several chunks: \(served.body.utf8.count) bytes")
    #expect(served.body == cli.stdout, "the same bytes as the CLI")
    let refused = try server.request("GET", "/api/v1/exports/bookings")
    #expect(refused.status == 401 && refused.errorCode == "not_signed_in", "\(refused)")
  }
}
