import Foundation
import LabNetTestSupport
import Testing

/// Output never destroys data: not the store, not a device, not a symlink's
/// target; every write and the final flush are checked (exit 74).
@Suite("Output that cannot destroy data", .serialized)
struct OutputSafetyTests {
  /// A network with one booking, so exports have rows.
  func network() throws -> CLINetwork {
    var network = try CLINetwork()
    network.environment["LABNET_NOW"] = "2026-12-07 08:00"
    let steps: [([String], String)] = [
      (["account", "add", "auditor", "--name", "审计", "--role", "auditor"], network.admin)
    ]
    for (step, login) in steps {
      let outcome = try network.run(step, as: login)
      guard outcome.status == 0 else { throw Failure("\(outcome)") }
    }
    return network
  }

  func export(_ network: CLINetwork, to output: String) throws -> Outcome {
    try network.run(["export", "bookings", "--output", output], as: "auditor")
  }

  @Test("--output naming the open database or its companions, by any path, is refused")
  func ontoTheStore() throws {
    guard !TestDatabase.isPostgres else { return }  // PostgreSQL has no file to overwrite
    let network = try network()
    let store = String(network.database.url.dropFirst("sqlite:".count))
    let before = try Data(contentsOf: URL(fileURLWithPath: store))
    let link = network.database.folder.appendingPathComponent("innocent.csv").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: store)
    let roundabout =
      network.database.folder.path + "/../" + network.database.folder.lastPathComponent
      + "/labnet.sqlite"
    for target in [store, store + "-wal", store + "-shm", link, roundabout] {
      let outcome = try export(network, to: target)
      #expect(outcome.status == 65, "\(target): \(outcome)")
      #expect(outcome.stderr.contains("is the database itself"), "\(outcome)")
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: store)).count >= before.count)
    #expect(try network.database.integrityCheck() == "ok")
    #expect(try network.run(["network", "stats"]).status == 0)
    let attributes = try FileManager.default.attributesOfItem(atPath: link)
    #expect(attributes[.type] as? FileAttributeType == .typeSymbolicLink)
  }

  @Test("a symlink is followed: its target is replaced, the link stays")
  func throughASymlink() throws {
    let network = try network()
    let folder = network.database.folder
    let target = folder.appendingPathComponent("real.csv").path
    let link = folder.appendingPathComponent("link.csv").path
    try Data("old".utf8).write(to: URL(fileURLWithPath: target))
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
    let outcome = try export(network, to: link)
    #expect(outcome.status == 0, "\(outcome)")
    let attributes = try FileManager.default.attributesOfItem(atPath: link)
    #expect(attributes[.type] as? FileAttributeType == .typeSymbolicLink)
    let written = try String(contentsOfFile: target, encoding: .utf8)
    #expect(written.contains("instrument_id"), "\(written.prefix(80))")
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.contains(".labnet-") }
    #expect(leftovers.isEmpty, "\(leftovers)")
  }

  @Test("a FIFO is written through, never renamed over")
  func throughAFIFO() throws {
    let network = try network()
    let fifo = network.database.folder.appendingPathComponent("pipe").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let reader = Process()
    reader.executableURL = URL(fileURLWithPath: "/bin/cat")
    reader.arguments = [fifo]
    let output = Pipe()
    reader.standardOutput = output
    try reader.run()
    let outcome = try export(network, to: fifo)
    let read = output.fileHandleForReading.readDataToEndOfFile()
    reader.waitUntilExit()
    #expect(outcome.status == 0, "\(outcome)")
    #expect(String(decoding: read, as: UTF8.self).contains("instrument_id"))
    let attributes = try FileManager.default.attributesOfItem(atPath: fifo)
    #expect(attributes[.type] as? FileAttributeType == .typeUnknown || isFIFO(fifo))
  }

  func isFIFO(_ path: String) -> Bool {
    var status = stat()
    return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFIFO
  }

  @Test("a full device is written through, fails with 74, and stays a device")
  func ontoAFullDevice() throws {
    let network = try network()
    let device = network.database.folder.appendingPathComponent("full").path
    // /dev/full's numbers (1, 7); making a device node needs root, as CI is.
    guard mknod(device, S_IFCHR | 0o666, makedev(1, 7)) == 0 else {
      Issue.record("mknod needs root: run scripts/test as root (CI does)")
      return
    }
    let outcome = try export(network, to: device)
    #expect(outcome.status == 74, "\(outcome)")
    #expect(
      outcome.stderr.contains("cannot write \(device): No space left on device"), "\(outcome)")
    var status = stat()
    #expect(stat(device, &status) == 0 && (status.st_mode & S_IFMT) == S_IFCHR)
  }

  @Test("standard output on a full device: 74 and the reason, for exports and for tables")
  func standardOutputFull() throws {
    let network = try network()
    for arguments in [
      ["export", "bookings"], ["instrument", "list"], ["network", "stats", "--format", "json"],
    ] {
      let process = Process()
      process.executableURL = LabNetProcess.binary
      process.arguments = ["--database", network.database.url, "--as", "auditor"] + arguments
      process.environment = ProcessInfo.processInfo.environment.merging(network.environment) {
        $1
      }
      process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
      let errors = Pipe()
      process.standardError = errors
      try process.run()
      let stderr = String(
        decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      #expect(process.terminationStatus == 74, "\(arguments): \(stderr)")
      #expect(stderr.contains("cannot write standard output: No space left on device"), "\(stderr)")
    }
  }
}

private func makedev(_ major: UInt32, _ minor: UInt32) -> dev_t {
  dev_t(major) << 8 | dev_t(minor)
}
