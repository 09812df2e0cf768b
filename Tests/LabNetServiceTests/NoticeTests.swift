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
}
