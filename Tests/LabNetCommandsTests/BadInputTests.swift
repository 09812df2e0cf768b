import Foundation
import LabNetTestSupport
import Testing

/// Refusals through the binary: the documented exit code, one line on
/// stderr saying what was wrong, nothing on stdout, nothing written.
@Suite("Bad input through the binary")
struct BadInputTests {
  static func register(value: String = "500000", rate: String = "100") -> [String] {
    [
      "instrument", "register", "--unit", "复旦大学", "--name", "扫描电子显微镜", "--category",
      "analytical", "--value", value, "--rate", rate,
    ]
  }

  @Test(
    "bad money is invalid data",
    arguments: [
      ("-1", "negative"), ("0.001", "at most two decimals"), ("abc", "0.001"),
      ("1e9999", "like"), ("92233720368547758.08", "too large"),
      ("99999999999999999999", "too large"),
    ])
  func badMoney(text: String, phrase: String) throws {
    let network = try CLINetwork()
    for arguments in [Self.register(value: text), Self.register(rate: text)] {
      let outcome = try network.run(arguments, as: "wang")
      #expect(outcome.status == 65, "\(outcome)")
      #expect(outcome.stdout.isEmpty)
      #expect(outcome.stderr.hasPrefix("labnet: "))
      #expect(outcome.stderr.split(separator: "\n").count == 1, "\(outcome)")
      #expect(outcome.stderr.contains(text), "\(outcome)")
    }
    #expect(try network.instruments().count == 1)
  }

  @Test("a value under 300,000 yuan is refused with the admission bar")
  func belowAdmission() throws {
    let network = try CLINetwork()
    let outcome = try network.run(Self.register(value: "299999.99"), as: "wang")
    #expect(outcome.status == 65, "\(outcome)")
    #expect(outcome.stderr.contains("299,999.99"))
    #expect(outcome.stderr.contains("300,000.00"))
    #expect(try network.instruments().count == 1)
  }

  @Test("an unknown province names the accepted spellings")
  func unknownProvince() throws {
    let network = try CLINetwork()
    let outcome = try network.run(
      [
        "unit", "add", "--name", "北京大学", "--province", "Beijing", "--city", "北京", "--kind",
        "university",
      ],
      as: network.admin)
    #expect(outcome.status == 65, "\(outcome)")
    #expect(outcome.stderr.contains("Beijing"))
    #expect(outcome.stderr.contains("SH"))
    let units = try network.run(["unit", "list", "--format", "json"])
    #expect(!units.stdout.contains("北京大学"))
  }

  @Test("unknown units and instruments are not found")
  func unknownIds() throws {
    let network = try CLINetwork()
    let unit = try network.run(
      [
        "instrument", "register", "--unit", "清华大学", "--name", "X", "--category", "other",
        "--value", "400000", "--rate", "1",
      ], as: network.admin)
    #expect(unit.status == 66, "\(unit)")
    #expect(unit.stderr.contains("清华大学"))
    let instrument = try network.run(["instrument", "show", "4242"])
    #expect(instrument.status == 66, "\(instrument)")
    #expect(instrument.stderr.contains("4242"))
    #expect(try network.run(["unit", "show", "99"]).status == 66)
  }

  @Test("a manager may not touch another unit's instrument")
  func otherUnitsInstrument() throws {
    let network = try CLINetwork()
    for arguments in [
      ["instrument", "update", "1", "--rate", "1"], ["instrument", "retire", "1"],
    ] {
      let outcome = try network.run(arguments, as: "zhang")
      #expect(outcome.status == 77, "\(outcome)")
      #expect(outcome.stderr.contains("manager"))
      #expect(outcome.stderr.contains("复旦大学"))
    }
    let instrument = try network.instruments().first
    #expect(instrument?["rate_yuan_per_hour"] as? String == "1500.00")
    #expect(instrument?["status"] as? String == "in_service")
  }

  @Test("a command that needs an actor refuses without one")
  func noActor() throws {
    let network = try CLINetwork()
    // Whoever holds the store, a SQLite file or labnet's PostgreSQL login, names the actor.
    let outcome = try network.run(
      ["unit", "add", "--name", "X", "--province", "SH", "--city", "上海", "--kind", "other"])
    #expect(outcome.status == 77, "\(outcome)")
    #expect(outcome.stderr.contains("--as"))
    let unknown = try network.run(["account", "list"], as: "nobody")
    #expect(unknown.status == 77, "\(unknown)")
    // A researcher is not an admin.
    let add = try network.run(
      ["unit", "add", "--name", "X", "--province", "SH", "--city", "上海", "--kind", "other"],
      as: "wang")
    #expect(add.status == 77, "\(add)")
    #expect(add.stderr.contains("admin"))
  }

  @Test("usage mistakes exit 64")
  func usage() throws {
    let network = try CLINetwork(populated: false)
    #expect(try network.run(["instrument", "list", "--no-such-option"]).status == 64)
    #expect(try network.run(["instrument", "show"]).status == 64)
    #expect(try network.run(["instrument", "list", "--format", "xml"]).status == 64)
  }

  @Test("a mistyped command is named, with the nearest one, not blamed on an option")
  func mistypedCommand() throws {
    let network = try CLINetwork(populated: false)
    let top = try network.run(["bokking", "list"], as: network.admin)
    #expect(top.status == 64, "\(top)")
    #expect(top.stderr.contains("unknown command 'bokking'"), "\(top)")
    #expect(top.stderr.contains("did you mean 'booking'?"), "\(top)")
    #expect(!top.stderr.contains("Unknown option"), "\(top)")
    let nested = try network.run(["voucher", "policy", "shw"])
    #expect(nested.status == 64, "\(nested)")
    #expect(nested.stderr.contains("`labnet voucher policy`; did you mean 'show'?"), "\(nested)")
    // A group with a default subcommand takes its argument: `availability 7` is `availability slots 7`.
    let defaulted = try network.run(["availability", "7", "--from", "2026-12-08", "--to", "x"])
    #expect(!defaulted.stderr.contains("unknown command"), "\(defaulted)")
    let far = try network.run(["zzz"])
    #expect(far.stderr.contains("it has init, demo, seed"), "\(far)")
  }
}
