import Foundation
import LabNetTestSupport
import Testing

/// Faults: a store held locked, a read-only file, a full disk, a server
/// stopped mid-run. Each ends in a clear error with the documented exit code,
/// no hang, and an intact store.
@Suite("Faults", .serialized)
struct FaultTests {
  @Test(
    "a SQLite file held locked by another process past the busy timeout exits 75, not a hang",
    .enabled(
      if: !TestDatabase.isPostgres, "a SQLite file lock; PostgreSQL waits on row locks instead"))
  func lockedFile() throws {
    let network = try BookingNetwork()
    let path = String(network.network.database.url.dropFirst("sqlite:".count))
    // Another process takes the write lock and keeps it.
    let holder = Process()
    holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    holder.arguments = [
      "python3", "-c",
      "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1], isolation_level=None); c.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); time.sleep(30)",
      path,
    ]
    let ready = Pipe()
    holder.standardOutput = ready
    try holder.run()
    defer { kill(holder.processIdentifier, SIGKILL) }
    _ = ready.fileHandleForReading.availableData  // "locked"
    let started = Date()
    let outcome = try LabNetProcess.run(
      [
        "--database", path, "--as", "chen", "book", "2", "--from", "2026-12-08 09:00", "--to",
        "2026-12-08 10:00",
      ],
      environment: ["LABNET_NOW": BookingNetwork.monday, "LABNET_BUSY_TIMEOUT_MS": "200"])
    let elapsed = Date().timeIntervalSince(started)
    #expect(outcome.status == 75, "\(outcome)")
    #expect(outcome.stderr.contains("busy"), "\(outcome)")
    #expect(elapsed < 10, "gave up after \(elapsed) s")
    kill(holder.processIdentifier, SIGKILL)
    holder.waitUntilExit()
    // Once the lock is gone the same booking goes through.
    let after = try network.book(network.microscope, "2026-12-08 09:00", "2026-12-08 10:00")
    #expect(after.status == 0, "\(after)")
  }

  @Test(
    "a read-only SQLite file refuses writes clearly and keeps its data",
    .enabled(if: !TestDatabase.isPostgres, "file permissions are a SQLite matter"))
  func readOnlyFile() throws {
    let network = try BookingNetwork()
    let path = String(network.network.database.url.dropFirst("sqlite:".count))
    try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o555], ofItemAtPath: network.network.database.folder.path)
    defer {
      try? FileManager.default.setAttributes(
        [.posixPermissions: 0o755], ofItemAtPath: network.network.database.folder.path)
      try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
    }
    // Root ignores file modes: run the command as an ordinary user when we are root.
    var command = [LabNetProcess.binary.path]
    if getuid() == 0 { command = ["runuser", "-u", "nobody", "--"] + command }
    let arguments =
      command + [
        "--database", path, "--as", "chen", "book", "2", "--from", "2026-12-08 09:00", "--to",
        "2026-12-08 10:00",
      ]
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.environment = [
      "LABNET_NOW": BookingNetwork.monday, "PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
    ]
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 69, "\(message)")
    #expect(message.contains("read-only"), "\(message)")
    #expect(try network.network.database.integrityCheck() == "ok")
    #expect(try network.network.database.scalar("SELECT count(*) FROM reservation") == 0)
  }

  @Test(
    "a full disk is a clear error and leaves the database intact",
    .enabled(if: !TestDatabase.isPostgres && getuid() == 0, "needs root to mount a small tmpfs"))
  func fullDisk() throws {
    let database = try TestDatabase()
    let mount = database.folder.appendingPathComponent("small")
    try FileManager.default.createDirectory(at: mount, withIntermediateDirectories: true)
    let mounted = Process()
    mounted.executableURL = URL(fileURLWithPath: "/bin/mount")
    mounted.arguments = ["-t", "tmpfs", "-o", "size=3m", "tmpfs", mount.path]
    try mounted.run()
    mounted.waitUntilExit()
    try #require(
      mounted.terminationStatus == 0,
      "mounting a tmpfs failed; this machine cannot make a full disk")
    defer {
      let unmount = Process()
      unmount.executableURL = URL(fileURLWithPath: "/bin/umount")
      unmount.arguments = [mount.path]
      try? unmount.run()
      unmount.waitUntilExit()
    }
    let path = mount.appendingPathComponent("labnet.sqlite").path
    #expect(try LabNetProcess.run(["--database", path, "init"]).status == 0)
    let seeded = try LabNetProcess.run(["--database", path, "--as", "admin", "seed"])
    #expect(seeded.status == 69, "\(seeded)")
    #expect(seeded.stderr.contains("disk is full"), "\(seeded)")
    let stats = try LabNetProcess.run(["--database", path, "network", "stats", "--format", "json"])
    #expect(stats.status == 0, "\(stats)")
    #expect(stats.stdout.contains("\"units\": 0"), "nothing of the failed seed stayed: \(stats)")
  }

  @Test(
    "PostgreSQL stopped in the middle of a run: a clear 69, no hang",
    .enabled(if: TestDatabase.isPostgres, "a PostgreSQL server of its own"))
  func serverStopped() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "labnet-fault-\(UUID().uuidString.prefix(8))")
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("scripts/postgres").path
    // The server scripts/postgres starts outlives it and keeps every file it
    // inherits; Foundation's Process would wait for it. system() waits only
    // for the shell.
    func postgres(_ arguments: [String]) throws -> String {
      let output = folder.path + ".out"
      let command =
        ([script, "--dir", folder.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        + " >'\(output)' 2>/dev/null </dev/null"
      _ = system(command)
      let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
      try? FileManager.default.removeItem(atPath: output)
      return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    let url = try postgres(["start"])
    defer { _ = try? postgres(["stop"]) }
    try #require(url.hasPrefix("postgres://"), "could not start a server: \(url)")
    #expect(try LabNetProcess.run(["--database", url, "init"]).status == 0)
    let seeding = try LabNetProcess.start(
      ["--database", url, "--as", TestDatabase.adminLogin, "seed", "--bookings", "200000"])
    Thread.sleep(forTimeInterval: 1.0)
    let started = Date()
    _ = try postgres(["stop"])  // pg_ctl stop -m fast: sessions are ended mid-statement
    seeding.waitUntilExit()
    #expect(Date().timeIntervalSince(started) < 15, "no hang")
    #expect(seeding.terminationStatus == 69, "exit \(seeding.terminationStatus)")
    let after = try LabNetProcess.run(["--database", url, "network", "stats"])
    #expect(after.status == 69, "\(after)")
    #expect(after.stderr.contains("cannot connect"), "\(after)")
  }
}
