import Foundation
import LabNetTestSupport

/// What one run of the `labnet` binary did.
struct Outcome: CustomStringConvertible {
  let status: Int32
  let stdout: String
  let stderr: String

  var description: String { "exit \(status)\nstdout: \(stdout)\nstderr: \(stderr)" }
}

/// Runs the built `labnet` binary as a person would, with a clean environment
/// apart from what the test gives it.
enum LabNetProcess {
  /// The `labnet` binary next to the test bundle in the build folder.
  static let binary: URL = {
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    while !FileManager.default.isExecutableFile(
      atPath: folder.appendingPathComponent("labnet").path)
      && folder.pathComponents.count > 1
    {
      folder.deleteLastPathComponent()
    }
    return folder.appendingPathComponent("labnet")
  }()

  /// Starts the binary with output discarded, for tests that kill it or run many at once.
  static func start(_ arguments: [String], environment extra: [String: String] = [:]) throws
    -> Process
  {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment.removeValue(forKey: "LABNET_DATABASE")
    environment.removeValue(forKey: "LABNET_AS")
    process.environment = environment.merging(extra) { $1 }
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    return process
  }

  /// Runs the binary to its end; `input` is its standard input (none by default).
  static func run(
    _ arguments: [String], environment: [String: String] = [:], folder: URL? = nil,
    input: String? = nil
  ) throws -> Outcome {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    var inherited = ProcessInfo.processInfo.environment
    for name in ["LABNET_DATABASE", "LABNET_AS", "PGUSER", "PGDATABASE", "PGHOST", "PGPORT"] {
      inherited.removeValue(forKey: name)
    }
    process.environment = inherited.merging(environment) { $1 }
    if let folder { process.currentDirectoryURL = folder }
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
    let err = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    defer {
      try? FileManager.default.removeItem(at: out)
      try? FileManager.default.removeItem(at: err)
    }
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    let stdin = input.map { _ in Pipe() }
    process.standardInput = stdin ?? FileHandle.nullDevice
    try process.run()
    if let stdin, let input {
      stdin.fileHandleForWriting.write(Data(input.utf8))
      try stdin.fileHandleForWriting.close()
    }
    process.waitUntilExit()
    return Outcome(
      status: process.terminationStatus,
      stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
      stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
  }
}

/// A database on this build's backend, reached through the binary.
struct CLINetwork {
  let database: TestDatabase
  let admin: String
  /// Another login's URL to the test database, passed by every run instead of its own.
  var loginURL: String?
  /// Extra environment for every run, e.g. LABNET_NOW to fix the clock.
  var environment: [String: String] = [:]
  /// When set, runs go through a live `labnet serve` with `--server`, as
  /// each login signed in with `labnet login` (init and seed stay local).
  var remote: RemoteCLI?

  /// A fresh database after `labnet init`, with 复旦大学 (manager wang) and
  /// 浙江大学 (manager zhang), and one instrument of 复旦大学.
  init(populated: Bool = true) throws {
    database = try TestDatabase()
    admin = TestDatabase.adminLogin
    let initialised = try run(["init"])
    guard initialised.status == 0 else { throw Failure("init failed: \(initialised)") }
    guard populated else { return }
    for step in [
      [
        "unit", "add", "--name", "复旦大学", "--province", "上海", "--city", "上海", "--kind", "university",
      ],
      [
        "unit", "add", "--name", "浙江大学", "--province", "zhejiang", "--city", "杭州", "--kind",
        "university",
      ],
      ["account", "add", "wang", "--name", "王芳", "--role", "manager", "--unit", "复旦大学"],
      ["account", "add", "zhang", "--name", "张伟", "--role", "manager", "--unit", "浙江大学"],
    ] {
      let outcome = try run(step, as: admin)
      guard outcome.status == 0 else { throw Failure("\(step) failed: \(outcome)") }
    }
    let registered = try run(
      [
        "instrument", "register", "--unit", "复旦大学", "--name", "透射电子显微镜", "--category",
        "analytical", "--value", "12500000", "--rate", "1500",
      ], as: "wang")
    guard registered.status == 0 else { throw Failure("register failed: \(registered)") }
  }

  /// Runs `labnet --database URL [--as LOGIN] arguments…`, or through the
  /// server as LOGIN when `remote` is set.
  func run(_ arguments: [String], as login: String? = nil, now: String? = nil) throws -> Outcome {
    if let remote, !["init", "seed", "demo"].contains(arguments.first ?? "") {
      return try remote.run(arguments, as: login, now: now ?? environment["LABNET_NOW"], in: self)
    }
    return try runLocally(arguments, as: login, now: now)
  }

  /// Runs `labnet --database URL [--as LOGIN] arguments…` on the store itself.
  func runLocally(
    _ arguments: [String], as login: String? = nil, now: String? = nil, input: String? = nil
  ) throws -> Outcome {
    var full = ["--database", loginURL ?? database.url]
    if let login { full += ["--as", login] }
    var environment = self.environment
    if let now { environment["LABNET_NOW"] = now }
    return try LabNetProcess.run(full + arguments, environment: environment, input: input)
  }

  /// The instruments as the JSON list prints them.
  func instruments() throws -> [[String: Any]] {
    let outcome = try run(["instrument", "list", "--format", "json", "--include-retired"])
    let json = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8))
    return json as? [[String: Any]] ?? []
  }
}

struct Failure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// Runs a Python script, an independent reader of what labnet writes (csv,
/// icalendar, xml.etree), with `input` on its standard input; returns its
/// standard output, or throws with its error output.
func python(_ script: String, _ arguments: [String] = [], input: String = "") throws -> Data {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["python3", "-c", script] + arguments
  let stdin = Pipe()
  let output = Pipe()
  let errors = Pipe()
  process.standardInput = stdin
  process.standardOutput = output
  process.standardError = errors
  try process.run()
  stdin.fileHandleForWriting.write(Data(input.utf8))
  try stdin.fileHandleForWriting.close()
  let data = output.fileHandleForReading.readDataToEndOfFile()
  let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  process.waitUntilExit()
  guard process.terminationStatus == 0 else { throw Failure("python: \(problem)") }
  return data
}

/// The CLI through a live server: `labnet --server URL …` as a person
/// signed in with `labnet login`, each with a credentials file of their own.
/// A run at another moment (LABNET_NOW) goes to a server whose clock is
/// that moment, so a test's timeline holds through the server too.
final class RemoteCLI: @unchecked Sendable {
  let folder: URL
  private var servers: [String: LiveServer] = [:]
  private var passwords: Set<String> = []
  private var sessions: Set<String> = []

  init() throws {
    folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "labnet-remote-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  }

  deinit {
    for server in servers.values { _ = server.stop() }
    try? FileManager.default.removeItem(at: folder)
  }

  func server(now: String?, in network: CLINetwork) throws -> LiveServer {
    let key = now ?? "real"
    if let server = servers[key] { return server }
    let server = try LiveServer(database: network.database, now: now)
    servers[key] = server
    return server
  }

  func run(_ arguments: [String], as login: String?, now: String?, in network: CLINetwork)
    throws -> Outcome
  {
    let server = try server(now: now, in: network)
    let credentials = folder.appendingPathComponent("\(login ?? "nobody").json").path
    var environment = ["LABNET_CREDENTIALS": credentials]
    if let now { environment["LABNET_NOW"] = now }
    if let login, !sessions.contains(login + " " + server.url) {
      let password = "\(login)-remote-password"
      if !passwords.contains(login) {
        let set = try network.runLocally(
          ["account", "password", login], as: network.admin, input: password + "\n")
        guard set.status == 0 else { throw Failure("password for \(login): \(set)") }
        passwords.insert(login)
      }
      let signedIn = try LabNetProcess.run(
        ["login", "--server", server.url, "--login", login], environment: environment,
        input: password + "\n")
      guard signedIn.status == 0 else { throw Failure("labnet login \(login): \(signedIn)") }
      sessions.insert(login + " " + server.url)
    }
    return try LabNetProcess.run(["--server", server.url] + arguments, environment: environment)
  }
}
