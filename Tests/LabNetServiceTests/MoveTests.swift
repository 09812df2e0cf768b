import InstrumentNetwork
import LabNetService
import LabNetTestSupport
import NetworkStore
import Testing

/// `booking move`: the same booking at another time — its id, booker,
/// purpose and vouchers kept, every rule checked again, the fee quoted again,
/// and nothing changed when the new time is taken.
@Suite("Moving a booking")
struct MoveTests {
  func move(
    _ booking: Reservation, to interval: Range<Instant>, in network: Fixture, as actor: Actor
  ) throws -> BookingListing {
    try network.service.move(
      BookingMove(bookingID: booking.id, interval: interval), as: actor.principal)
  }

  func balance(of code: String, in network: Fixture) throws -> Money {
    try network.service.voucher(code: code, as: Actor.admin.principal).listing.voucher.balance
  }

  @Test("a move onto a taken time is refused, and nothing changes")
  func moveOntoTakenTime() throws {
    let network = try Fixture()
    let voucher = try network.issueVoucher(to: network.shEnterprise)
    let taken = try network.book(network.nmr, as: .zjuResearcher)
    let mine = try network.book(network.nmr, as: .shEnterpriseResearcher, voucher: voucher.code)
    let before = try network.service.booking(id: mine.id, as: Actor.admin.principal)
    let ledger = try network.service.voucher(code: voucher.code, as: Actor.admin.principal).ledger

    let refusal = labNetError {
      _ = try move(mine, to: taken.interval, in: network, as: .shEnterpriseResearcher)
    }
    #expect(refusal?.kind == .refused)
    #expect(refusal?.code == "slot_taken", "\(String(describing: refusal))")
    // Half over the taken hour is taken too.
    let half = (taken.start - 1_800)..<(taken.end - 1_800)
    #expect(
      labNetError { _ = try move(mine, to: half, in: network, as: .shEnterpriseResearcher) }?
        .kind == .refused)
    #expect(try network.service.booking(id: mine.id, as: Actor.admin.principal) == before)
    #expect(
      try network.service.voucher(code: voucher.code, as: Actor.admin.principal).ledger == ledger)
    #expect(try network.database.overlappingBookings() == 0)
  }

  @Test("a move onto a free time keeps the id and the voucher, quoted again at today's rate")
  func moveOntoFreeTime() throws {
    let network = try Fixture()
    let voucher = try network.issueVoucher(to: network.shEnterprise, yuan: 1_000)
    let booking = try network.book(
      network.nmr, as: .shEnterpriseResearcher, voucher: voucher.code)
    #expect(booking.quotedFee == Money(yuanWhole: 800))
    #expect(try balance(of: voucher.code, in: network) == Money(yuanWhole: 600))

    // The lab lowers the rate; a move quotes the new one, and the voucher's
    // half of the new quote is what it keeps.
    _ = try network.service.updateInstrument(
      id: network.nmr.id, InstrumentChanges(hourlyRate: Money(yuanWhole: 600)),
      as: Actor.fudanManager.principal)
    let free = network.nextSlot()
    let moved = try move(booking, to: free, in: network, as: .shEnterpriseResearcher)
    #expect(moved.reservation.id == booking.id)
    #expect(moved.reservation.interval == free)
    #expect(moved.reservation.purpose == booking.purpose)
    #expect(moved.reservation.status == .confirmed)
    #expect(moved.reservation.hourlyRate == Money(yuanWhole: 600))
    #expect(moved.reservation.quotedFee == Money(yuanWhole: 600))
    #expect(moved.voucherPaid == Money(yuanWhole: 300))
    #expect(try balance(of: voucher.code, in: network) == Money(yuanWhole: 700))

    // Longer: quoted higher; the voucher keeps what it paid.
    let longer = free.lowerBound..<(free.upperBound + 3_600)
    let again = try move(booking, to: longer, in: network, as: .fudanManager)
    #expect(again.reservation.quotedFee == Money(yuanWhole: 1_200))
    #expect(again.voucherPaid == Money(yuanWhole: 300))
    // The old time is free again: someone else books it.
    _ = try network.service.book(
      BookingRequest(
        instrumentID: network.nmr.id, interval: booking.interval, purpose: nil, voucher: nil),
      as: Actor.zjuResearcher.principal)
    #expect(try network.database.overlappingBookings() == 0)
  }

  @Test("its booker moves it before it starts, the instrument's manager any time; nobody else")
  func whoMoves() throws {
    let network = try Fixture()
    try expectPermissions(
      "move", Permissions(allowed: [.shEnterpriseResearcher, .fudanManager, .admin]),
      prepare: { _ in try network.book(network.nmr, as: .shEnterpriseResearcher) },
      attempt: { actor, booking in
        _ = try move(booking, to: network.nextSlot(), in: network, as: actor)
      })
    let booking = try network.book(network.nmr, as: .shEnterpriseResearcher)
    network.clock.now = booking.start
    #expect(
      labNetError {
        _ = try move(booking, to: network.nextSlot(), in: network, as: .shEnterpriseResearcher)
      }?.kind == .refused)
    #expect(
      try move(booking, to: network.nextSlot(), in: network, as: .fudanManager).reservation
        .status == .confirmed)
  }

  @Test("every rule holds at the new time; an approval holds only when the manager moves it")
  func rulesAtTheNewTime() throws {
    let network = try Fixture()
    let booking = try network.book(network.nmr, as: .shEnterpriseResearcher)
    let night = (booking.start + 12 * 3_600)..<(booking.start + 13 * 3_600)
    #expect(
      labNetError { _ = try move(booking, to: night, in: network, as: .shEnterpriseResearcher) }?
        .kind == .refused)
    let past = instant("2026-11-30 09:00")..<instant("2026-11-30 10:00")
    #expect(
      labNetError { _ = try move(booking, to: past, in: network, as: .shEnterpriseResearcher) }?
        .kind == .refused)

    let flagship = try network.book(network.flagship, as: .shEnterpriseResearcher)
    _ = try network.service.change(
      BookingChange(.approve, bookingID: flagship.id), as: Actor.fudanManager.principal)
    let byBooker = try move(
      flagship, to: network.nextSlot(), in: network, as: .shEnterpriseResearcher)
    #expect(byBooker.reservation.status == .pending)
    #expect(byBooker.reservation.approvedBy == nil)
    let byManager = try move(flagship, to: network.nextSlot(), in: network, as: .fudanManager)
    #expect(byManager.reservation.status == .confirmed)
    #expect(byManager.approverLogin == Actor.fudanManager.login)

    _ = try network.service.change(
      BookingChange(.cancel, bookingID: booking.id), as: Actor.shEnterpriseResearcher.principal)
    let cancelled = labNetError {
      _ = try move(booking, to: network.nextSlot(), in: network, as: .shEnterpriseResearcher)
    }
    #expect(cancelled?.code == "wrong_status")
  }
}
