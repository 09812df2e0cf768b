import Foundation
import InstrumentNetwork
import LabNetService
import LabNetTestSupport
import NetworkStore
import Testing

/// "A person waits for any free run of D inside a window. When time frees
/// up, the earliest waiter whose request now fits is booked automatically,
/// in the same transaction, under all the rules, and notified. A waiter who
/// can no longer book is skipped and told why."
@Suite("Waitlists")
struct WaitlistTests {
  /// Wednesday 2 December 2026, the NMR's whole opening day (08:00–20:00).
  static let day = instant("2026-12-02 08:00")..<instant("2026-12-02 20:00")

  func hours(_ from: Int64, _ to: Int64) -> Range<Instant> {
    (Self.day.lowerBound + (from - 8) * 3_600)..<(Self.day.lowerBound + (to - 8) * 3_600)
  }

  /// The fixture with the NMR's Wednesday booked full, in six 2-hour bookings by zju.res.
  func fullDay() throws -> (Fixture, [Reservation]) {
    let network = try Fixture()
    let bookings = try stride(from: Int64(8), to: 20, by: 2).map { start in
      try network.service.book(
        BookingRequest(
          instrumentID: network.nmr.id, interval: hours(start, start + 2), purpose: nil,
          voucher: nil), as: Actor.zjuResearcher.principal
      ).reservation
    }
    return (network, bookings)
  }

  @discardableResult
  func wait(
    _ actor: Actor, minutes: Int, in network: Fixture, instrument: Instrument? = nil,
    window: Range<Instant> = WaitlistTests.day
  ) throws -> WaitlistEntry {
    try network.service.joinWaitlist(
      WaitlistRequest(
        instrumentID: (instrument ?? network.nmr).id, window: window, minutes: minutes),
      as: actor.principal)
  }

  func cancel(_ booking: Reservation, in service: NetworkService) throws {
    _ = try service.change(
      BookingChange(.cancel, bookingID: booking.id), as: Actor.zjuResearcher.principal)
  }

  func entries(_ network: Fixture) throws -> [WaitlistEntry] {
    try network.service.waitlist(as: Actor.admin.principal).sorted { $0.id < $1.id }
  }

  /// Eight waiters: the first wants 3 hours, the rest 2 (one of them 1).
  static let waiters: [(Actor, Int)] = [
    (.fudanResearcher, 180), (.fudanColleague, 120), (.shEnterpriseResearcher, 120),
    (.shEnterpriseManager, 60), (.zjEnterpriseResearcher, 120), (.zjuManager, 120),
    (.fudanManager, 120), (.zjuResearcher, 120),
  ]

  @Test("8 waiters and one cancellation: exactly the earliest waiter it fits is booked, and told")
  func oneCancellation() throws {
    let (network, bookings) = try fullDay()
    for (actor, minutes) in Self.waiters { try wait(actor, minutes: minutes, in: network) }
    try cancel(bookings[1], in: network.service)  // 10:00–12:00 frees up

    let after = try entries(network)
    #expect(after.map(\.status) == [.waiting, .booked] + Array(repeating: .waiting, count: 6))
    let booked = try #require(after[1].bookingID)
    let made = try network.service.booking(id: booked, as: Actor.admin.principal)
    #expect(made.bookerLogin == Actor.fudanColleague.login)
    #expect(made.reservation.interval == hours(10, 12))
    #expect(made.reservation.status == .confirmed)
    let told = try network.service.notices(
      unreadOnly: true, as: Actor.fudanColleague.principal)
    #expect(told.map(\.kind) == ["waitlist_booked"])
    #expect(told.first?.subject.contains("候补成功") == true)
    #expect(told.first?.body.contains("booking \(booked) is yours") == true)
    #expect(
      try network.service.notices(unreadOnly: true, as: Actor.fudanResearcher.principal).isEmpty)
    #expect(try network.database.overlappingBookings() == 0)
  }

  @Test("two cancellations at once: the two earliest fitting waiters, each booked once")
  func cancellationsAtOnce() throws {
    let (network, bookings) = try fullDay()
    for (actor, minutes) in Self.waiters { try wait(actor, minutes: minutes, in: network) }
    // Two services, two connections: the cancellations race for real.
    let services = [
      network.database.service(clock: { TestClock.start }),
      network.database.service(clock: { TestClock.start }),
    ]
    let failures = Failures()
    DispatchQueue.concurrentPerform(iterations: 2) { index in
      do { try cancel(bookings[index * 3 + 1], in: services[index]) } catch {
        failures.add("\(error)")
      }
    }
    #expect(failures.all.isEmpty, "\(failures.all)")
    let after = try entries(network)
    // 10:00–12:00 and 16:00–18:00 freed: waiters 2 and 3 (two hours each) get them.
    #expect(
      after.map(\.status) == [.waiting, .booked, .booked] + Array(repeating: .waiting, count: 5))
    let times = try after.compactMap(\.bookingID).map {
      try network.service.booking(id: $0, as: Actor.admin.principal).reservation.interval
    }
    #expect(Set(times) == [hours(10, 12), hours(16, 18)])
    #expect(try network.database.overlappingBookings() == 0)
  }

  @Test("a waiter the rules now refuse, or whose window passed, is taken off and told why")
  func skipped() throws {
    let (network, bookings) = try fullDay()
    _ = try network.service.updateInstrument(
      id: network.nmr.id, InstrumentChanges(rules: InstrumentRuleChanges(trainingRequired: true)),
      as: Actor.fudanManager.principal)
    try wait(.fudanColleague, minutes: 120, in: network)
    try cancel(bookings[0], in: network.service)
    let entry = try #require(try entries(network).first)
    #expect(entry.status == .skipped)
    #expect(
      entry.statusReason?.contains("needs training") == true,
      "\(String(describing: entry.statusReason))")
    let told = try network.service.notices(unreadOnly: false, as: Actor.fudanColleague.principal)
    #expect(told.map(\.kind) == ["waitlist_skipped"])
  }

  @Test("joining is refused when a run fits now; a waiter leaves; nobody else takes them off")
  func joinAndLeave() throws {
    let (network, _) = try fullDay()
    let free = labNetError {
      try wait(.fudanColleague, minutes: 60, in: network, instrument: network.xrd)
    }
    #expect(free?.code == "free_now")
    let entry = try wait(.fudanColleague, minutes: 60, in: network)
    #expect(
      labNetError {
        _ = try network.service.leaveWaitlist(entryID: entry.id, as: Actor.zjuResearcher.principal)
      }?.kind == .permission)
    #expect(
      try network.service.leaveWaitlist(entryID: entry.id, as: Actor.fudanColleague.principal)
        .status == .left)
    #expect(
      labNetError {
        _ = try network.service.leaveWaitlist(entryID: entry.id, as: Actor.fudanColleague.principal)
      }?.code == "wrong_status")
    let past = instant("2026-11-30 08:00")..<instant("2026-11-30 20:00")
    #expect(
      labNetError { try wait(.fudanColleague, minutes: 60, in: network, window: past) }?.kind
        == .invalidData)
  }
}

/// Errors collected from several threads.
final class Failures: @unchecked Sendable {
  private let lock = NSLock()
  private var messages: [String] = []

  func add(_ message: String) {
    lock.lock()
    messages.append(message)
    lock.unlock()
  }

  var all: [String] {
    lock.lock()
    defer { lock.unlock() }
    return messages
  }
}
