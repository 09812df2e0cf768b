import Foundation
import LabNetTestSupport
import Testing

/// Races of real `labnet` processes (16 to 40 at once) on the backend of this
/// build, each followed by SQL checks of the invariants the race could break.
@Suite("Races", .serialized)
struct Races {
  /// Tuesday 2026-12-08, the first day the races book (at Monday 08:00) and run on.
  static let tuesday = 8

  /// Each race that hangs on a narrow window is run this many times, on new bookings.
  static let rounds = 3

  @Test("redeeming races cancelling and rejecting: no cancelled or rejected booking keeps money")
  func redeemVersusCancel() throws {
    let network = try VoucherNetwork()
    // Cancelling and rejecting give the vouchers back, so every round reuses them.
    let codes = try network.issue(count: 16, amount: "1000")
    for round in 0..<Self.rounds {
      var entries: [RaceEntry] = []
      var changes: [Int] = []
      for (index, hour) in (9...16).enumerated() {
        // The flagship's bookings are pending: the manager rejects them. The
        // microscope's are confirmed: the booker cancels them.
        let day = Self.tuesday + round
        let pending = try network.booked(network.booking.flagship, day: day, hour: hour)
        let confirmed = try network.booked(network.booking.microscope, day: day, hour: hour)
        let redeems = [pending, confirmed].enumerated().map { slot, booking in
          RaceEntry(
            "qian", ["voucher", "redeem", codes[2 * index + slot], "--booking", "\(booking)"])
        }
        let ends = [
          RaceEntry("wang", ["booking", "reject", "\(pending)", "--reason", "样品不适合"]),
          RaceEntry("qian", ["booking", "cancel", "\(confirmed)", "--reason", "计划变更"]),
        ]
        // Half the time the redemption starts first, half the time the change.
        for (redeem, end) in zip(redeems, ends) {
          let first = index % 2 == 0
          changes.append(entries.count + (first ? 1 : 0))
          entries += first ? [redeem, end] : [end, redeem]
        }
      }
      #expect(entries.count == 32)
      let outcomes = try network.booking.network.race(entries)
      expectExits(outcomes, in: [0, 67], "round \(round): every process is done or refused")
      expectExits(
        changes.map { outcomes[$0] }, in: [0], "round \(round): a redemption stopped a change")
    }
    let database = network.booking.network.database
    #expect(
      try database.scalar(
        "SELECT count(*) FROM reservation WHERE status NOT IN ('cancelled', 'rejected')") == 0)
    try expectNone(
      database, "cancelled or rejected bookings that vouchers still pay",
      """
      SELECT r.id AS id FROM reservation AS r
      WHERE r.status IN ('cancelled', 'rejected')
        AND (SELECT coalesce(-sum(l.amount_fen), 0) FROM voucher_ledger AS l
             WHERE l.reservation_id = r.id) <> 0
      """)
    try expectNone(
      database, "vouchers not back at their face value",
      "SELECT v.id AS id FROM voucher AS v WHERE v.balance_fen <> v.face_value_fen")
    try expectInvariants(database)
  }

  @Test("several vouchers of one unit redeemed on one booking at once pay at most its share")
  func severalVouchersOneBooking() throws {
    let network = try VoucherNetwork()
    // Four vouchers for each booking, so no redemption waits for another of
    // the same voucher; each pays at most 750.00 a round, so every balance
    // covers a whole share in every round.
    let codes = try network.issue(count: 32, amount: "3000")
    for round in 0..<Self.rounds {
      var entries: [RaceEntry] = []
      var ranges: [(booking: Int64, racers: Range<Int>)] = []
      let day = Self.tuesday + round
      for index in 0..<8 {
        // Flagship bookings of 1,500.00 (share 750.00), microscope ones of 400.00 (200.00).
        let booking =
          index % 2 == 0
          ? try network.booked(network.booking.flagship, day: day, hour: 9 + index)
          : try network.booked(network.booking.microscope, day: day, hour: 8 + index, hours: 2)
        let start = entries.count
        for offset in 0..<4 {
          entries.append(
            RaceEntry(
              "qian", ["voucher", "redeem", codes[4 * index + offset], "--booking", "\(booking)"]))
        }
        ranges.append((booking, start..<entries.count))
      }
      #expect(entries.count == 32)
      let outcomes = try network.booking.network.race(entries)
      expectExits(outcomes, in: [0, 67], "round \(round): every process is done or refused")
      for (booking, racers) in ranges {
        // The balances are ample, so the first redemption pays the whole share.
        let paid = outcomes[racers].filter { $0.status == 0 }.count
        #expect(paid == 1, "booking \(booking): one redemption pays, not \(paid)")
      }
    }
    let database = network.booking.network.database
    try expectNone(
      database, "bookings vouchers pay other than exactly the share of",
      """
      SELECT r.id AS id FROM reservation AS r JOIN voucher_policy AS p ON p.province = 'ZJ'
      WHERE (SELECT coalesce(-sum(l.amount_fen), 0) FROM voucher_ledger AS l
             WHERE l.reservation_id = r.id) <> \(Self.share("r.quoted_fee_fen"))
      """)
    try expectInvariants(database)
  }

  @Test("redeeming races completion: a completed booking's vouchers pay at most the charge's share")
  func redeemVersusComplete() throws {
    let network = try VoucherNetwork()
    // One voucher for each booking of a round, paying at most 100.00 a round after settling.
    let codes = try network.issue(count: 12, amount: "1000")
    let actual = try network.booking.run(
      ["instrument", "update", "\(network.booking.microscope)", "--billing", "actual"], as: "wang")
    #expect(actual.status == 0, "billed on actual use, so settling gives money back: \(actual)")
    var redeems: [(booking: Int64, outcome: Outcome)] = []
    for round in 0..<Self.rounds {
      // Tuesday to Thursday of one week a round, raced on the Thursday evening.
      let days = (0..<3).map { Self.tuesday + 7 * round + $0 }
      var entries: [RaceEntry] = []
      var slots: [(index: Int, booking: Int64)] = []
      for day in days {
        for hour in [9, 11, 13, 15] {
          // 400.00 booked, used for one of its two hours: charged 200.00, share 100.00.
          let booking = try network.booked(
            network.booking.microscope, day: day, hour: hour, hours: 2)
          let redeem = RaceEntry(
            "qian", ["voucher", "redeem", codes[slots.count], "--booking", "\(booking)"])
          let complete = RaceEntry(
            "wang",
            [
              "booking", "complete", "\(booking)", "--used-from", Self.time(day, hour),
              "--used-to", Self.time(day, hour + 1),
            ])
          let first = slots.count % 2 == 0
          slots.append((entries.count + (first ? 0 : 1), booking))
          entries += first ? [redeem, complete] : [complete, redeem]
        }
      }
      #expect(entries.count == 24)
      let outcomes = try network.booking.network.race(
        entries, now: Self.time(days[2], 20))
      expectExits(outcomes, in: [0, 67], "round \(round): every process is done or refused")
      let completes = outcomes.indices.filter { index in !slots.contains { $0.index == index } }
      expectExits(
        completes.map { outcomes[$0] }, in: [0], "round \(round): a redemption stopped a completion"
      )
      redeems += slots.map { ($0.booking, outcomes[$0.index]) }
    }
    let database = network.booking.network.database
    #expect(
      try database.scalar("SELECT count(*) FROM reservation WHERE status <> 'completed'") == 0)
    try expectNone(
      database, "completed bookings vouchers pay more than the charge's share of",
      """
      SELECT r.id AS id FROM reservation AS r JOIN voucher_policy AS p ON p.province = 'ZJ'
      WHERE r.status = 'completed'
        AND (SELECT coalesce(-sum(l.amount_fen), 0) FROM voucher_ledger AS l
             WHERE l.reservation_id = r.id) > \(Self.share("r.charged_fee_fen"))
      """)
    // A redemption before completion is settled to 100.00; one after it is refused.
    let paid = redeems.filter { $0.outcome.status == 0 }.map(\.booking)
    let refused = redeems.filter { $0.outcome.status != 0 }.map(\.booking)
    try expectNone(
      database, "bookings a redemption paid, not settled to the charge's share",
      """
      SELECT r.id AS id FROM reservation AS r
      WHERE r.id IN \(Self.list(paid))
        AND (SELECT coalesce(-sum(l.amount_fen), 0) FROM voucher_ledger AS l
             WHERE l.reservation_id = r.id) <> 10000
      """)
    try expectNone(
      database, "bookings vouchers pay though the redemption was refused",
      """
      SELECT l.reservation_id AS id FROM voucher_ledger AS l
      WHERE l.reservation_id IN \(Self.list(refused))
      """)
    try expectInvariants(database)
  }

  @Test("a block cancelling bookings races their completion: each ends one way, whole")
  func blockVersusComplete() throws {
    let network = try VoucherNetwork()
    let code = try network.issue("5000")
    var instruments = [network.booking.microscope]
    for number in 1...3 {
      let registered = try network.run(
        [
          "instrument", "register", "--unit", "复旦大学", "--name", "原子力显微镜\(number)", "--category",
          "analytical", "--value", "400000", "--rate", "100", "--format", "json",
        ], as: "wang")
      instruments.append(try #require(BookingNetwork.id(registered), "\(registered)"))
    }
    var completed: [Int64] = []
    var refused: [Int64] = []
    var cancelled: [Int64] = []
    for round in 0..<Self.rounds {
      // Bookings from 08:00 to 12:00, raced at noon against blocks of the day.
      let day = Self.tuesday + round
      var entries: [RaceEntry] = []
      var blocks: [Int] = []
      var completes: [(index: Int, booking: Int64)] = []
      for instrument in instruments {
        let windows = [(8, 18), (10, 16)].map { from, to in
          RaceEntry(
            "wang",
            [
              "instrument", "block", "\(instrument)", "--from", Self.time(day, from), "--to",
              Self.time(day, to), "--reason", "年度维护", "--cancel-bookings", "--format", "json",
            ])
        }
        blocks.append(entries.count)
        entries.append(windows[0])
        for hour in 8...11 {
          // Every other booking is paid with the voucher at booking time.
          let booking = try network.booked(
            instrument, day: day, hour: hour, voucher: hour % 2 == 0 ? code : nil)
          completes.append((entries.count, booking))
          entries.append(
            RaceEntry(
              "wang",
              [
                "booking", "complete", "\(booking)", "--used-from", Self.time(day, hour),
                "--used-to", Self.time(day, hour, 30),
              ]))
          if hour == 9 {
            blocks.append(entries.count)
            entries.append(windows[1])
          }
        }
      }
      #expect(entries.count == 24)
      let outcomes = try network.booking.network.race(entries, now: Self.time(day, 12))
      expectExits(outcomes, in: [0, 67], "round \(round): every process is done or refused")
      // The two blocks of an instrument overlap: one is made, the other refused as overlapping.
      for pair in stride(from: 0, to: blocks.count, by: 2) {
        let statuses = [outcomes[blocks[pair]].status, outcomes[blocks[pair + 1]].status]
        #expect(statuses.sorted() == [0, 67], "round \(round): one block of two: \(statuses)")
      }
      completed += completes.filter { outcomes[$0.index].status == 0 }.map(\.booking)
      refused += completes.filter { outcomes[$0.index].status != 0 }.map(\.booking)
      cancelled += blocks.flatMap { index -> [Int64] in
        let ids = BookingNetwork.field(outcomes[index], "cancelled_bookings") as? [String]
        return (ids ?? []).compactMap { Int64($0) }
      }
    }
    let database = network.booking.network.database
    try expectNone(
      database, "cancelled bookings with a use or a charge",
      """
      SELECT id FROM reservation WHERE status = 'cancelled'
        AND (used_from IS NOT NULL OR used_to IS NOT NULL OR charged_fee_fen IS NOT NULL)
      """)
    #expect(
      try database.scalar(
        "SELECT count(*) FROM reservation WHERE status NOT IN ('completed', 'cancelled')") == 0)
    try expectNone(
      database, "bookings whose completion succeeded but which are not completed",
      "SELECT id FROM reservation WHERE id IN \(Self.list(completed)) AND status <> 'completed'")
    try expectNone(
      database, "bookings whose completion was refused but which are not cancelled",
      "SELECT id FROM reservation WHERE id IN \(Self.list(refused)) AND status <> 'cancelled'")
    let both = Set(cancelled).intersection(completed).sorted()
    #expect(both.isEmpty, "bookings both cancelled by a block and completed: \(both)")
    #expect(cancelled.count == Set(cancelled).count, "cancelled twice: \(cancelled.sorted())")
    try expectNone(
      database, "bookings a block cancelled that are not cancelled",
      "SELECT id FROM reservation WHERE id IN \(Self.list(cancelled)) AND status <> 'cancelled'")
    try expectInvariants(database)
  }

  @Test("concurrent updates of different fields of one instrument all take effect")
  func instrumentUpdates() throws {
    let network = try BookingNetwork()
    let instruments = [network.flagship, network.microscope]
    for round in 0..<2 {
      var entries: [RaceEntry] = []
      var wanted: [Int64: [String: String]] = [:]
      for instrument in instruments {
        let tag = "\(instrument)-\(round)"
        let rate = "\(300 + 10 * instrument + Int64(round))"
        let value = "\(900_000 + instrument + Int64(round))"
        let hours = round == 0 ? "24/7" : "Mon-Sat 07:00-21:00"
        let granularity = round == 0 ? "30" : "60"
        let category = round == 0 ? "metrology" : "laser"
        let changes: [(options: [String], key: String, shown: String)] = [
          (["--name", "仪器\(tag)"], "name", "仪器\(tag)"),
          (["--model", "M-\(tag)"], "model", "M-\(tag)"),
          (["--maker", "厂家\(tag)"], "manufacturer", "厂家\(tag)"),
          (["--location", "楼\(tag)"], "location", "楼\(tag)"),
          (["--rate", rate], "rate_yuan_per_hour", rate + ".00"),
          (["--value", value], "value_yuan", value + ".00"),
          (["--hours", hours], "opening_hours", hours),
          (["--granularity", granularity], "granularity_minutes", granularity),
          (["--category", category], "category", category),
          ([round == 0 ? "--not-shared" : "--shared"], "shared", round == 0 ? "false" : "true"),
        ]
        for change in changes {
          entries.append(
            RaceEntry("wang", ["instrument", "update", "\(instrument)"] + change.options))
          wanted[instrument, default: [:]][change.key] = change.shown
        }
      }
      #expect(entries.count == 20)
      let outcomes = try network.network.race(entries)
      expectExits(outcomes, in: [0], "round \(round): every update is done")
      for instrument in instruments {
        let shown = try network.run(["instrument", "show", "\(instrument)", "--format", "json"])
        for (key, value) in wanted[instrument] ?? [:] {
          let raw = BookingNetwork.field(shown, key)
          // JSON's true and false read back as numbers unless asked for as Bool.
          let field = key == "shared" ? (raw as? Bool).map { "\($0)" } : raw.map { "\($0)" }
          #expect(
            field == value,
            "round \(round), instrument \(instrument): \(key) is \(field ?? "missing"), not \(value)"
          )
        }
      }
    }
    try expectInvariants(network.network.database)
  }

  @Test("concurrent policy changes of cover, cap and acceptance all take effect")
  func policyChanges() throws {
    let network = try VoucherNetwork()
    let admin = network.booking.network.admin
    let setters = [("SH", "issuer.sh"), ("JS", admin), ("ZJ", "issuer.zj"), ("AH", admin)]
    let rounds: [(cover: String, shown: String, cap: String, capShown: String?, accept: [String])] =
      [
        ("40", "40%", "300", "300.00", ["SH", "ZJ"]),
        ("37.5", "37.5%", "120.5", "120.50", ["JS", "AH"]),
        ("62.5", "62.5%", "none", nil, ["SH", "JS", "ZJ", "AH"]),
      ]
    for (round, values) in rounds.enumerated() {
      var entries: [RaceEntry] = []
      var readers: [Int] = []
      for (province, login) in setters {
        let set = ["voucher", "policy", "set", "--province", province]
        entries += [
          RaceEntry(login, set + ["--cover", values.cover]),
          RaceEntry(login, set + ["--cap", values.cap]),
          RaceEntry(login, set + ["--accept", values.accept.joined(separator: ",")]),
        ]
        readers.append(entries.count)
        entries.append(
          RaceEntry(nil, ["voucher", "policy", "show", "--province", province, "--format", "json"]))
      }
      #expect(entries.count == 16)
      let outcomes = try network.booking.network.race(entries)
      expectExits(outcomes, in: [0], "round \(round): every change is done")
      for index in readers {
        let accepted = Races.policy(outcomes[index])?["accepted_in"] as? [String]
        #expect(accepted?.isEmpty == false, "round \(round): a reader saw \(outcomes[index])")
      }
      for (province, _) in setters {
        let shown = try network.run(
          ["voucher", "policy", "show", "--province", province, "--format", "json"])
        let policy = Races.policy(shown)
        #expect(policy != nil, "round \(round), \(province): \(shown)")
        let context = "round \(round), \(province)"
        #expect(policy?["cover_percent"] as? String == values.shown, "\(context)")
        #expect(policy?["cap_yuan"] as? String == values.capShown, "\(context)")
        #expect(policy?["accepted_in"] as? [String] == values.accept, "\(context)")
      }
    }
    let database = network.booking.network.database
    #expect(try database.scalar("SELECT count(*) FROM voucher_acceptance") == 16)
    try expectInvariants(database)
  }

  @Test("16 vouchers issued at once by one issuer get 16 distinct codes")
  func parallelIssue() throws {
    let network = try VoucherNetwork()
    let issue = RaceEntry(
      "issuer.zj",
      [
        "voucher", "issue", "--holder", "嘉兴光电科技有限公司", "--amount", "100", "--expires", "2027-06-30",
        "--format", "json",
      ])
    let outcomes = try network.booking.network.race(Array(repeating: issue, count: 16))
    expectExits(outcomes, in: [0], "every issue is done")
    let codes = outcomes.compactMap { BookingNetwork.field($0, "code") as? String }
    #expect(codes.count == 16)
    #expect(Set(codes).count == codes.count, "codes issued twice: \(codes.sorted())")
    let expected = (1...16).map { String(format: "ZJ-2026-%06d", $0) }
    #expect(Set(codes) == Set(expected), "\(codes.sorted())")
    let database = network.booking.network.database
    #expect(try database.scalar("SELECT count(*) FROM voucher") == 16)
    #expect(try database.scalar("SELECT count(DISTINCT code) FROM voucher") == 16)
    try expectInvariants(database)
  }

  @Test("8 processes initialising one brand-new store at once all succeed")
  func parallelInit() throws {
    for round in 0..<5 {
      // A SQLite file not yet made, or a PostgreSQL database still empty.
      let database = try TestDatabase()
      let network = try CLINetwork(uninitialised: database)
      let outcomes = try network.race(
        Array(repeating: RaceEntry(nil, ["init", "--format", "json"]), count: 8))
      expectExits(outcomes, in: [0], "round \(round): every init is done")
      let applied = outcomes.flatMap { BookingNetwork.field($0, "applied") as? [String] ?? [] }
      #expect(
        !applied.isEmpty && applied.count == Set(applied).count,
        "round \(round): each migration applied once, not \(applied.sorted())")
      #expect(
        try database.scalar("SELECT count(*) FROM schema_migrations") == Int64(applied.count))
      // One run made the first admins; every account is one of them.
      let admins = outcomes.compactMap { BookingNetwork.field($0, "admin_created") as? String }
      #expect(admins.count == 1, "round \(round): admins created: \(admins)")
      let accounts = try database.scalar("SELECT count(*) FROM account") ?? 0
      #expect(accounts >= 1)
      #expect(
        try database.scalar(
          "SELECT count(DISTINCT account_id) FROM account_role WHERE role = 'admin'") == accounts)
      let listed = try network.run(["account", "list"], as: network.admin)
      #expect(listed.status == 0, "round \(round): \(listed)")
      try expectInvariants(database)
    }
  }
}

// MARK: - Racing processes

/// One process of a race: who acts, and the command after the global options.
struct RaceEntry {
  var login: String?
  var arguments: [String]

  init(_ login: String?, _ arguments: [String]) {
    self.login = login
    self.arguments = arguments
  }
}

extension CLINetwork {
  /// A network on `database` as it is, without `labnet init`.
  init(uninitialised database: TestDatabase) throws {
    self.database = database
    admin = TestDatabase.adminLogin
  }

  /// Starts one `labnet --database URL [--as LOGIN] …` process per entry, all
  /// held by `/bin/sh` at a gate until every one has started, so they reach the
  /// store together; waits for all and returns what each did, in order.
  /// `now` sets LABNET_NOW for all of them.
  func race(_ entries: [RaceEntry], now: String? = nil) throws -> [Outcome] {
    var environment = ProcessInfo.processInfo.environment
    for name in ["LABNET_DATABASE", "LABNET_AS", "PGUSER", "PGDATABASE", "PGHOST", "PGPORT"] {
      environment.removeValue(forKey: name)
    }
    environment.merge(self.environment) { $1 }
    if let now { environment["LABNET_NOW"] = now }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "labnet-race-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    // Each shell reads one newline from the gate (byte by byte, so exactly
    // one), then becomes labnet. The test keeps the reading end open too, so
    // writing to the gate never fails.
    let gate = Pipe()
    var racers: [(process: Process, out: URL, err: URL)] = []
    func release() {
      try? gate.fileHandleForWriting.write(
        contentsOf: Data(repeating: UInt8(ascii: "\n"), count: racers.count))
      try? gate.fileHandleForWriting.close()
    }
    do {
      for (index, entry) in entries.enumerated() {
        var arguments = ["--database", database.url]
        if let login = entry.login { arguments += ["--as", login] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments =
          ["-c", #"read -r go && exec "$0" "$@" < /dev/null"#, LabNetProcess.binary.path]
          + arguments + entry.arguments
        process.environment = environment
        let out = folder.appendingPathComponent("\(index).out")
        let err = folder.appendingPathComponent("\(index).err")
        guard
          FileManager.default.createFile(atPath: out.path, contents: nil),
          FileManager.default.createFile(atPath: err.path, contents: nil)
        else { throw Failure("cannot create \(out.path) and \(err.path)") }
        process.standardInput = gate.fileHandleForReading
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        racers.append((process, out, err))
      }
    } catch {
      release()
      racers.forEach { $0.process.waitUntilExit() }
      throw error
    }
    release()
    return try racers.map { racer in
      racer.process.waitUntilExit()
      return Outcome(
        status: racer.process.terminationStatus,
        stdout: String(decoding: try Data(contentsOf: racer.out), as: UTF8.self),
        stderr: String(decoding: try Data(contentsOf: racer.err), as: UTF8.self))
    }
  }
}

extension VoucherNetwork {
  /// Issues `count` vouchers of `amount` yuan to the enterprise, one after the other.
  func issue(count: Int, amount: String) throws -> [String] {
    try (0..<count).map { _ in try issue(amount) }
  }

  /// qian's booking of `instrument` on 2026-12-`day` from `hour` for `hours`
  /// hours, booked at Monday 08:00; its id.
  func booked(
    _ instrument: Int64, day: Int, hour: Int, hours: Int = 1, voucher: String? = nil
  ) throws -> Int64 {
    var arguments = [
      "book", "\(instrument)", "--from", Races.time(day, hour), "--to",
      Races.time(day, hour + hours), "--format", "json",
    ]
    if let voucher { arguments += ["--voucher", voucher] }
    let outcome = try run(arguments, as: "qian")
    guard outcome.status == 0, let id = BookingNetwork.id(outcome) else {
      throw Failure("\(arguments): \(outcome)")
    }
    return id
  }
}

extension Races {
  /// 2026-12-`day` `hour`:`minute`, China Standard Time.
  static func time(_ day: Int, _ hour: Int, _ minute: Int = 0) -> String {
    String(format: "2026-12-%02d %02d:%02d", day, hour, minute)
  }

  /// The policy `voucher policy show --province P --format json` prints, a list of one.
  static func policy(_ outcome: Outcome) -> [String: Any]? {
    let json = try? JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8))
    return (json as? [[String: Any]])?.first
  }

  /// `(1, 2, 3)` for SQL's IN; `(NULL)`, which matches nothing, when empty.
  static func list(_ ids: [Int64]) -> String {
    "(" + (ids.isEmpty ? "NULL" : ids.map(String.init).joined(separator: ", ")) + ")"
  }

  /// The voucher share of `fee` (an SQL expression in fen) under the policy
  /// `p`: cover × fee rounded down to the fen, at most the cap.
  static func share(_ fee: String) -> String {
    let covered = "(\(fee) * p.cover_basis_points / 10000)"
    return "(CASE WHEN p.cap_fen IS NOT NULL AND p.cap_fen < \(covered) THEN p.cap_fen"
      + " ELSE \(covered) END)"
  }
}

// MARK: - Checks

/// Expects every outcome to have exited with one of `allowed`.
func expectExits(
  _ outcomes: [Outcome], in allowed: Set<Int32>, _ what: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let others = outcomes.filter { !allowed.contains($0.status) }
  let shown = others.prefix(3).map {
    "exit \($0.status): \($0.stderr.trimmingCharacters(in: .whitespacesAndNewlines))"
  }
  #expect(
    others.isEmpty,
    "\(what): \(others.count) of \(outcomes.count) exited otherwise: \(shown)",
    sourceLocation: sourceLocation)
}

/// Expects `sql`, a query of one column `id`, to find no rows.
func expectNone(
  _ database: TestDatabase, _ what: String, _ sql: String,
  sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let count = try database.scalar("SELECT count(*) FROM (\(sql)) AS found") ?? -1
  let first = try database.scalar("SELECT min(id) FROM (\(sql)) AS found")
  #expect(
    count == 0, "\(what): \(count), the first id \(first.map(String.init) ?? "-")",
    sourceLocation: sourceLocation)
}

/// What every race must leave true, whatever it raced.
func expectInvariants(
  _ database: TestDatabase, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let paid = """
    (SELECT coalesce(-sum(l.amount_fen), 0) FROM voucher_ledger AS l WHERE l.reservation_id = r.id)
    """
  /// The largest share of `fee` under the policies of the vouchers paying on r.
  func allowed(_ fee: String) -> String {
    """
    (SELECT max(\(Races.share(fee))) FROM voucher_policy AS p
     WHERE p.province IN (SELECT v.province FROM voucher_ledger AS l
                          JOIN voucher AS v ON v.id = l.voucher_id WHERE l.reservation_id = r.id))
    """
  }
  let checks: [(String, String)] = [
    // voucher_ledger_apply adds every row, the issue row (+face value) included.
    (
      "vouchers whose balance is not the face value plus the later ledger rows",
      """
      SELECT v.id AS id FROM voucher AS v
      WHERE v.balance_fen <> v.face_value_fen
        + (SELECT coalesce(sum(l.amount_fen), 0) FROM voucher_ledger AS l
           WHERE l.voucher_id = v.id AND l.entry <> 'issue')
      """
    ),
    (
      "vouchers without exactly one issue row of their face value",
      """
      SELECT v.id AS id FROM voucher AS v
      WHERE (SELECT count(*) FROM voucher_ledger AS l
             WHERE l.voucher_id = v.id AND l.entry = 'issue' AND l.amount_fen = v.face_value_fen
               AND l.reservation_id IS NULL) <> 1
         OR (SELECT count(*) FROM voucher_ledger AS l
             WHERE l.voucher_id = v.id AND l.entry = 'issue') <> 1
      """
    ),
    (
      "vouchers with a balance below zero or above the face value",
      "SELECT id FROM voucher WHERE balance_fen < 0 OR balance_fen > face_value_fen"
    ),
    (
      "bookings a voucher got more back from than it paid",
      """
      SELECT min(reservation_id) AS id FROM voucher_ledger WHERE reservation_id IS NOT NULL
      GROUP BY voucher_id, reservation_id HAVING sum(amount_fen) > 0
      """
    ),
    (
      "bookings in no valid status",
      """
      SELECT id FROM reservation WHERE status NOT IN
        ('pending', 'confirmed', 'cancelled', 'rejected', 'completed', 'no_show')
      """
    ),
    (
      "completed bookings without use or charge",
      """
      SELECT id FROM reservation WHERE status = 'completed'
        AND (used_from IS NULL OR used_to IS NULL OR charged_fee_fen IS NULL)
      """
    ),
    (
      "uncompleted bookings with a use or a charge",
      """
      SELECT id FROM reservation WHERE status IN ('pending', 'confirmed', 'cancelled', 'rejected')
        AND (used_from IS NOT NULL OR used_to IS NOT NULL OR charged_fee_fen IS NOT NULL)
      """
    ),
    (
      "no-shows not charged the quoted fee, or with a use",
      """
      SELECT id FROM reservation WHERE status = 'no_show'
        AND (charged_fee_fen IS NULL OR charged_fee_fen <> quoted_fee_fen OR used_from IS NOT NULL)
      """
    ),
    (
      "cancelled or rejected bookings that vouchers still pay",
      "SELECT r.id AS id FROM reservation AS r WHERE r.status IN ('cancelled', 'rejected') AND \(paid) <> 0"
    ),
    (
      "bookings vouchers pay more than the share of the quoted fee",
      "SELECT r.id AS id FROM reservation AS r WHERE \(paid) > \(allowed("r.quoted_fee_fen"))"
    ),
    (
      "completed bookings vouchers pay more than the share of the charge",
      """
      SELECT r.id AS id FROM reservation AS r
      WHERE r.status = 'completed' AND \(paid) > \(allowed("r.charged_fee_fen"))
      """
    ),
    (
      "overlapping bookings holding their time",
      """
      SELECT a.id AS id FROM reservation AS a JOIN reservation AS b
        ON a.instrument_id = b.instrument_id AND a.id < b.id
        AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at
      WHERE a.status IN ('pending', 'confirmed', 'completed')
        AND b.status IN ('pending', 'confirmed', 'completed')
      """
    ),
  ]
  for (what, sql) in checks {
    try expectNone(database, what, sql, sourceLocation: sourceLocation)
  }
}
