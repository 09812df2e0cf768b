import Foundation
import LabNetTestSupport
import Testing

/// A real `labnet serve` on a free loopback port, driven over HTTP with curl.
final class LiveServer: @unchecked Sendable {
  let process = Process()
  let url: String
  /// The server's standard error (its access log), a file so that a long
  /// run never blocks the server on a full pipe.
  private let errors: URL

  /// Starts the server on `database` and waits for its "listening on" line;
  /// `now` fixes its clock (LABNET_NOW), else it reads the real one.
  init(database: TestDatabase, now: String? = nil, environment extra: [String: String] = [:]) throws
  {
    process.executableURL = LabNetProcess.binary
    process.arguments = ["--database", database.url, "serve", "--listen", "127.0.0.1:0"]
    var environment = ProcessInfo.processInfo.environment
    environment.removeValue(forKey: "LABNET_NOW")
    if let now { environment["LABNET_NOW"] = now }
    environment.merge(extra) { $1 }
    process.environment = environment
    let output = Pipe()
    errors = FileManager.default.temporaryDirectory.appendingPathComponent(
      "labnet-serve-\(UUID().uuidString).log")
    _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
    process.standardOutput = output
    process.standardError = try FileHandle(forWritingTo: errors)
    try process.run()
    var seen = Data()
    let deadline = Date().addingTimeInterval(20)
    while Date() < deadline {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      seen.append(chunk)
      let text = String(decoding: seen, as: UTF8.self)
      if let range = text.range(of: "listening on ") {
        let rest = text[range.upperBound...]
        url = String(rest.prefix { !$0.isWhitespace })
        return
      }
    }
    process.terminate()
    throw Failure("the server did not start: \(String(decoding: seen, as: UTF8.self))")
  }

  /// Stops it with SIGTERM and returns its exit status and access log.
  func stop() -> (Int32, String) {
    process.terminate()
    process.waitUntilExit()
    return (
      process.terminationStatus,
      String(decoding: (try? Data(contentsOf: errors)) ?? Data(), as: UTF8.self)
    )
  }

  deinit {
    if process.isRunning { process.terminate() }
    try? FileManager.default.removeItem(at: errors)
  }

  struct Reply: CustomStringConvertible {
    var status: Int
    var headers: String
    var body: String
    var json: [String: Any] {
      (try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]) ?? [:]
    }
    var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
    var description: String { "HTTP \(status)\n\(headers)\n\(body)" }
  }

  /// One request with curl; `body` as JSON unless `type` says otherwise.
  func request(
    _ method: String, _ path: String, token: String? = nil, body: String? = nil,
    type: String = "application/json", extra: [String] = []
  ) throws -> Reply {
    let curl = Process()
    curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
    var arguments = ["-s", "-S", "-i", "-X", method, url + path]
    if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
    var file: URL?
    if let body {
      // A large body goes through a file: the argument list has a limit.
      let temporary = FileManager.default.temporaryDirectory.appendingPathComponent(
        "labnet-body-\(UUID().uuidString)")
      try Data(body.utf8).write(to: temporary)
      file = temporary
      arguments += ["-H", "Content-Type: \(type)", "--data-binary", "@" + temporary.path]
    }
    defer { if let file { try? FileManager.default.removeItem(at: file) } }
    curl.arguments = arguments + extra
    let output = Pipe()
    curl.standardOutput = output
    try curl.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    curl.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    let parts = text.components(separatedBy: "\r\n\r\n")
    let head = parts.first ?? ""
    let status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
    return Reply(
      status: status, headers: head, body: parts.dropFirst().joined(separator: "\r\n\r\n"))
  }
}

@Suite("labnet serve over HTTP", .serialized)
struct ServerTests {
  /// A populated network: li (researcher of 复旦大学) and wang (its manager)
  /// with passwords, a 24/7 instrument (2) anyone may book.
  func network() throws -> CLINetwork {
    let network = try CLINetwork()
    for step in [
      ["account", "add", "li", "--name", "李娜", "--role", "researcher", "--unit", "复旦大学"],
      ["account", "add", "chen", "--name", "陈杰", "--role", "researcher", "--unit", "浙江大学"],
      ["account", "add", "audit", "--name", "审计", "--role", "auditor", "--province", "SH"],
    ] {
      let added = try network.run(step, as: network.admin)
      guard added.status == 0 else { throw Failure("\(added)") }
    }
    for login in ["li", "wang", "chen", "audit"] {
      let set = try LabNetProcess.run(
        ["--database", network.database.url, "--as", network.admin, "account", "password", login],
        input: "\(login)-secret-password\n")
      guard set.status == 0 else { throw Failure("password for \(login): \(set)") }
    }
    let registered = try network.run(
      [
        "instrument", "register", "--unit", "复旦大学", "--name", "全天候质谱仪", "--category",
        "analytical", "--value", "900000", "--rate", "300", "--hours", "24/7",
      ], as: "wang")
    guard registered.status == 0 else { throw Failure("\(registered)") }
    return network
  }

  func signIn(_ server: LiveServer, _ login: String) throws -> String {
    let reply = try server.request(
      "POST", "/api/v1/session",
      body: #"{"login":"\#(login)","password":"\#(login)-secret-password"}"#)
    guard reply.status == 201, let token = reply.json["token"] as? String else {
      throw Failure("sign-in of \(login): \(reply)")
    }
    return token
  }

  /// A slot two days from now, local time, `hour` to `hour + 1`.
  static func slot(hour: Int, day: Int = 2) -> (String, String) {
    let formatter = DateFormatter()
    formatter.dateFormat = "yyyy-MM-dd"
    formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
    let date = formatter.string(from: Date().addingTimeInterval(Double(day) * 86_400))
    return (
      String(format: "%@T%02d:00:00+08:00", date, hour),
      String(format: "%@T%02d:00:00+08:00", date, hour + 1)
    )
  }

  @Test("health, sign-in, sessions, lockout, and a stop on SIGTERM")
  func sessions() throws {
    let network = try network()
    let server = try LiveServer(database: network.database)
    let health = try server.request("GET", "/healthz")
    #expect(health.status == 200, "\(health)")
    #expect(health.json["status"] as? String == "ok")
    #expect(health.json["store"] as? String == (TestDatabase.isPostgres ? "postgres" : "sqlite"))

    let wrong = try server.request(
      "POST", "/api/v1/session", body: #"{"login":"li","password":"not-her-password"}"#)
    let unknown = try server.request(
      "POST", "/api/v1/session", body: #"{"login":"nobody","password":"whatever-it-is"}"#)
    #expect(wrong.status == 401 && unknown.status == 401, "\(wrong)\n\(unknown)")
    #expect(wrong.body == unknown.body, "one message for both")

    let signedIn = try server.request(
      "POST", "/api/v1/session", body: #"{"login":"li","password":"li-secret-password"}"#)
    #expect(signedIn.status == 201, "\(signedIn)")
    let token = try #require(signedIn.json["token"] as? String)
    #expect(token.count >= 43)
    #expect(signedIn.headers.contains("HttpOnly") && signedIn.headers.contains("SameSite=Lax"))
    let me = try server.request("GET", "/api/v1/me", token: token)
    #expect(me.status == 200 && me.json["login"] as? String == "li", "\(me)")
    let cookie = try server.request(
      "GET", "/api/v1/me", extra: ["-H", "Cookie: labnet_session=\(token)"])
    #expect(cookie.status == 200, "\(cookie)")
    let forged = try server.request("GET", "/api/v1/me", token: String(token.reversed()))
    #expect(forged.status == 401 && forged.errorCode == "not_signed_in", "\(forged)")
    #expect(try server.request("GET", "/api/v1/me").status == 401)

    // Five wrong passwords for one login within 15 minutes: then 429, even with the right one.
    for _ in 0..<5 {
      _ = try server.request(
        "POST", "/api/v1/session", body: #"{"login":"chen","password":"guess-guess-guess"}"#)
    }
    let locked = try server.request(
      "POST", "/api/v1/session", body: #"{"login":"chen","password":"chen-secret-password"}"#)
    #expect(locked.status == 429, "\(locked)")
    #expect(locked.headers.lowercased().contains("retry-after:"), "\(locked)")

    let out = try server.request("DELETE", "/api/v1/session", token: token)
    #expect(out.status == 204, "\(out)")
    #expect(try server.request("GET", "/api/v1/me", token: token).status == 401)
    let (status, log) = server.stop()
    #expect(status == 0, "\(log)")
    #expect(log.contains("GET /healthz 200"), "\(log)")
    #expect(!log.contains("secret"), "no secrets in the access log")
  }

  @Test("catalogue, booking and its lifecycle, refusals with the CLI's words and statuses")
  func bookings() throws {
    let network = try network()
    let server = try LiveServer(database: network.database)
    defer { _ = server.stop() }
    let li = try signIn(server, "li")
    let wang = try signIn(server, "wang")

    let instruments = try server.request("GET", "/api/v1/instruments?limit=10")
    #expect(instruments.status == 200, "\(instruments)")
    #expect((instruments.json["items"] as? [Any])?.count == 2)
    #expect(instruments.json.keys.contains("next_cursor"))
    #expect(try server.request("GET", "/api/v1/instruments/999").status == 404)
    #expect(try server.request("GET", "/api/v1/instruments?province=Mars").status == 400)

    let (from, to) = Self.slot(hour: 10)
    let booked = try server.request(
      "POST", "/api/v1/bookings", token: li,
      body: #"{"instrument_id":2,"from":"\#(from)","to":"\#(to)","purpose":"样品表征"}"#)
    #expect(booked.status == 201, "\(booked)")
    #expect(booked.json["status"] as? String == "confirmed")
    #expect(booked.json["quoted_fee_yuan"] as? String == "300.00", "\(booked)")
    let id = try #require(booked.json["id"] as? Int)
    let again = try server.request(
      "POST", "/api/v1/bookings", token: li,
      body: #"{"instrument_id":2,"from":"\#(from)","to":"\#(to)"}"#)
    #expect(again.status == 409 && again.errorCode == "slot_taken", "\(again)")
    #expect(again.json.isEmpty == false)
    let anonymous = try server.request(
      "POST", "/api/v1/bookings", body: #"{"instrument_id":2,"from":"\#(from)","to":"\#(to)"}"#)
    #expect(anonymous.status == 401, "\(anonymous)")

    let shown = try server.request("GET", "/api/v1/bookings/\(id)", token: li)
    #expect(shown.status == 200 && shown.json["booker"] as? String == "li", "\(shown)")
    let mine = try server.request("GET", "/api/v1/bookings?mine=true", token: li)
    #expect((mine.json["items"] as? [Any])?.count == 1, "\(mine)")

    // A researcher calling a manager's endpoint: 403; the manager may.
    let flagship = Self.slot(hour: 14, day: 3)
    let pending = try server.request(
      "POST", "/api/v1/bookings", token: li,
      body: #"{"instrument_id":2,"from":"\#(flagship.0)","to":"\#(flagship.1)"}"#)
    #expect(pending.status == 201, "\(pending)")
    let pendingID = try #require(pending.json["id"] as? Int)
    let refused = try server.request("POST", "/api/v1/bookings/\(pendingID)/no-show", token: li)
    #expect(refused.status == 403, "\(refused)")
    let early = try server.request("POST", "/api/v1/bookings/\(pendingID)/no-show", token: wang)
    #expect(early.status == 409, "\(early)")
    let cancelled = try server.request(
      "POST", "/api/v1/bookings/\(pendingID)/cancel", token: li, body: #"{"reason":"改期"}"#)
    #expect(cancelled.status == 200 && cancelled.json["status"] as? String == "cancelled")

    // Bad requests: 400/413/415, never a 5xx.
    let malformed = try server.request("POST", "/api/v1/bookings", token: li, body: "{not json")
    #expect(malformed.status == 400 && malformed.errorCode == "malformed_json", "\(malformed)")
    let unknownField = try server.request(
      "POST", "/api/v1/bookings", token: li, body: #"{"instrument_id":2,"price":0}"#)
    #expect(unknownField.status == 400 && unknownField.errorCode == "unknown_field")
    let wrongType = try server.request(
      "POST", "/api/v1/bookings", token: li,
      body: #"{"instrument_id":"2","from":"\#(from)","to":"\#(to)"}"#)
    #expect(wrongType.status == 400, "\(wrongType)")
    let badTime = try server.request(
      "POST", "/api/v1/bookings", token: li,
      body: #"{"instrument_id":2,"from":"yesterday","to":"\#(to)"}"#)
    #expect(badTime.status == 400, "\(badTime)")
    let text = try server.request(
      "POST", "/api/v1/bookings", token: li, body: "instrument_id=2", type: "text/plain")
    #expect(text.status == 415, "\(text)")
    let huge = try server.request(
      "POST", "/api/v1/bookings", token: li,
      body: "{\"purpose\":\"" + String(repeating: "x", count: 2 << 20) + "\"}")
    #expect(huge.status == 413, "\(huge.status)")
    let badID = try server.request("GET", "/api/v1/bookings/abc", token: li)
    #expect(badID.status == 400 || badID.status == 404, "\(badID)")
  }

  @Test("32 concurrent bookings of one slot: exactly one 201, the rest 409, no overlap")
  func concurrentBookings() throws {
    let network = try network()
    let server = try LiveServer(database: network.database)
    defer { _ = server.stop() }
    let token = try signIn(server, "li")
    let (from, to) = Self.slot(hour: 16, day: 4)
    let body = #"{"instrument_id":2,"from":"\#(from)","to":"\#(to)"}"#
    let racers = try (0..<32).map { _ -> (Process, Pipe) in
      let curl = Process()
      curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
      curl.arguments = [
        "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST",
        server.url + "/api/v1/bookings",
        "-H", "Authorization: Bearer \(token)", "-H", "Content-Type: application/json",
        "--data-binary", body,
      ]
      let output = Pipe()
      curl.standardOutput = output
      try curl.run()
      return (curl, output)
    }
    let codes = racers.map { curl, output -> String in
      let code = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      curl.waitUntilExit()
      return code
    }
    #expect(codes.filter { $0 == "201" }.count == 1, "\(codes)")
    #expect(codes.filter { $0 == "409" }.count == 31, "\(codes)")
    let overlapping = try network.database.overlappingBookings()
    #expect(overlapping == 0)
  }

  @Test("exports for auditors in their scope, refused to others; vouchers by visibility")
  func exportsAndVouchers() throws {
    let network = try network()
    let server = try LiveServer(database: network.database)
    defer { _ = server.stop() }
    let audit = try signIn(server, "audit")
    let li = try signIn(server, "li")
    let (from, to) = Self.slot(hour: 9)
    let booked = try server.request(
      "POST", "/api/v1/bookings", token: li,
      body: #"{"instrument_id":2,"from":"\#(from)","to":"\#(to)"}"#)
    #expect(booked.status == 201, "\(booked)")
    let usage = try server.request("GET", "/api/v1/exports/usage?by=province", token: audit)
    #expect(usage.status == 200, "\(usage)")
    #expect(usage.headers.contains("text/csv"), "\(usage.headers)")
    #expect(usage.body.hasPrefix("\u{FEFF}"), "a BOM for spreadsheets")
    #expect(usage.body.contains("SH"), "\(usage.body)")
    let json = try server.request(
      "GET", "/api/v1/exports/usage?by=province&format=json", token: audit)
    #expect(json.status == 200 && json.body.contains("\"rows\""), "\(json.body.prefix(300))")
    let rows = try server.request("GET", "/api/v1/exports/bookings", token: audit)
    #expect(rows.status == 200 && rows.body.split(separator: "\r\n").count == 2, "\(rows.body)")
    let other = try server.request(
      "GET", "/api/v1/exports/usage?by=province&province=ZJ", token: audit)
    #expect(other.status == 403, "\(other)")
    let researcher = try server.request("GET", "/api/v1/exports/usage?by=unit", token: li)
    #expect(researcher.status == 403, "\(researcher)")
    let anonymous = try server.request("GET", "/api/v1/exports/usage?by=unit")
    #expect(anonymous.status == 401, "\(anonymous)")
    let badGrouping = try server.request("GET", "/api/v1/exports/usage?by=week", token: audit)
    #expect(badGrouping.status == 400, "\(badGrouping)")
    let vouchers = try server.request("GET", "/api/v1/vouchers", token: li)
    #expect(vouchers.status == 200 && (vouchers.json["items"] as? [Any])?.isEmpty == true)
    let policy = try server.request("GET", "/api/v1/voucher-policies/ZJ")
    #expect(policy.status == 200 && policy.json["cover_percent"] as? String == "50%", "\(policy)")
    let missing = try server.request("GET", "/api/v1/vouchers/ZJ-2026-000999", token: li)
    #expect(missing.status == 404, "\(missing)")
  }
}
