#if PostgreSQL
  import Foundation
  import LabNetTestSupport
  import Testing

  /// People hold no database login that can change anything (product.md, "Who
  /// is acting"): PostgreSQL itself refuses a person's old login everything,
  /// and labnet's own login (labnet_app) everything labnet does not do.
  @Suite("The PostgreSQL trust boundary")
  struct TrustBoundaryTests {
    /// Every labnet fact an attack could change, as one line.
    static let state = """
      SELECT concat_ws(' | ',
        (SELECT string_agg(concat_ws(':', id, booker_id, status, hourly_rate_fen, quoted_fee_fen, charged_fee_fen),
           ',' ORDER BY id) FROM reservation),
        (SELECT string_agg(concat_ws(':', id, unit_id, hourly_rate_fen), ',' ORDER BY id)
           FROM instrument),
        (SELECT string_agg(concat_ws(':', code, face_value_fen, balance_fen), ',' ORDER BY id)
           FROM voucher),
        (SELECT string_agg(concat_ws(':', province, cover_basis_points), ',' ORDER BY province)
           FROM voucher_policy),
        (SELECT string_agg(concat_ws(':', account_id, role), ',' ORDER BY account_id, role)
           FROM account_role),
        (SELECT string_agg(version::text, ',' ORDER BY version) FROM schema_migrations),
        (SELECT count(*) FROM voucher_ledger),
        (SELECT last_value FROM reservation_id_seq),
        (SELECT count(*) FROM pg_tables WHERE schemaname = 'public'))
      """

    /// Vouchers whose balance is not their ledger's sum.
    static let unbalanced = """
      SELECT count(*) FROM voucher AS v
      WHERE v.balance_fen <> (SELECT sum(l.amount_fen) FROM voucher_ledger AS l WHERE l.voucher_id = v.id)
      """

    /// Runs `sql` as the server's superuser; its output, or a failure.
    static func superuser(_ network: CLINetwork, _ sql: String) throws -> String {
      let outcome = try PSQL.run(network.database.url, sql)
      guard outcome.status == 0 else { throw Failure("\(sql): \(outcome)") }
      return outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Expects PostgreSQL to refuse `sql` for `login` as a missing privilege.
    static func expectRefused(_ what: String, _ sql: String, as login: DatabaseLogin) throws {
      let outcome = try PSQL.run(login.url, sql)
      #expect(outcome.status != 0, "\(what) was allowed: \(outcome)")
      #expect(
        outcome.stderr.contains("permission denied") || outcome.stderr.contains("must be owner"),
        "\(what): \(outcome)")
    }

    @Test("a person's login granted labnet_user the old way is refused every attack")
    func oldLogin() throws {
      let network = try VoucherNetwork()
      let code = try network.issue("10000")
      let (booked, id) = try network.book("2026-12-08 09:00", "2026-12-08 11:00", voucher: code)
      #expect(booked.status == 0, "\(booked)")
      let booking = try #require(id)
      let cli = network.booking.network
      let qian = try Self.superuser(cli, "SELECT id FROM account WHERE login = 'qian'")
      let before = try Self.superuser(cli, Self.state)
      let mallory = try DatabaseLogin("mallory", in: "labnet_user", on: cli.database)
      defer { mallory.drop() }

      let attacks = [
        (
          "a confirmed booking for another person at fee 0",
          "INSERT INTO reservation (instrument_id, booker_id, booker_unit_id, starts_at, ends_at, status, hourly_rate_fen, quoted_fee_fen, created_at, updated_at) VALUES (1, \(qian), 3, 1796000400, 1796004000, 'confirmed', 0, 0, 0, 0)"
        ),
        (
          "completing a booking at charge 0",
          "UPDATE reservation SET status = 'completed', used_from = starts_at, used_to = ends_at, charged_fee_fen = 0 WHERE id = \(booking)"
        ),
        ("another unit's rate to 0", "UPDATE instrument SET hourly_rate_fen = 0 WHERE id = 1"),
        (
          "moving an instrument to one's own unit", "UPDATE instrument SET unit_id = 3 WHERE id = 1"
        ),
        (
          "raising a voucher's face value and balance",
          "UPDATE voucher SET face_value_fen = 99999999900, balance_fen = 99999999900"
        ),
        (
          "minting a voucher",
          "INSERT INTO voucher (code, province, holder_unit_id, face_value_fen, balance_fen, valid_from, valid_to, issued_at) VALUES ('ZJ-2026-999999', 'ZJ', 3, 100000000000, 100000000000, 0, 4000000000, 0)"
        ),
        (
          "a ledger entry",
          "INSERT INTO voucher_ledger (voucher_id, entry, amount_fen, recorded_at) VALUES (1, 'issue', 100, 0)"
        ),
        ("every province's cover to 100 %", "UPDATE voucher_policy SET cover_basis_points = 10000"),
        ("reading everyone's bookings", "SELECT * FROM reservation"),
        ("reading the accounts", "SELECT login FROM account"),
        (
          "an admin role for oneself",
          "INSERT INTO account_role (account_id, role) VALUES (\(qian), 'admin')"
        ),
        ("editing schema_migrations", "UPDATE schema_migrations SET version = 99"),
        ("emptying schema_migrations", "DELETE FROM schema_migrations"),
        ("rewinding a sequence", "SELECT setval('reservation_id_seq', 1)"),
        ("holding a table locked", "BEGIN; LOCK TABLE reservation; COMMIT"),
        ("emptying a table", "TRUNCATE reservation"),
        ("creating a table", "CREATE TABLE public.mine (a int)"),
        (
          "dropping the overlap rule",
          "ALTER TABLE reservation DROP CONSTRAINT reservation_no_overlap"
        ),
      ]
      for (what, sql) in attacks { try Self.expectRefused(what, sql, as: mallory) }

      #expect(try Self.superuser(cli, Self.state) == before)
      #expect(try Self.superuser(cli, Self.unbalanced) == "0")
      // labnet still works for everyone.
      let list = try network.run(["booking", "list"], as: cli.admin)
      #expect(list.status == 0, "\(list)")
      let (again, _) = try network.book("2026-12-09 09:00", "2026-12-09 10:00")
      #expect(again.status == 0, "\(again)")
    }

    @Test("labnet_app runs every use case through labnet, and nothing beyond")
    func appLogin() throws {
      var network = try CLINetwork(populated: false)
      network.environment["LABNET_NOW"] = BookingNetwork.monday
      let app = try DatabaseLogin("labnet_app_login", in: "labnet_app", on: network.database)
      defer { app.drop() }
      network.loginURL = app.url
      let admin = network.admin

      func step(_ arguments: [String], as login: String, now: String? = nil) throws -> Outcome {
        let outcome = try network.run(arguments, as: login, now: now)
        #expect(outcome.status == 0, "\(arguments): \(outcome)")
        return outcome
      }
      for arguments in [
        [
          "unit", "add", "--name", "复旦大学", "--province", "SH", "--city", "上海", "--kind",
          "university",
        ],
        [
          "unit", "add", "--name", "嘉兴光电", "--province", "ZJ", "--city", "嘉兴", "--kind",
          "enterprise",
        ],
        ["account", "add", "wang", "--name", "王芳", "--role", "manager", "--unit", "复旦大学"],
        ["account", "add", "qian", "--name", "钱敏", "--role", "researcher", "--unit", "嘉兴光电"],
        ["account", "add", "issuer.zj", "--name", "浙江科技厅", "--role", "issuer", "--province", "ZJ"],
      ] {
        _ = try step(arguments, as: admin)
      }
      for (name, value, rate) in [("透射电子显微镜", "12500000", "1500"), ("扫描电镜", "800000", "200")] {
        _ = try step(
          [
            "instrument", "register", "--unit", "复旦大学", "--name", name, "--category", "analytical",
            "--value", value, "--rate", rate,
          ], as: "wang")
      }
      _ = try step(["instrument", "update", "2", "--rate", "250"], as: "wang")
      _ = try step(["instrument", "import", ImportTests.sample.path], as: "wang")
      _ = try step(
        ["voucher", "policy", "set", "--province", "ZJ", "--cover", "50", "--accept", "SH,ZJ"],
        as: "issuer.zj")
      let issued = try step(
        [
          "voucher", "issue", "--holder", "嘉兴光电", "--amount", "10000", "--expires", "2027-06-30",
          "--format", "json",
        ], as: "issuer.zj")
      let code = try #require(BookingNetwork.field(issued, "code") as? String)

      // The flagship: pending, approved, completed; the voucher pays and settles.
      let flagship = try step(
        [
          "book", "1", "--from", "2026-12-08 09:00", "--to", "2026-12-08 11:00", "--voucher", code,
          "--format", "json",
        ], as: "qian")
      let first = try #require(BookingNetwork.id(flagship))
      _ = try step(["booking", "approve", "\(first)"], as: "wang")
      _ = try step(
        [
          "booking", "complete", "\(first)", "--used-from", "2026-12-08 09:00", "--used-to",
          "2026-12-08 10:00",
        ], as: "wang", now: "2026-12-08 12:00")
      // A redemption after booking, then a cancellation that refunds it.
      let other = try step(
        [
          "book", "2", "--from", "2026-12-09 09:00", "--to", "2026-12-09 10:00", "--format", "json",
        ],
        as: "qian")
      let second = try #require(BookingNetwork.id(other))
      _ = try step(["voucher", "redeem", code, "--booking", "\(second)"], as: "qian")
      _ = try step(["booking", "cancel", "\(second)"], as: "qian")
      _ = try step(
        [
          "instrument", "block", "2", "--from", "2026-12-10 08:00", "--to", "2026-12-10 12:00",
          "--reason", "检修",
        ], as: "wang")
      for export in [["usage", "--by", "province"], ["vouchers"], ["bookings"]] {
        _ = try step(["export"] + export, as: admin)
      }
      _ = try step(["voucher", "show", code], as: "qian")

      // The schema is the owner's: init and seed say who runs them.
      let initialise = try network.run(["init"])
      #expect(initialise.status == 69, "\(initialise)")
      #expect(initialise.stderr.contains("member of labnet_owner"), "\(initialise)")

      let refused = [
        ("creating a table", "CREATE TABLE public.mine (a int)"),
        ("dropping a table", "DROP TABLE voucher_ledger"),
        (
          "dropping the overlap rule",
          "ALTER TABLE reservation DROP CONSTRAINT reservation_no_overlap"
        ),
        ("editing the ledger", "UPDATE voucher_ledger SET amount_fen = 1"),
        ("deleting from the ledger", "DELETE FROM voucher_ledger"),
        ("raising a balance", "UPDATE voucher SET balance_fen = face_value_fen"),
        ("moving an instrument", "UPDATE instrument SET unit_id = 2"),
        ("editing schema_migrations", "UPDATE schema_migrations SET version = 99"),
        ("emptying schema_migrations", "DELETE FROM schema_migrations"),
        ("rewinding a sequence", "SELECT setval('reservation_id_seq', 1)"),
        ("holding a table locked", "BEGIN; LOCK TABLE reservation; COMMIT"),
        ("emptying a table", "TRUNCATE reservation"),
      ]
      for (what, sql) in refused { try Self.expectRefused(what, sql, as: app) }
      #expect(try Self.superuser(network, Self.unbalanced) == "0")
      // What labnet relies on is intact: every command still finds its schema.
      _ = try step(["booking", "list"], as: admin)
    }
  }
#endif
