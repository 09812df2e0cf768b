import Foundation
import InstrumentNetwork
import LabNetTestSupport
import Testing

/// The OpenAPI document (Sources/LabNetHTTP/openapi.json): it names every
/// route the server has, the server serves it, and schemathesis (PyPI),
/// run against a live server on this build's store, finds no 5xx and no
/// answer that breaks it.
@Suite("OpenAPI document and schemathesis", .serialized)
struct OpenAPITests {
  let base = ServerTests()

  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let documentFile = repository.appendingPathComponent("Sources/LabNetHTTP/openapi.json")
  static let hooks = repository.appendingPathComponent("Tests/schemathesis/hooks.py")

  static func document() throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: documentFile))
    return try #require(object as? [String: Any])
  }

  /// "METHOD /path" of every route registered in Sources/LabNetHTTP: calls
  /// like `api.get("/units")` (under /api/v1) and `router.get("/healthz")`;
  /// a path holding `\(action.rawValue)` stands for each BookingAction.
  static func routesInCode() throws -> Set<String> {
    let folder = repository.appendingPathComponent("Sources/LabNetHTTP")
    let call = #/\b(\w+)\.(get|post|put|patch|delete)\("(/[^"]*)"\)/#
    var routes = Set<String>()
    for name in try FileManager.default.contentsOfDirectory(atPath: folder.path)
    where name.hasSuffix(".swift") {
      let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
      for match in text.matches(of: call) {
        let prefix = match.output.1 == "router" ? "" : "/api/v1"
        let path = prefix + match.output.3
        let paths =
          path.contains("\\(action.rawValue)")
          ? BookingAction.allCases.map {
            path.replacingOccurrences(of: "\\(action.rawValue)", with: $0.rawValue)
          } : [path]
        for path in paths { routes.insert("\(match.output.2.uppercased()) \(path)") }
      }
    }
    return routes
  }

  @Test("the document describes exactly the routes the server has")
  func everyRoute() throws {
    let document = try Self.document()
    #expect(document["openapi"] as? String == "3.1.0")
    let paths = try #require(document["paths"] as? [String: [String: Any]])
    let documented = Set(
      paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
    let code = try Self.routesInCode()
    #expect(code.count > 30, "the route pattern still finds the routes: \(code.sorted())")
    #expect(
      code.subtracting(documented).isEmpty,
      "routes missing from openapi.json: \(code.subtracting(documented).sorted())")
    #expect(
      documented.subtracting(code).isEmpty,
      "openapi.json describes routes the server does not have: \(documented.subtracting(code).sorted())"
    )
  }

  @Test("GET /openapi.json serves the repository's document, embedded in the binary")
  func served() throws {
    let network = try CLINetwork(populated: false)
    let server = try LiveServer(database: network.database)
    defer { _ = server.stop() }
    let reply = try server.request("GET", "/openapi.json")
    #expect(reply.status == 200, "\(reply.headers)")
    #expect(reply.headers.lowercased().contains("content-type: application/json"))
    let served = try JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? NSDictionary
    #expect(served == (try Self.document()) as NSDictionary, "the served document is the file")
  }

  /// `schemathesis run` against `server` with `arguments`, sending
  /// `login`'s session `token`; fails the test unless it exits 0, with its report.
  func schemathesis(
    _ server: LiveServer, _ arguments: [String], as who: String, login: String, token: String,
    in folder: URL
  ) throws {
    let report = folder.appendingPathComponent("schemathesis-\(who).txt")
    _ = FileManager.default.createFile(atPath: report.path, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
      [
        "python3", "-m", "schemathesis.cli", "run", server.url + "/openapi.json", "--url",
        server.url,
        "--checks", "all",
        // Not in the run: a schema cannot say every rule of the domain (the end after
        // the start, the 90-day horizon, a unit that exists), so schema-valid data may
        // rightly be 400; the server answers an undeclared method 404, not 405.
        "--exclude-checks", "positive_data_acceptance,unsupported_method,allow_header_conformance",
        "--max-examples",
        ProcessInfo.processInfo.environment["LABNET_SCHEMATHESIS_EXAMPLES"] ?? "20",
        "--request-timeout", "20", "--no-color",
      ] + ["-H", "Authorization: Bearer \(token)"] + arguments
    var environment = ProcessInfo.processInfo.environment
    environment["SCHEMATHESIS_HOOKS"] = Self.hooks.path
    environment["LABNET_SCHEMATHESIS_STORE"] = TestDatabase.backend
    environment["LABNET_SCHEMATHESIS_LOGIN"] = login
    process.environment = environment
    process.currentDirectoryURL = folder
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = try FileHandle(forWritingTo: report)
    process.standardError = process.standardOutput
    let started = Date()
    try process.run()
    let deadline = Date().addingTimeInterval(300)
    while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.2) }
    let timedOut = process.isRunning
    if timedOut { process.terminate() }
    process.waitUntilExit()
    let text = String(decoding: (try? Data(contentsOf: report)) ?? Data(), as: UTF8.self)
    let seconds = Int(Date().timeIntervalSince(started))
    #expect(
      !timedOut && process.terminationStatus == 0,
      "schemathesis as \(who) (\(TestDatabase.backend), \(seconds) s) exited \(process.terminationStatus):\n\(text)"
    )
    print(
      "schemathesis as \(who) on \(TestDatabase.backend): \(seconds) s, exit \(process.terminationStatus)"
    )
  }

  /// schemathesis's version; throws, failing the test, when it is not installed.
  static func schemathesisVersion() throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-m", "schemathesis.cli", "--version"]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw Failure(
        "schemathesis is not installed for python3 (scripts/test installs it; by hand: "
          + "python3 -m pip install schemathesis): \(text)")
    }
    return text.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  @Test("schemathesis finds no 5xx and no answer that breaks the document")
  func schemathesisRun() throws {
    print(try Self.schemathesisVersion())
    let network = try base.network()
    for step in [
      [
        "unit", "add", "--name", "嘉兴光电科技有限公司", "--province", "ZJ", "--city", "嘉兴", "--kind",
        "enterprise",
      ],
      ["account", "add", "qian", "--name", "钱敏", "--role", "researcher", "--unit", "嘉兴光电科技有限公司"],
    ] {
      let done = try network.run(step, as: network.admin)
      guard done.status == 0 else { throw Failure("\(step): \(done)") }
    }
    for login in [network.admin, "qian"] {
      let set = try LabNetProcess.run(
        ["--database", network.database.url, "--as", network.admin, "account", "password", login],
        input: "\(login)-secret-password\n")
      guard set.status == 0 else { throw Failure("password for \(login): \(set)") }
    }
    let server = try LiveServer(database: network.database)
    defer { _ = server.stop() }
    let li = try base.signIn(server, "li")
    let wang = try base.signIn(server, "wang")
    let admin = try base.signIn(server, network.admin)
    let qian = try base.signIn(server, "qian")
    // Signed in now: the runs' sign-in attempts may lock logins out.
    let leaving = try base.signIn(server, "li")

    // Something to find: a booking, a maintenance block, a voucher paying a booking.
    let (from, to) = ServerTests.slot(hour: 10)
    let (blockFrom, blockTo) = ServerTests.slot(hour: 14)
    let (paidFrom, paidTo) = ServerTests.slot(hour: 16)
    let voucher = try server.request(
      "POST", "/api/v1/vouchers", token: admin,
      body: #"{"holder":"嘉兴光电科技有限公司","amount":"20000","expires":"2030-06-30"}"#)
    let code = try #require(voucher.json["code"] as? String, "\(voucher)")
    for (token, path, body) in [
      (li, "/api/v1/bookings", #"{"instrument_id":2,"from":"\#(from)","to":"\#(to)"}"#),
      (
        wang, "/api/v1/instruments/2/blocks",
        #"{"from":"\#(blockFrom)","to":"\#(blockTo)","reason":"保养"}"#
      ),
      (qian, "/api/v1/bookings", #"{"instrument_id":2,"from":"\#(paidFrom)","to":"\#(paidTo)"}"#),
      (qian, "/api/v1/vouchers/\(code)/redeem", #"{"booking_id":2}"#),
    ] {
      let made = try server.request("POST", path, token: token, body: body)
      guard made.status == 201 else { throw Failure("POST \(path): \(made)") }
    }

    // Each role in turn; not DELETE /session, which would end the run's session. Signing
    // out has a run and a session of its own, before the admin's run may set li's password.
    let runs = [
      ("researcher", "li", li, ["--exclude-operation-id", "signOut"]),
      ("manager", "wang", wang, ["--exclude-operation-id", "signOut"]),
      (
        "signing-out", "li", leaving,
        ["--include-operation-id", "signOut", "--phases", "examples,coverage,fuzzing"]
      ),
      ("admin", network.admin, admin, ["--exclude-operation-id", "signOut"]),
    ]
    for (who, login, token, arguments) in runs {
      try schemathesis(
        server, arguments, as: who, login: login, token: token, in: network.database.folder)
    }
  }
}
