import Foundation
import LabNetTestSupport
import Testing

/// Money has documented upper bounds (docs/data-model.md), so every fee and
/// total fits in 64-bit fen: at the bound things work, past it they are
/// refused as invalid data, and the database refuses it too.
@Suite("Money bounds")
struct MoneyBoundsTests {
  @Test("the largest rate and value work end to end; a fen more is refused")
  func atTheBound() throws {
    var network = try CLINetwork()
    network.environment["LABNET_NOW"] = "2026-12-07 08:00"
    let register = try network.run(
      [
        "instrument", "register", "--unit", "复旦大学", "--name", "极限仪器", "--category", "other",
        "--value", "10000000000", "--rate", "1000000", "--hours", "24/7", "--format", "json",
      ], as: "wang")
    #expect(register.status == 0, "\(register)")
    let researcher = try network.run(
      ["account", "add", "li", "--name", "李娜", "--role", "researcher", "--unit", "复旦大学"],
      as: network.admin)
    #expect(researcher.status == 0, "\(researcher)")
    // 72 hours at 1,000,000.00 yuan an hour: the longest booking at the highest rate.
    let booked = try network.run(
      ["book", "2", "--from", "2026-12-08 00:00", "--to", "2026-12-11 00:00", "--format", "json"],
      as: "li")
    #expect(booked.status == 0, "\(booked)")
    #expect(booked.stdout.contains("\"72000000.00\""), "\(booked)")
    let stats = try network.run(["network", "stats", "--format", "json"])
    #expect(stats.status == 0, "\(stats)")
    #expect(stats.stdout.contains("10012500000.00"), "\(stats)")

    for (option, value, words) in [
      ("--value", "10000000000.01", "at most 10,000,000,000.00 yuan"),
      ("--rate", "1000000.01", "at most 1,000,000.00"),
    ] {
      var arguments = [
        "instrument", "register", "--unit", "复旦大学", "--name", "过界", "--category", "other",
        "--value", "500000", "--rate", "100",
      ]
      let index = try #require(arguments.firstIndex(of: option))
      arguments[index + 1] = value
      let refused = try network.run(arguments, as: "wang")
      #expect(refused.status == 65, "\(option): \(refused)")
      #expect(
        refused.stderr.contains(words) || refused.stderr.contains("1,000,000.00"), "\(refused)")
    }
    let update = try network.run(["instrument", "update", "2", "--rate", "1000000.01"], as: "wang")
    #expect(update.status == 65, "\(update)")
  }

  @Test("a voucher past its bound is refused")
  func voucherBound() throws {
    let network = try CLINetwork()
    for step in [
      [
        "unit", "add", "--name", "光电公司", "--province", "SH", "--city", "上海", "--kind", "enterprise",
      ],
      ["account", "add", "issuer-sh", "--name", "发券", "--role", "issuer", "--province", "SH"],
    ] {
      let outcome = try network.run(step, as: network.admin)
      #expect(outcome.status == 0, "\(outcome)")
    }
    let over = try network.run(
      [
        "voucher", "issue", "--holder", "光电公司", "--amount", "10000000.01", "--expires",
        "2030-01-01",
      ], as: "issuer-sh")
    #expect(over.status == 65, "\(over)")
    #expect(over.stderr.contains("at most 10,000,000.00 yuan"), "\(over)")
  }

  @Test("the database refuses money past the bounds whoever writes it")
  func databaseBounds() throws {
    let network = try CLINetwork()
    for sql in [
      "UPDATE instrument SET hourly_rate_fen = 100000001 RETURNING id",
      "UPDATE instrument SET value_fen = 1000000000001 RETURNING id",
    ] {
      #expect(throws: (any Error).self, "\(sql)") { try network.database.scalar(sql) }
    }
    #expect(try network.database.scalar("SELECT max(hourly_rate_fen) FROM instrument") == 150_000)
  }
}
