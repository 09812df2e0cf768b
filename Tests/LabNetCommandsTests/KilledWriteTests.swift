import Foundation
import LabNetTestSupport
import Testing

/// A seed or import killed with SIGKILL part-way leaves a store that opens,
/// passes its integrity check, and holds all of the operation or none of it.
@Suite("Writes killed part-way", .serialized)
struct KilledWriteTests {
  /// Kills `process` after `delay` seconds; tells whether it was still running.
  func kill(_ process: Process, after delay: Double) -> Bool {
    Thread.sleep(forTimeInterval: delay)
    let wasRunning = process.isRunning
    Foundation.kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    return wasRunning
  }

  @Test("a killed seed leaves all of the network or none of it")
  func seed() throws {
    var killedWhileRunning = 0
    for delay in [0.3, 0.7, 1.1] {
      let network = try CLINetwork(populated: false)
      let process = try LabNetProcess.start(
        ["--database", network.database.url, "--as", network.admin, "seed"])
      if kill(process, after: delay) { killedWhileRunning += 1 }
      #expect(try network.database.integrityCheck() == "ok")
      let units = try network.database.scalar("SELECT count(*) FROM unit")
      let instruments = try network.database.scalar("SELECT count(*) FROM instrument")
      let accounts = try network.database.scalar("SELECT count(*) FROM account")
      // `init` makes `admin`, on both backends.
      let admins: Int64 = 1
      let whole = units == 2_086 && instruments == 45_262 && accounts == 4_181 + admins
      let none = units == 0 && instruments == 0 && accounts == admins
      #expect(
        whole || none,
        "after \(delay) s: \(String(describing: units)) units, \(String(describing: instruments)) instruments"
      )
      // The store still works, and a new seed completes where the killed one left off.
      let again = try network.run(["seed", "--scale", "0.01", "--replace"], as: network.admin)
      #expect(again.status == 0, "\(again)")
    }
    #expect(killedWhileRunning > 0, "no run was killed mid-way; the delays need adjusting")
  }

  @Test("a killed import leaves every row or none")
  func importFile() throws {
    let network = try CLINetwork()
    var lines = ["name,category,value_yuan,rate_yuan_per_hour"]
    for index in 1...50_000 { lines.append("质谱仪 \(index),analytical,\(600_000 + index),150") }
    let path = network.database.folder.appendingPathComponent("big.csv").path
    try lines.joined(separator: "\r\n").write(toFile: path, atomically: true, encoding: .utf8)
    var killedWhileRunning = 0
    for delay in [0.2, 0.5] {
      let process = try LabNetProcess.start(
        ["--database", network.database.url, "--as", "wang", "instrument", "import", path])
      if kill(process, after: delay) { killedWhileRunning += 1 }
      #expect(try network.database.integrityCheck() == "ok")
      let count = try network.database.scalar("SELECT count(*) FROM instrument") ?? -1
      #expect(count == 1 || count == 50_001, "after \(delay) s: \(count) instruments")
      if count == 50_001 { break }
    }
    #expect(killedWhileRunning > 0, "no import was killed mid-way; the delays need adjusting")
  }

  @Test("a stream of bookings killed part-way leaves only whole bookings")
  func bookingStream() throws {
    let network = try CLINetwork(populated: false)
    #expect(try network.run(["seed", "--scale", "0.05"], as: network.admin).status == 0)
    let bench = LabNetProcess.binary.deletingLastPathComponent().appendingPathComponent(
      "labnet-bench")
    let process = Process()
    process.executableURL = bench
    process.arguments = ["book", network.database.url, "r0001", "100000", "7"]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    #expect(kill(process, after: 1.0), "the stream was still booking when killed")
    #expect(try network.database.integrityCheck() == "ok")
    let booked = try network.database.scalar("SELECT count(*) FROM reservation") ?? 0
    #expect(booked > 0)
    // Every stored booking is whole: a fee, a status, a booker, on the grid.
    let broken = try network.database.scalar(
      "SELECT count(*) FROM reservation WHERE status NOT IN ('confirmed', 'pending') OR quoted_fee_fen <= 0 OR (starts_at + 28800) % 900 <> 0 OR ends_at - starts_at <> 900"
    )
    #expect(broken == 0)
    // And the store takes the next booking as usual.
    let next = try network.run(
      ["instrument", "list", "--format", "csv", "--limit", "1"])
    #expect(next.status == 0)
  }
}
