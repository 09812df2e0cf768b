import Foundation
import LabNetTestSupport
import Testing

/// Each instrument's own rules, set by its manager, through the binary: the
/// billing basis, the checks on actual use, approval, length, notice and horizon.
@Suite("Instrument rules through the binary")
struct InstrumentRuleTests {
  /// Books the microscope (200 yuan/h) 09:00-11:00 on Tuesday, sets its
  /// billing basis and completes it with `used`; returns the charge.
  private func charge(basis: String, used: (String, String), throughServer: Bool = false) throws
    -> String?
  {
    let network = try BookingNetwork(remote: throughServer)
    let set = try network.run(["instrument", "update", "2", "--billing", basis], as: "wang")
    #expect(set.status == 0, "\(set)")
    let booked = try network.book(network.microscope, "2026-12-08 09:00", "2026-12-08 11:00")
    let id = try #require(BookingNetwork.id(booked), "\(booked)")
    let completed = try network.run(
      [
        "booking", "complete", "\(id)", "--used-from", used.0, "--used-to", used.1, "--format",
        "json",
      ], as: "wang", now: "2026-12-08 14:00")
    #expect(completed.status == 0, "\(completed)")
    return BookingNetwork.field(completed, "charged_fee_yuan") as? String
  }

  @Test(
    "each billing basis charges under- and over-use as it says",
    arguments: [
      // basis, used from, used to, charge (2 h booked at 200 yuan/h)
      ("booked", "2026-12-08 09:00", "2026-12-08 10:00", "400.00"),
      ("booked", "2026-12-08 09:00", "2026-12-08 12:00", "400.00"),
      ("actual", "2026-12-08 09:00", "2026-12-08 10:00", "200.00"),
      ("actual", "2026-12-08 09:00", "2026-12-08 12:00", "600.00"),
      ("greater", "2026-12-08 09:30", "2026-12-08 10:00", "400.00"),
      ("greater", "2026-12-08 08:30", "2026-12-08 11:45", "650.00"),
    ])
  func billing(basis: String, from: String, to: String, charged: String) throws {
    #expect(try charge(basis: basis, used: (from, to)) == charged)
  }

  @Test("the billing basis holds through the server too")
  func billingThroughServer() throws {
    #expect(
      try charge(
        basis: "actual", used: ("2026-12-08 09:00", "2026-12-08 09:45"), throughServer: true)
        == "150.00")
  }

  @Test(
    "actual use may not run into the next booking or a block, nor reach 2 h outside",
    arguments: [false, true])
  func actualUseChecks(throughServer: Bool) throws {
    let network = try BookingNetwork(remote: throughServer)
    let first = try #require(
      BookingNetwork.id(
        try network.book(network.microscope, "2026-12-08 09:00", "2026-12-08 11:00")))
    _ = try #require(
      BookingNetwork.id(
        try network.book(network.microscope, "2026-12-08 11:00", "2026-12-08 12:00", as: "li")))
    let blocked = try network.run(
      [
        "instrument", "block", "2", "--from", "2026-12-08 08:00", "--to", "2026-12-08 08:30",
        "--reason", "校准",
      ], as: "wang")
    #expect(blocked.status == 0, "\(blocked)")
    func complete(_ from: String, _ to: String) throws -> Outcome {
      try network.run(
        ["booking", "complete", "\(first)", "--used-from", from, "--used-to", to], as: "wang",
        now: "2026-12-08 18:00")
    }
    let intoNext = try complete("2026-12-08 09:00", "2026-12-08 11:30")
    #expect(intoNext.status == 67, "\(intoNext)")
    #expect(
      intoNext.stderr.contains(
        "runs into another booking, from 2026-12-08T11:00:00+08:00 to 2026-12-08T12:00:00+08:00"),
      "\(intoNext.stderr)")
    #expect(!intoNext.stderr.contains("li"), "who booked the next slot is not said")
    let intoBlock = try complete("2026-12-08 08:15", "2026-12-08 10:00")
    #expect(intoBlock.status == 67, "\(intoBlock)")
    #expect(intoBlock.stderr.contains("runs into a maintenance block"), "\(intoBlock.stderr)")
    let typo = try complete("2026-12-08 06:30", "2026-12-08 11:00")
    #expect(typo.status == 67, "\(typo)")
    #expect(typo.stderr.contains("more than 2 hours outside booking \(first)"), "\(typo.stderr)")
    let shown = try network.run(["booking", "show", "\(first)", "--format", "json"], as: "chen")
    #expect(BookingNetwork.field(shown, "status") as? String == "confirmed", "nothing changed")
    #expect(try complete("2026-12-08 08:30", "2026-12-08 11:00").status == 0)
  }

  @Test(
    "approval, longest booking, notice and horizon are the instrument's, and show says them",
    arguments: [false, true])
  func bookingRules(throughServer: Bool) throws {
    let network = try BookingNetwork(remote: throughServer)
    let set = try network.run(
      [
        "instrument", "update", "2", "--approval", "yes", "--max-length", "4h", "--notice", "24h",
        "--horizon-days", "14", "--late-cancel-hours", "48", "--late-cancel-percent", "100",
        "--format", "json",
      ], as: "wang")
    #expect(set.status == 0, "\(set)")
    #expect(BookingNetwork.field(set, "needs_approval") as? Bool == true)
    let shown = try network.run(["instrument", "show", "2"], as: "chen")
    for line in [
      "Needs approval", "Longest booking (min)", "240", "Notice (min)", "1440",
      "Bookable ahead (days)", "14", "Billed on", "greater", "Late cancellation within (h)", "48",
    ] {
      #expect(shown.stdout.contains(line), "\(line) in \(shown.stdout)")
    }
    let tooLong = try network.book(network.microscope, "2026-12-09 09:00", "2026-12-09 14:00")
    #expect(tooLong.status == 67)
    #expect(tooLong.stderr.contains("may last at most 4h"), "\(tooLong.stderr)")
    let tooSoon = try network.book(network.microscope, "2026-12-07 10:00", "2026-12-07 11:00")
    #expect(tooSoon.status == 67)
    #expect(tooSoon.stderr.contains("at least 24h ahead"), "\(tooSoon.stderr)")
    let tooFar = try network.book(network.microscope, "2026-12-22 09:00", "2026-12-22 10:00")
    #expect(tooFar.status == 67)
    #expect(tooFar.stderr.contains("at most 14 days ahead"), "\(tooFar.stderr)")
    // A large instrument that now needs approval: pending, then approved by wang.
    let booked = try network.book(network.microscope, "2026-12-09 09:00", "2026-12-09 11:00")
    #expect(BookingNetwork.field(booked, "status") as? String == "pending", "\(booked)")
    #expect(BookingNetwork.field(booked, "booker_unit") as? String == "浙江大学")
    #expect(BookingNetwork.field(booked, "created_at") as? String == "2026-12-07T08:00:00+08:00")
    let id = try #require(BookingNetwork.id(booked))
    let approved = try network.run(
      ["booking", "approve", "\(id)"], as: "wang", now: "2026-12-07 09:30")
    #expect(approved.status == 0, "\(approved)")
    let record = try network.run(["booking", "show", "\(id)"], as: "chen")
    for line in [
      "浙江大学", "Booked at", "2026-12-07T08:00:00+08:00", "Approved by", "wang",
      "2026-12-07T09:30:00+08:00",
    ] {
      #expect(record.stdout.contains(line), "\(line) in \(record.stdout)")
    }
    // Free time honours the notice: nothing on Monday, Tuesday from 08:00.
    let free = try network.run(
      [
        "availability", "2", "--from", "2026-12-07 08:00", "--to", "2026-12-09 00:00", "--format",
        "csv",
      ],
      as: "chen")
    #expect(free.status == 0, "\(free)")
    #expect(!free.stdout.contains("2026-12-07T"), "\(free.stdout)")
    #expect(free.stdout.contains("2026-12-08T08:00:00+08:00"), "\(free.stdout)")
    // Out of the network's ceilings: refused, named, nothing written.
    let beyond = try network.run(
      ["instrument", "update", "2", "--horizon-days", "120"], as: "wang")
    #expect(beyond.status == 65, "\(beyond)")
    #expect(beyond.stderr.contains("the booking horizon in days must be from 1 to 90"))
    let bad = try network.run(["instrument", "update", "2", "--billing", "most"], as: "wang")
    #expect(bad.status == 65, "\(bad)")
    #expect(bad.stderr.contains("booked, actual or greater"))
  }

  @Test("a flagship instrument needs approval by default and can be trusted without it")
  func flagshipDefault() throws {
    let network = try BookingNetwork()
    let shown = try network.run(["instrument", "show", "1", "--format", "json"], as: "chen")
    #expect(BookingNetwork.field(shown, "needs_approval") as? Bool == true, "\(shown)")
    let off = try network.run(["instrument", "update", "1", "--approval", "no"], as: "wang")
    #expect(off.status == 0, "\(off)")
    let booked = try network.book(network.flagship, "2026-12-09 09:00", "2026-12-09 10:00")
    #expect(BookingNetwork.field(booked, "status") as? String == "confirmed", "\(booked)")
  }
}
