import Foundation
import LabNetTestSupport
import Testing

/// Import input is bounded: columns, field and line sizes, problems listed,
/// and memory, whatever the file (quality.md, "Hostile users").
@Suite("Bounded import input")
struct BoundedImportTests {
  /// Runs `labnet … instrument import FILE` as wang under `ulimit -v` of 1 GB.
  func importLimited(_ network: CLINetwork, _ file: String) throws -> (Outcome, TimeInterval) {
    let started = Date()
    let command =
      "ulimit -v 1048576; exec \"$0\" --database \"$1\" --as wang instrument import \"$2\""
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command, LabNetProcess.binary.path, network.database.url, file]
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let stderr = errors.fileHandleForReading.readDataToEndOfFile()
    let stdout = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let outcome = Outcome(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
    return (outcome, Date().timeIntervalSince(started))
  }

  func write(_ text: String, in network: CLINetwork, named name: String) throws -> String {
    let path = network.database.folder.appendingPathComponent(name).path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  @Test("/dev/zero is refused quickly, in flat memory")
  func devZero() throws {
    let network = try CLINetwork()
    let (outcome, seconds) = try importLimited(network, "/dev/zero")
    #expect(outcome.status == 65, "\(outcome)")
    #expect(outcome.stderr.contains("longer than"), "\(outcome)")
    #expect(seconds < 10)
    #expect(try network.database.scalar("SELECT count(*) FROM instrument") == 1)
  }

  @Test("a header of a million columns is refused at once, in a few lines")
  func wideHeader() throws {
    let network = try CLINetwork()
    let header = (0..<1_000_000).map { "c\($0)" }.joined(separator: ",")
    let file = try write(header + "\n", in: network, named: "wide.csv")
    let (outcome, _) = try importLimited(network, file)
    #expect(outcome.status == 65, "\(outcome.status)")
    #expect(outcome.stderr.contains("more than 200 columns"), "\(outcome.stderr.prefix(300))")
    #expect(outcome.stderr.split(separator: "\n").count < 5)
  }

  @Test("a field over 64 KB and a line over 1 MB are refused with their line")
  func hugeField() throws {
    let network = try CLINetwork()
    let header = "仪器名称,类别,原值(元),收费标准(元/小时)\n"
    let field = try write(
      header + String(repeating: "光", count: 30_000) + ",analytical,500000,100\n", in: network,
      named: "field.csv")
    let (big, _) = try importLimited(network, field)
    #expect(big.status == 65, "\(big)")
    #expect(big.stderr.contains("line 2, column 1: the field is longer than 64 KB"), "\(big)")
    let fields = Array(repeating: String(repeating: "x", count: 60_000), count: 20)
    let line = try write(
      header + fields.joined(separator: ",") + "\n", in: network, named: "line.csv")
    let (long, _) = try importLimited(network, line)
    #expect(long.status == 65, "\(long)")
    #expect(long.stderr.contains("line 2: the line is longer than 1 MB"), "\(long)")
  }

  @Test("at most 100 problems are listed, then how many more")
  func manyProblems() throws {
    let network = try CLINetwork()
    let rows = (1...150).map { "仪器\($0),analytical,-1,100" }.joined(separator: "\n")
    let file = try write(
      "仪器名称,类别,原值(元),收费标准(元/小时)\n" + rows + "\n", in: network, named: "bad.csv")
    let (outcome, _) = try importLimited(network, file)
    #expect(outcome.status == 65)
    #expect(outcome.stderr.contains("150 problems in the file; nothing was imported"))
    #expect(outcome.stderr.contains("… and 50 more"), "\(outcome.stderr.suffix(200))")
    #expect(outcome.stderr.split(separator: "\n").count == 102)
  }
}
