import InstrumentNetwork
import LabNetService
import LabNetTestSupport
import NetworkStore
import Testing

/// "Every change a person should hear of writes a message row in the same
/// transaction: approval needed, approved, rejected, cancelled by the lab or
/// by maintenance."
@Suite("Messages of the outbox")
struct NoticeTests {
  func kinds(_ actor: Actor, in network: Fixture) throws -> [String] {
    try network.service.notices(unreadOnly: false, as: actor.principal).map(\.kind).reversed()
  }

  @Test("approval needed to the managers; approved, rejected, cancelled by the lab to the booker")
  func bookingMessages() throws {
    let network = try Fixture()
    let first = try network.book(network.flagship, as: .shEnterpriseResearcher)
    let second = try network.book(network.flagship, as: .shEnterpriseResearcher)
    #expect(try kinds(.fudanManager, in: network) == ["approval_needed", "approval_needed"])
    #expect(try kinds(.zjuManager, in: network).isEmpty)
    _ = try network.service.change(
      BookingChange(.approve, bookingID: first.id), as: Actor.fudanManager.principal)
    _ = try network.service.change(
      BookingChange(.reject, bookingID: second.id, reason: "设备调试"),
      as: Actor.fudanManager.principal)
    _ = try network.service.change(
      BookingChange(.cancel, bookingID: first.id, reason: "停电"),
      as: Actor.fudanManager.principal)
    // The booker's own cancellation tells nobody.
    let own = try network.book(network.nmr, as: .shEnterpriseResearcher)
    _ = try network.service.change(
      BookingChange(.cancel, bookingID: own.id), as: Actor.shEnterpriseResearcher.principal)
    #expect(
      try kinds(.shEnterpriseResearcher, in: network)
        == ["booking_approved", "booking_rejected", "booking_cancelled"])
    let rejected = try network.service.notices(
      unreadOnly: false, as: Actor.shEnterpriseResearcher.principal
    ).first { $0.kind == "booking_rejected" }
    #expect(rejected?.body.contains("设备调试") == true)
    #expect(rejected?.subject.contains("Booking rejected") == true)

    // A maintenance block that cancels a booking tells its booker.
    let inWay = try network.book(network.nmr, as: .zjuResearcher)
    _ = try network.service.blockInstrument(
      BlockRequest(
        instrumentID: network.nmr.id, interval: inWay.interval, reason: "年检",
        cancellingBookings: true), as: Actor.fudanManager.principal)
    #expect(try kinds(.zjuResearcher, in: network) == ["booking_cancelled"])
  }

  @Test("a reminder within a day of a booking, a word of a voucher about to expire, each once")
  func reminders() throws {
    let network = try Fixture()
    let admin = Actor.admin.principal
    _ = try network.book(network.nmr, as: .shEnterpriseResearcher)  // tomorrow, 08:00
    _ = try network.service.book(
      BookingRequest(
        instrumentID: network.nmr.id,
        interval: instant("2026-12-04 10:00")..<instant("2026-12-04 11:00"), purpose: nil,
        voucher: nil), as: Actor.zjuResearcher.principal)
    _ = try network.service.issueVoucher(
      VoucherIssueRequest(
        holder: String(network.shEnterprise.id), faceValue: Money(yuanWhole: 1_000),
        validFrom: nil, lastValidDay: try LocalDate(year: 2026, month: 12, day: 20)), as: admin)
    _ = try network.issueVoucher(to: network.shEnterprise)  // through 2027: no word yet

    // The booking's reminder, and the voucher's word to the enterprise's researcher and manager.
    #expect(try network.service.writeDueReminders() == 3)
    #expect(
      try kinds(.shEnterpriseResearcher, in: network) == ["booking_reminder", "voucher_expiring"])
    #expect(try kinds(.shEnterpriseManager, in: network) == ["voucher_expiring"])
    #expect(try kinds(.shEnterpriseClerk, in: network).isEmpty, "no role: not its to spend")
    #expect(try kinds(.zjuResearcher, in: network).isEmpty, "three days on: not yet")
    #expect(try network.service.writeDueReminders() == 0, "each once")
    let word = try network.service.notices(
      unreadOnly: false, as: Actor.shEnterpriseManager.principal
    ).first
    #expect(word?.body.contains("2026-12-20") == true, "\(String(describing: word))")

    network.clock.now = instant("2026-12-03 11:00")
    #expect(try network.service.writeDueReminders() == 1)
    #expect(try kinds(.zjuResearcher, in: network) == ["booking_reminder"])
  }
}
