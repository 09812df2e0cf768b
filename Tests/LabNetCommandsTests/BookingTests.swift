import Foundation
import LabNetTestSupport
import Testing

/// A network with bookable instruments and a clock fixed at Monday
/// 2026-12-07 08:00 China Standard Time.
struct BookingNetwork {
  static let monday = "2026-12-07 08:00"
  var network: CLINetwork
  /// 透射电子显微镜 of 复旦大学: flagship (12,500,000 yuan), 1,500 yuan/h, Mon-Fri 08:00-20:00.
  let flagship: Int64 = 1
  /// 扫描电镜 of 复旦大学: large (800,000 yuan), 200 yuan/h, Mon-Fri 08:00-20:00.
  let microscope: Int64 = 2

  /// `remote`: every command after the store's set-up goes through a live
  /// server with `--server`, as its login signed in.
  init(remote: Bool = false) throws {
    network = try CLINetwork()
    network.environment["LABNET_NOW"] = Self.monday
    if remote { network.remote = try RemoteCLI() }
    for (login, name, unit) in [("li", "李娜", "复旦大学"), ("chen", "陈杰", "浙江大学")] {
      let outcome = try network.run(
        ["account", "add", login, "--name", name, "--role", "researcher", "--unit", unit],
        as: network.admin)
      guard outcome.status == 0 else { throw Failure("\(outcome)") }
    }
    let registered = try network.run(
      [
        "instrument", "register", "--unit", "复旦大学", "--name", "扫描电镜", "--category", "analytical",
        "--value", "800000", "--rate", "200",
      ], as: "wang")
    guard registered.status == 0 else { throw Failure("\(registered)") }
  }

  func run(_ arguments: [String], as login: String? = nil, now: String? = nil) throws -> Outcome {
    try network.run(arguments, as: login, now: now)
  }

  func book(_ instrument: Int64, _ from: String, _ to: String, as login: String = "chen") throws
    -> Outcome
  {
    try run(["book", "\(instrument)", "--from", from, "--to", to, "--format", "json"], as: login)
  }

  /// The id in a JSON record printed by a command.
  static func id(_ outcome: Outcome) -> Int64? {
    let json = try? JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
    return (json?["id"] as? Int).map(Int64.init)
  }

  static func field(_ outcome: Outcome, _ key: String) -> Any? {
    let json = try? JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
    return json?[key]
  }
}

@Suite("Booking through the binary")
struct BookingTests {
  @Test(
    "times that break a rule get their code and a message naming the rule",
    arguments: [
      (
        "end before start", "2026-12-08 10:00", "2026-12-08 09:00", Int32(65),
        "must be after the start"
      ),
      ("zero length", "2026-12-08 09:00", "2026-12-08 09:00", 65, "must be after the start"),
      ("off the grid", "2026-12-08 09:07", "2026-12-08 10:00", 67, "15-minute steps"),
      ("29 February of 2027", "2027-02-29 09:00", "2027-02-29 10:00", 65, "February 2027"),
      ("in the past", "2026-12-04 09:00", "2026-12-04 10:00", 67, "in the past"),
      ("beyond the horizon", "2027-03-08 09:00", "2027-03-08 10:00", 67, "90 days ahead"),
      (
        "closed on Saturday", "2026-12-12 09:00", "2026-12-12 10:00", 67,
        "closed at 2026-12-12 09:00 (Saturday)"
      ),
      (
        "past closing time", "2026-12-08 19:00", "2026-12-08 21:00", 67,
        "closed at 2026-12-08 20:00"
      ),
      ("longer than 72 hours", "2026-12-08 08:00", "2026-12-11 09:00", 67, "at most 72h"),
      ("malformed", "tomorrow", "2026-12-08 10:00", 65, "tomorrow"),
    ])
  func badTimes(label: String, from: String, to: String, code: Int32, message: String) throws {
    let network = try BookingNetwork()
    let outcome = try network.book(network.microscope, from, to)
    #expect(outcome.status == code, "\(label): \(outcome)")
    #expect(outcome.stderr.contains(message), "\(label): \(outcome.stderr)")
    #expect(outcome.stdout.isEmpty)
    let list = try network.run(["booking", "list", "--format", "csv"], as: network.network.admin)
    #expect(list.stdout.split(separator: "\r\n").count == 1, "\(label): nothing was booked")
  }

  @Test("a maintenance block refuses bookings, and covers bookings only when asked")
  func blocks() throws {
    let network = try BookingNetwork()
    let booked = try network.book(network.microscope, "2026-12-08 14:00", "2026-12-08 15:00")
    #expect(booked.status == 0, "\(booked)")
    let block = [
      "instrument", "block", "2", "--from", "2026-12-08 08:00", "--to", "2026-12-08 18:00",
      "--reason", "年度维护",
    ]
    let refused = try network.run(block, as: "wang")
    #expect(refused.status == 67, "\(refused)")
    #expect(refused.stderr.contains("--cancel-bookings"))
    let other = try network.run(block, as: "zhang")
    #expect(other.status == 77, "\(other)")
    let blocked = try network.run(block + ["--cancel-bookings", "--format", "json"], as: "wang")
    #expect(blocked.status == 0, "\(blocked)")
    let id = try #require(BookingNetwork.id(booked))
    let shown = try network.run(["booking", "show", "\(id)", "--format", "json"], as: "chen")
    #expect(BookingNetwork.field(shown, "status") as? String == "cancelled")
    #expect(BookingNetwork.field(shown, "status_reason") as? String == "maintenance: 年度维护")
    let again = try network.book(network.microscope, "2026-12-08 09:00", "2026-12-08 10:00")
    #expect(again.status == 67, "\(again)")
    #expect(again.stderr.contains("blocked for maintenance from 2026-12-08T08:00:00+08:00"))
  }

  @Test("an overlapping booking is refused with when, not by whom", arguments: [false, true])
  func overlap(throughServer: Bool) throws {
    let network = try BookingNetwork(remote: throughServer)
    #expect(
      try network.book(network.microscope, "2026-12-08 09:00", "2026-12-08 11:00", as: "li").status
        == 0)
    let refused = try network.book(network.microscope, "2026-12-08 10:30", "2026-12-08 12:00")
    #expect(refused.status == 67, "\(refused)")
    #expect(
      refused.stderr.contains("booked from 2026-12-08T09:00:00+08:00 to 2026-12-08T11:00:00+08:00"))
    let words = refused.stderr.split { !$0.isLetter }
    #expect(!words.contains("li") && !refused.stderr.contains("李娜"), "not by whom")
    // Back to back is fine.
    #expect(
      try network.book(network.microscope, "2026-12-08 11:00", "2026-12-08 12:00").status == 0)
    let free = try network.run(
      [
        "availability", "2", "--from", "2026-12-08 00:00", "--to", "2026-12-09 00:00", "--format",
        "csv",
      ])
    #expect(
      try parseCSV(free.stdout) == [
        ["start", "end", "minutes"],
        ["2026-12-08T08:00:00+08:00", "2026-12-08T09:00:00+08:00", "60"],
        ["2026-12-08T12:00:00+08:00", "2026-12-08T20:00:00+08:00", "480"],
      ])
  }

  @Test(
    "a flagship booking waits for the manager's approval; rejection says why",
    arguments: [false, true])
  func approval(throughServer: Bool) throws {
    let network = try BookingNetwork(remote: throughServer)
    let pending = try network.book(network.flagship, "2026-12-09 09:00", "2026-12-09 11:00")
    #expect(pending.status == 0, "\(pending)")
    #expect(BookingNetwork.field(pending, "status") as? String == "pending")
    #expect(BookingNetwork.field(pending, "quoted_fee_yuan") as? String == "3000.00")
    let id = try #require(BookingNetwork.id(pending))
    #expect(try network.run(["booking", "approve", "\(id)"], as: "chen").status == 77)
    #expect(try network.run(["booking", "approve", "\(id)"], as: "zhang").status == 77)
    let approved = try network.run(["booking", "approve", "\(id)", "--format", "json"], as: "wang")
    #expect(BookingNetwork.field(approved, "status") as? String == "confirmed", "\(approved)")
    let twice = try network.run(["booking", "approve", "\(id)"], as: "wang")
    #expect(twice.status == 67, "\(twice)")
    let second = try network.book(network.flagship, "2026-12-10 09:00", "2026-12-10 10:00")
    let secondID = try #require(BookingNetwork.id(second))
    let rejected = try network.run(
      ["booking", "reject", "\(secondID)", "--reason", "样品不适合", "--format", "json"], as: "wang")
    #expect(BookingNetwork.field(rejected, "status") as? String == "rejected")
    #expect(BookingNetwork.field(rejected, "status_reason") as? String == "样品不适合")
    // The rejected time is free again.
    #expect(
      try network.book(network.flagship, "2026-12-10 09:00", "2026-12-10 10:00", as: "li").status
        == 0)
  }

  @Test(
    "cancel, complete and no-show: who may, when, and what is charged", arguments: [false, true])
  func lifecycle(throughServer: Bool) throws {
    let network = try BookingNetwork(remote: throughServer)
    let first = try #require(
      BookingNetwork.id(
        try network.book(network.microscope, "2026-12-08 09:00", "2026-12-08 11:00")))
    let second = try #require(
      BookingNetwork.id(
        try network.book(network.microscope, "2026-12-08 13:00", "2026-12-08 14:00")))
    let third = try #require(
      BookingNetwork.id(
        try network.book(network.microscope, "2026-12-08 15:00", "2026-12-08 16:00")))
    // Someone else's booking.
    #expect(try network.run(["booking", "cancel", "\(first)"], as: "li").status == 77)
    // The booker cancels before it starts.
    let cancelled = try network.run(
      ["booking", "cancel", "\(third)", "--reason", "计划变更", "--format", "json"], as: "chen")
    #expect(BookingNetwork.field(cancelled, "status") as? String == "cancelled", "\(cancelled)")
    // Once started, only the manager may cancel.
    let late = try network.run(
      ["booking", "cancel", "\(first)"], as: "chen", now: "2026-12-08 09:30")
    #expect(late.status == 67, "\(late)")
    // Completion charges the greater of booked time and actual use: 2h at 200 yuan/h.
    let early = try network.run(
      [
        "booking", "complete", "\(first)", "--used-from", "2026-12-08 09:00", "--used-to",
        "2026-12-08 10:30",
      ],
      as: "wang", now: "2026-12-08 10:00")
    #expect(early.status == 67, "use cannot end in the future: \(early)")
    let completed = try network.run(
      [
        "booking", "complete", "\(first)", "--used-from", "2026-12-08 09:00", "--used-to",
        "2026-12-08 10:30", "--format", "json",
      ],
      as: "wang", now: "2026-12-08 12:00")
    #expect(BookingNetwork.field(completed, "status") as? String == "completed", "\(completed)")
    #expect(BookingNetwork.field(completed, "charged_fee_yuan") as? String == "400.00")
    #expect(BookingNetwork.field(completed, "quoted_fee_yuan") as? String == "400.00")
    // A no-show is charged the quoted fee, and only after the start.
    #expect(
      try network.run(["booking", "no-show", "\(second)"], as: "wang", now: "2026-12-08 12:00")
        .status == 67)
    #expect(
      try network.run(["booking", "no-show", "\(second)"], as: "chen", now: "2026-12-08 15:00")
        .status == 77)
    let noShow = try network.run(
      ["booking", "no-show", "\(second)", "--format", "json"], as: "wang", now: "2026-12-08 15:00")
    #expect(BookingNetwork.field(noShow, "status") as? String == "no_show", "\(noShow)")
    #expect(BookingNetwork.field(noShow, "charged_fee_yuan") as? String == "200.00")
    // Unknown bookings are not found.
    #expect(try network.run(["booking", "show", "999"], as: "chen").status == 66)
  }

  @Test("the rate quoted at booking holds after the manager changes it", arguments: [false, true])
  func frozenRate(throughServer: Bool) throws {
    let network = try BookingNetwork(remote: throughServer)
    let booked = try network.book(network.microscope, "2026-12-08 09:00", "2026-12-08 11:00")
    #expect(BookingNetwork.field(booked, "rate_yuan_per_hour") as? String == "200.00", "\(booked)")
    #expect(BookingNetwork.field(booked, "quoted_fee_yuan") as? String == "400.00")
    let id = try #require(BookingNetwork.id(booked))
    let raised = try network.run(["instrument", "update", "2", "--rate", "350"], as: "wang")
    #expect(raised.status == 0, "\(raised)")
    let completed = try network.run(
      [
        "booking", "complete", "\(id)", "--used-from", "2026-12-08 09:00", "--used-to",
        "2026-12-08 10:30", "--format", "json",
      ],
      as: "wang", now: "2026-12-08 12:00")
    // Billed on the greater of 2h booked and 1h30m used, at the rate of the quote.
    #expect(
      BookingNetwork.field(completed, "charged_fee_yuan") as? String == "400.00", "\(completed)")
    #expect(BookingNetwork.field(completed, "rate_yuan_per_hour") as? String == "200.00")
    let later = try network.book(network.microscope, "2026-12-09 09:00", "2026-12-09 10:00")
    #expect(
      BookingNetwork.field(later, "quoted_fee_yuan") as? String == "350.00",
      "new bookings, new rate")
  }

  @Test(
    "retiring is refused while bookings are to come, unless they are cancelled",
    arguments: [false, true])
  func retire(throughServer: Bool) throws {
    let network = try BookingNetwork(remote: throughServer)
    let booked = try network.book(network.microscope, "2026-12-08 09:00", "2026-12-08 11:00")
    let id = try #require(BookingNetwork.id(booked), "\(booked)")
    let refused = try network.run(["instrument", "retire", "2"], as: "wang")
    #expect(refused.status == 67, "\(refused)")
    #expect(refused.stderr.contains("\(id) at 2026-12-08T09:00:00+08:00"), "\(refused)")
    #expect(
      try network.run(["instrument", "retire", "2", "--cancel-bookings"], as: "chen").status == 77)
    let retired = try network.run(
      ["instrument", "retire", "2", "--cancel-bookings", "--format", "json"], as: "wang")
    #expect(BookingNetwork.field(retired, "status") as? String == "retired", "\(retired)")
    let shown = try network.run(["booking", "show", "\(id)", "--format", "json"], as: "chen")
    #expect(BookingNetwork.field(shown, "status") as? String == "cancelled", "\(shown)")
    #expect(BookingNetwork.field(shown, "status_reason") as? String == "instrument retired")
    let update = try network.run(["instrument", "update", "2", "--status", "retired"], as: "wang")
    #expect(update.status == 65, "\(update)")
  }

  @Test("booking list shows each person what they may see", arguments: [false, true])
  func visibility(throughServer: Bool) throws {
    let network = try BookingNetwork(remote: throughServer)
    _ = try network.book(network.microscope, "2026-12-08 09:00", "2026-12-08 10:00", as: "li")
    _ = try network.book(network.microscope, "2026-12-08 10:00", "2026-12-08 11:00", as: "chen")
    func count(_ login: String, _ extra: [String] = []) throws -> Int {
      try parseCSV(
        try network.run(["booking", "list", "--format", "csv"] + extra, as: login).stdout
      ).count - 1
    }
    #expect(try count("li") == 1)
    #expect(try count("chen") == 1)
    #expect(try count("wang") == 2)  // the manager of the instrument's unit
    #expect(try count("zhang") == 0)
    #expect(try count(network.network.admin) == 2)
    #expect(try count("wang", ["--mine"]) == 0)
    #expect(
      try count(
        "wang", ["--status", "confirmed", "--from", "2026-12-08 09:30", "--to", "2026-12-08 09:45"])
        == 1)
    let other = try network.run(["booking", "show", "1"], as: "chen")
    #expect(other.status == 77, "\(other)")
  }

  @Test("the calendar file is RFC 5545 that a real iCalendar parser reads")
  func calendar() throws {
    let network = try BookingNetwork()
    let booked = try network.book(network.microscope, "2026-12-08 09:00", "2026-12-08 10:30")
    _ = try network.book(network.flagship, "2026-12-09 13:00", "2026-12-09 14:00")
    let path = network.network.database.folder.appendingPathComponent("chen.ics").path
    let written = try network.run(["booking", "calendar", "--output", path], as: "chen")
    #expect(written.status == 0, "\(written)")
    let id = try #require(BookingNetwork.id(booked))
    let events = try readICalendar(path)
    #expect(events.count == 2)
    // UIDs carry the installation's id: two networks never share one.
    let first = try #require(
      events.first {
        ($0["UID"] ?? "").range(
          of: #"^booking-\#(id)@[0-9a-f]{32}\.labnet$"#, options: .regularExpression) != nil
      })
    // Confirmed at once: SEQUENCE 1; the flagship's pending one is 0.
    #expect(first["SEQUENCE"] == "1")
    #expect(events.contains { $0["STATUS"] == "TENTATIVE" && $0["SEQUENCE"] == "0" })
    #expect(first["DTSTART"] == "2026-12-08T01:00:00+00:00")
    #expect(first["DTEND"] == "2026-12-08T02:30:00+00:00")
    #expect(first["SUMMARY"] == "扫描电镜 (instrument 2)")
    #expect(first["LOCATION"] == "复旦大学")
    #expect(events.contains { $0["STATUS"] == "TENTATIVE" })
    let manager = try network.run(["booking", "calendar", "--instrument", "2"], as: "wang")
    #expect(manager.stdout.contains("BEGIN:VEVENT"))
    #expect(try network.run(["booking", "calendar", "--instrument", "2"], as: "chen").status == 77)
  }

  @Test("network search finds a free run soonest first, filtered")
  func search() throws {
    let network = try BookingNetwork()
    _ = try network.book(network.microscope, "2026-12-07 08:00", "2026-12-07 20:00", as: "li")
    let found = try network.run(
      [
        "availability", "search", "--from", "2026-12-07 08:00", "--to", "2026-12-14 00:00",
        "--duration", "4h",
        "--province", "上海", "--format", "csv",
      ])
    #expect(found.status == 0, "\(found)")
    let rows = try parseCSV(found.stdout)
    #expect(rows.count == 3, "\(rows)")
    // The flagship is free first thing Monday; the microscope only on Tuesday.
    #expect(rows[1][0] == "1" && rows[1][6] == "2026-12-07T08:00:00+08:00")
    #expect(rows[2][0] == "2" && rows[2][6] == "2026-12-08T08:00:00+08:00")
    #expect(rows[2][7] == "2026-12-08T12:00:00+08:00")
    let cheap = try network.run(
      [
        "availability", "search", "--from", "2026-12-07 08:00", "--to", "2026-12-14 00:00",
        "--duration", "4h",
        "--max-rate", "500", "--format", "csv",
      ])
    #expect(try parseCSV(cheap.stdout).map { $0[0] } == ["id", "2"])
    let none = try network.run(
      [
        "availability", "search", "--from", "2026-12-07 08:00", "--to", "2026-12-14 00:00",
        "--duration", "13h",
      ])
    #expect(none.stdout == "(none)\n", "\(none)")
  }
}

/// Events of an .ics file as Python's icalendar package reads them.
func readICalendar(_ path: String) throws -> [[String: String]] {
  let script = """
    import icalendar, json, sys
    calendar = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
    events = []
    for event in calendar.walk('VEVENT'):
        events.append({
            'UID': str(event['UID']), 'SUMMARY': str(event['SUMMARY']),
            'LOCATION': str(event['LOCATION']), 'STATUS': str(event['STATUS']),
            'DTSTART': event.decoded('DTSTART').isoformat(), 'DTEND': event.decoded('DTEND').isoformat(),
            'DTSTAMP': event.decoded('DTSTAMP').isoformat(),
            'SEQUENCE': str(event.get('SEQUENCE', '')), 'DESCRIPTION': str(event['DESCRIPTION']),
        })
    print(json.dumps(events))
    """
  let data = try python(script, [path])
  return try JSONSerialization.jsonObject(with: data) as? [[String: String]] ?? []
}
