import Foundation
import LabNetTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A real SMTP sink (aiosmtpd) on loopback, read back line by line.
final class SMTPSink {
  static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("smtp/sink.py")

  let process = Process()
  let log = FileManager.default.temporaryDirectory.appendingPathComponent(
    "labnet-smtp-\(UUID().uuidString).jsonl")
  let port: Int

  init(environment: [String: String] = [:]) throws {
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", Self.script.path, log.path]
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let line = String(
      decoding: output.fileHandleForReading.availableData, as: UTF8.self
    ).trimmingCharacters(in: .whitespacesAndNewlines)
    guard let port = Int(line) else {
      kill(process.processIdentifier, SIGKILL)
      throw Failure(
        "the SMTP sink did not start (aiosmtpd: scripts/test installs it; by hand: python3 -m pip install aiosmtpd): \(line)"
      )
    }
    self.port = port
  }

  var server: String { "127.0.0.1:\(port)" }

  /// Every message accepted so far.
  func messages() throws -> [[String: Any]] {
    guard let data = FileManager.default.contents(atPath: log.path) else { return [] }
    return try String(decoding: data, as: UTF8.self).split(separator: "\n").map {
      try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
    }
  }

  func stop() {
    // SIGKILL: a child of the test runner may inherit a mask that blocks SIGTERM.
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    try? FileManager.default.removeItem(at: log)
  }
}

/// "`notify send` delivers every outbox message exactly once to the right
/// address, even when the sink refuses the first attempt. A message is never
/// lost when `notify send` is killed mid-batch: it is delivered on the next
/// run, at worst twice, never zero times."
@Suite("notify send, to a real SMTP sink")
struct NotifyTests {
  /// 2026-12-07 08:00 in Shanghai, BookingNetwork's clock, in seconds.
  static let monday: Int64 = 1_796_601_600

  /// Writes `count` messages for `login` straight into the outbox.
  func write(_ count: Int, for login: String, in network: BookingNetwork) throws {
    for index in 0..<count {
      _ = try network.network.database.scalar(
        """
        INSERT INTO notification (account_id, kind, subject, body, created_at, next_attempt_at)
        SELECT id, 'test', '测试消息 \(index) / Test message \(index)', '正文 \(index)\n\nBody \(index)',
          \(Self.monday), \(Self.monday) FROM account WHERE login = '\(login)'
        """)
    }
  }

  func send(_ network: BookingNetwork, _ sink: SMTPSink, minutesLater: Int = 0) throws -> Outcome {
    try network.network.runLocally(
      ["notify", "send", "--smtp", sink.server, "--format", "json"],
      now: minutesLater == 0
        ? nil : String(format: "2026-12-07 %02d:%02d", 8 + minutesLater / 60, minutesLater % 60))
  }

  @Test("every message reaches its address exactly once, the refused one on the next run")
  func exactlyOnce() throws {
    let network = try BookingNetwork()
    for (login, address) in [("chen", "chen@example.cn"), ("li", "li.na@example.cn")] {
      let set = try network.run(["account", "email", login, address], as: network.network.admin)
      #expect(set.status == 0, "\(set)")
    }
    #expect(
      try network.run(["account", "email", "li", "not an address"], as: "li").status == 65)
    // A real message: chen waits for a full day that li then frees.
    let full = try network.book(
      network.microscope, "2026-12-08 08:00", "2026-12-08 20:00", as: "li")
    #expect(
      try network.run(
        [
          "waitlist", "join", "\(network.microscope)", "--from", "2026-12-08 08:00", "--to",
          "2026-12-08 20:00", "--duration", "2h",
        ], as: "chen"
      ).status == 0)
    #expect(
      try network.run(["booking", "cancel", "\(BookingNetwork.id(full) ?? 0)"], as: "li").status
        == 0)
    try write(2, for: "li", in: network)
    try write(1, for: "chen", in: network)
    try write(1, for: "wang", in: network)  // no address: stays on the pages

    let sink = try SMTPSink(environment: ["REFUSE_FIRST": "1"])
    defer { sink.stop() }
    let first = try send(network, sink)
    #expect(first.status == 75, "\(first)")
    #expect(first.stderr.contains("did not take the message"), "\(first.stderr)")
    // The three written, and chen's reminder: the waitlist's booking starts within a day.
    #expect(try sink.messages().count == 4)
    let second = try send(network, sink, minutesLater: 2)
    #expect(second.status == 0, "\(second)")
    let third = try send(network, sink, minutesLater: 5)
    #expect(BookingNetwork.field(third, "sent") as? Int == 0, "\(third)")

    let messages = try sink.messages()
    let ids = messages.compactMap { $0["message_id"] as? String }
    #expect(ids.count == 5 && Set(ids).count == 5, "each once: \(ids)")
    let byAddress = Dictionary(grouping: messages) { ($0["to"] as? [String])?.first ?? "" }
    #expect(byAddress["chen@example.cn"]?.count == 3)
    #expect(
      byAddress["chen@example.cn"]?.contains {
        ($0["subject"] as? String)?.contains("Reminder") == true
      } == true)
    #expect(byAddress["li.na@example.cn"]?.count == 2)
    let waitlisted = try #require(
      byAddress["chen@example.cn"]?.first { ($0["subject"] as? String)?.contains("候补成功") == true })
    #expect((waitlisted["body"] as? String)?.contains("is yours") == true, "Chinese, then English")
  }

  @Test("a run killed mid-batch loses nothing: the next run delivers the rest")
  func killedMidBatch() throws {
    let network = try BookingNetwork()
    #expect(
      try network.run(["account", "email", "chen", "chen@example.cn"], as: network.network.admin)
        .status == 0)
    try write(6, for: "chen", in: network)
    let sink = try SMTPSink(environment: ["DELAY": "0.4"])
    defer { sink.stop() }
    let process = try LabNetProcess.start(
      ["--database", network.network.database.url, "notify", "send", "--smtp", sink.server],
      environment: ["LABNET_NOW": BookingNetwork.monday])
    usleep(1_300_000)
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    usleep(800_000)  // a send the kill left in flight finishes or fails
    let before = try sink.messages().count
    #expect(before < 6, "killed before the end: \(before) delivered")
    // Past the 5-minute claim of the message in flight.
    let rest = try send(network, sink, minutesLater: 10)
    #expect(rest.status == 0, "\(rest)")
    let ids = try sink.messages().compactMap { $0["message_id"] as? String }
    #expect(Set(ids).count == 6, "every message delivered: \(ids)")
    let counts = Dictionary(grouping: ids) { $0 }.mapValues(\.count)
    #expect(counts.values.allSatisfy { $0 <= 2 }, "at worst twice: \(counts)")
  }
}

@Suite("labnet serve --smtp")
struct ServeNotifyTests {
  @Test("the server delivers the outbox in the background")
  func serverDelivers() throws {
    let network = try BookingNetwork()
    #expect(
      try network.run(["account", "email", "chen", "chen@example.cn"], as: network.network.admin)
        .status == 0)
    try NotifyTests().write(2, for: "chen", in: network)
    let sink = try SMTPSink()
    defer { sink.stop() }
    let server = try LiveServer(
      database: network.network.database, now: BookingNetwork.monday,
      environment: ["LABNET_SMTP": sink.server, "LABNET_NOTIFY_INTERVAL": "1"])
    defer { _ = server.stop() }
    let deadline = Date().addingTimeInterval(20)
    while try sink.messages().count < 2 && Date() < deadline { usleep(200_000) }
    let ids = try sink.messages().compactMap { $0["message_id"] as? String }
    #expect(Set(ids).count == 2 && ids.count == 2, "\(ids)")
  }
}
