import Foundation
import LabNetTestSupport
import Testing

/// README's "See it served" block, run as a new user would: `serve --demo`
/// in an empty folder, then its curl lines against it.
@Suite("README: serve --demo")
struct ServeDemoTests {
  @Test(
    "serve --demo seeds, prints the demo logins, and answers README's curl lines",
    .enabled(if: !TestDatabase.isPostgres, "--demo serves a SQLite file; this build has SQLite"))
  func demo() throws {
    let readme = try String(
      contentsOf: TourTests.repository.appendingPathComponent("README.md"), encoding: .utf8)
    let (block, _) = try TourTests.Script.block(in: readme, under: "## See it served")
    let lines = block.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let first = lines.first, first.hasPrefix("swift run labnet serve --demo &") else {
      throw Failure("the block starts with `swift run labnet serve --demo &`: \(block)")
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "labnet-demo-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let port = 20_000 + Int(getpid() % 20_000)
    let server = Process()
    server.executableURL = LabNetProcess.binary
    server.arguments = ["serve", "--demo", "--listen", "127.0.0.1:\(port)"]
    server.currentDirectoryURL = folder
    var environment = ProcessInfo.processInfo.environment
    environment.removeValue(forKey: "LABNET_NOW")
    environment.removeValue(forKey: "LABNET_DATABASE")
    server.environment = environment
    let output = Pipe()
    server.standardOutput = output
    server.standardError = FileHandle.nullDevice
    try server.run()
    defer {
      server.terminate()
      server.waitUntilExit()
    }
    var printed = ""
    let deadline = Date().addingTimeInterval(180)
    while Date() < deadline, !printed.contains("listening on") {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      printed += String(decoding: chunk, as: UTF8.self)
    }
    #expect(printed.contains("listening on http://127.0.0.1:\(port)"), "\(printed)")
    #expect(printed.contains("labnet-demo-password") && printed.contains("r0001"), "\(printed)")
    #expect(
      FileManager.default.fileExists(
        atPath: folder.appendingPathComponent("labnet-demo.sqlite").path))

    // The rest of the block, as a shell runs it, on this server's port.
    let script = lines.dropFirst().joined(separator: "\n").replacingOccurrences(
      of: "127.0.0.1:8080", with: "127.0.0.1:\(port)")
    let shell = Process()
    shell.executableURL = URL(fileURLWithPath: "/bin/bash")
    shell.arguments = ["-e", "-c", script]
    let answers = Pipe()
    shell.standardOutput = answers
    try shell.run()
    let text = String(decoding: answers.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    shell.waitUntilExit()
    #expect(shell.terminationStatus == 0, "\(text)")
    #expect(text.contains(#""status": "ok""#), "healthz: \(text)")
    #expect(text.contains(#""login": "r0001""#), "signed in as r0001: \(text)")
    #expect(text.contains(#""items""#) && text.contains(#""province": "ZJ""#), "search: \(text)")
  }
}
