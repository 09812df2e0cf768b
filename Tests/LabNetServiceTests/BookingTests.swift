import InstrumentNetwork
import LabNetService
import LabNetTestSupport
import NetworkStore
import Testing

/// A researcher "books, cancels own bookings"; a lab manager "approves bookings
/// of flagship instruments, records actual use, marks no-shows" and "must never
/// be able to touch another unit's … bookings"; an auditor "must never be able
/// to change anything".
@Suite("Bookings")
struct BookingTests {
  /// Who reads a booking 孙丽 (shent.res) made of 复旦大学's NMR: its booker,
  /// the instrument unit's manager, the instrument province's auditor, the
  /// network's auditor, an admin.
  static let readers = Permissions(
    allowed: [.shEnterpriseResearcher, .fudanManager, .shAuditor, .networkAuditor, .admin])

  /// Who approves, rejects, completes or marks a no-show of a booking of 复旦大学's instruments.
  static let instrumentManagers = Permissions(allowed: [.fudanManager, .admin])

  @Test("a researcher or a manager with a unit books, for that unit; nobody else")
  func book() throws {
    let network = try Fixture()
    try expectPermissions("book", Permissions(allowed: Actor.bookers)) { actor in
      let booking = try network.book(network.nmr, as: actor)
      #expect(booking.bookerUnitID == network.unit(of: actor)?.id)
      #expect(booking.status == .confirmed)
      #expect(booking.quotedFee == Money(yuanWhole: 800))
    }
    let all = try network.service.bookings(matching: BookingFilter(), as: Actor.admin.principal)
    #expect(all.count == Actor.bookers.count)
  }

  @Test("a flagship booking waits for the manager's approval")
  func flagshipIsPending() throws {
    let network = try Fixture()
    #expect(try network.book(network.flagship, as: .zjuResearcher).status == .pending)
    #expect(try network.book(network.nmr, as: .zjuResearcher).status == .confirmed)
  }

  @Test("a non-shared instrument is booked by its own unit only")
  func notShared() throws {
    let network = try Fixture()
    var permissions = Permissions(allowed: Actor.fudanPeople)
    for actor in Actor.bookers.subtracting(Actor.fudanPeople) {
      permissions.refused[actor] = [.refused]
    }
    try expectPermissions("book a non-shared instrument", permissions) { actor in
      _ = try network.book(network.confocal, as: actor)
    }
  }

  @Test("nobody books a retired instrument, one under maintenance, or time already taken")
  func bookingRules() throws {
    let network = try Fixture()
    let taken = try network.book(network.nmr, as: .zjuResearcher)
    let overlap = labNetError {
      _ = try network.service.book(
        BookingRequest(
          instrumentID: network.nmr.id, interval: taken.interval, purpose: nil, voucher: nil),
        as: Actor.fudanResearcher.principal)
    }
    #expect(overlap?.kind == .refused)

    _ = try network.service.updateInstrument(
      id: network.xrd.id, InstrumentChanges(status: .underMaintenance),
      as: Actor.zjuManager.principal)
    #expect(labNetError { _ = try network.book(network.xrd, as: .zjuResearcher) }?.kind == .refused)
    _ = try network.service.retireInstrument(id: network.xrd.id, as: Actor.zjuManager.principal)
    #expect(labNetError { _ = try network.book(network.xrd, as: .zjuResearcher) }?.kind == .refused)
    #expect(
      labNetError {
        _ = try network.service.updateInstrument(
          id: network.xrd.id, InstrumentChanges(status: .inService),
          as: Actor.zjuManager.principal)
      }?.kind == .refused)
  }

  @Test(
    "only the instrument unit's manager or an admin approves, rejects, completes, marks a no-show",
    arguments: [BookingAction.approve, .reject, .complete, .noShow])
  func managerActions(action: BookingAction) throws {
    let network = try Fixture()
    try expectPermissions(
      "change \(action.rawValue)", Self.instrumentManagers,
      prepare: { _ in
        let instrument = action == .approve || action == .reject ? network.flagship : network.nmr
        let booking = try network.book(instrument, as: .shEnterpriseResearcher)
        // Completion and no-shows come after the booking; approvals before it.
        if action == .complete || action == .noShow { network.clock.now = booking.end + 600 }
        return booking
      },
      attempt: { actor, booking in
        let changed = try network.service.change(
          BookingChange(
            action, bookingID: booking.id, reason: action == .reject ? "样品不符合要求" : nil,
            used: action == .complete ? booking.interval : nil),
          as: actor.principal)
        #expect(changed.reservation.status == action.result)
      })
  }

  @Test(
    "before the start its booker, the instrument unit's manager or an admin cancels; after it, not the booker",
    arguments: [false, true])
  func cancel(afterStart: Bool) throws {
    let network = try Fixture()
    let permissions =
      afterStart
      ? Permissions(allowed: [.fudanManager, .admin], refused: [.shEnterpriseResearcher: .refused])
      : Permissions(allowed: [.shEnterpriseResearcher, .fudanManager, .admin])
    try expectPermissions(
      "cancel \(afterStart ? "after" : "before") the start", permissions,
      prepare: { _ in
        let booking = try network.book(network.nmr, as: .shEnterpriseResearcher)
        if afterStart { network.clock.now = booking.start + 600 }
        return booking
      },
      attempt: { actor, booking in
        let changed = try network.service.change(
          BookingChange(.cancel, bookingID: booking.id), as: actor.principal)
        #expect(changed.reservation.status == .cancelled)
      })
  }

  @Test("a booking is seen by its booker, the instrument's manager, auditors and admins")
  func readOne() throws {
    let network = try Fixture()
    let booking = try network.book(network.nmr, as: .shEnterpriseResearcher)
    try expectPermissions("booking(id:)", Self.readers) { actor in
      let read = try network.service.booking(id: booking.id, as: actor.principal)
      #expect(read.reservation == booking)
      #expect(read.bookerLogin == Actor.shEnterpriseResearcher.login)
    }
  }

  @Test("a booking list holds only what the actor may see, whatever it asks for")
  func listScope() throws {
    let network = try Fixture()
    let b1 = try network.book(network.nmr, as: .shEnterpriseResearcher).id
    let b2 = try network.book(network.xrd, as: .zjuResearcher).id
    let b3 = try network.book(network.flagship, as: .fudanResearcher).id
    let b4 = try network.book(network.nmr, as: .zjEnterpriseResearcher).id
    let b5 = try network.book(network.xrd, as: .fudanResearcher).id
    let everything: Set<Int64> = [b1, b2, b3, b4, b5]
    let visible: [Actor: Set<Int64>] = [
      .admin: everything, .networkAuditor: everything,
      .fudanManager: [b1, b3, b4], .shAuditor: [b1, b3, b4],
      .zjuManager: [b2, b5], .zjAuditor: [b2, b5],
      .fudanResearcher: [b3, b5], .zjuResearcher: [b2],
      .shEnterpriseResearcher: [b1], .zjEnterpriseResearcher: [b4],
    ]
    let own: [Actor: Set<Int64>] = [
      .fudanResearcher: [b3, b5], .zjuResearcher: [b2], .shEnterpriseResearcher: [b1],
      .zjEnterpriseResearcher: [b4],
    ]
    try expectPermissions("bookings(matching:)", Permissions(allowed: Set(Actor.accounts))) {
      actor in
      let sees = visible[actor, default: []]
      let all = try ids(network, BookingFilter(), as: actor)
      #expect(all == sees, "\(actor)")
      let mine = try ids(network, BookingFilter(mine: true), as: actor)
      #expect(mine == own[actor, default: []], "\(actor) mine")
      // Narrowing to a unit's or an instrument's bookings widens nothing.
      let ofFudan = try ids(network, BookingFilter(unitID: network.fudan.id), as: actor)
      #expect(ofFudan == sees.intersection([b1, b3, b4]), "\(actor) 复旦大学")
      let ofZJU = try ids(network, BookingFilter(unitID: network.zju.id), as: actor)
      #expect(ofZJU == sees.intersection([b2, b5]), "\(actor) 浙江大学")
      let ofXRD = try ids(network, BookingFilter(instrumentID: network.xrd.id), as: actor)
      #expect(ofXRD == sees.intersection([b2, b5]), "\(actor) X射线衍射仪")
    }
  }

  /// The ids of the bookings `actor` lists with `filter`.
  func ids(_ network: Fixture, _ filter: BookingFilter, as actor: Actor) throws -> Set<Int64> {
    Set(try network.service.bookings(matching: filter, as: actor.principal).map(\.reservation.id))
  }

  @Test("an instrument's calendar is for its unit's manager (or an admin)")
  func instrumentCalendar() throws {
    let network = try Fixture()
    let first = try network.book(network.nmr, as: .shEnterpriseResearcher)
    let second = try network.book(network.nmr, as: .zjuResearcher)
    _ = try network.service.change(
      BookingChange(.cancel, bookingID: second.id), as: Actor.zjuResearcher.principal)
    _ = try network.book(network.xrd, as: .zjuResearcher)
    try expectPermissions("calendar(instrumentID:)", Self.instrumentManagers) { actor in
      let events = try network.service.calendar(instrumentID: network.nmr.id, as: actor.principal)
      #expect(events.bookings.map(\.reservation.id) == [first.id, second.id])
    }
  }

  @Test("everyone with an account exports its own bookings as a calendar")
  func ownCalendar() throws {
    let network = try Fixture()
    var own: [Actor: [Int64]] = [:]
    for actor in [Actor.shEnterpriseResearcher, .zjuResearcher, .shEnterpriseResearcher] {
      own[actor, default: []].append(try network.book(network.nmr, as: actor).id)
    }
    try expectPermissions("calendar(instrumentID: nil)", Permissions(allowed: Set(Actor.accounts)))
    {
      actor in
      let events = try network.service.calendar(instrumentID: nil, as: actor.principal)
      #expect(events.bookings.map(\.reservation.id) == own[actor, default: []], "\(actor)")
    }
  }
}
