import InstrumentNetwork
import LabNetService
import LabNetTestSupport
import NetworkStore
import Testing

/// "Booking an instrument that needs training, without a valid
/// qualification, is refused"; "a qualification granted by any unit is
/// accepted by another unit's instruments of the same model when that
/// instrument accepts external qualifications".
@Suite("Qualifications")
struct QualificationTests {
  /// A Thermo Fisher Talos F200X of `unit` that needs training.
  func talos(
    of unit: Unit, in network: Fixture, manufacturer: String = "Thermo Fisher",
    model: String = "Talos F200X", external: Bool = true
  ) throws -> Instrument {
    var draft = InstrumentDraft(
      unitID: unit.id, name: "场发射透射电镜", category: .analytical,
      value: Money(yuanWhole: 5_000_000), hourlyRate: Money(yuanWhole: 1_000))
    draft.manufacturer = manufacturer
    draft.model = model
    draft.rules = InstrumentRuleChanges(
      trainingRequired: true, acceptsExternalQualifications: external)
    return try network.service.registerInstrument(draft, as: Actor.admin.principal).instrument
  }

  func book(
    _ instrument: Instrument, _ from: String, in network: Fixture, as actor: Actor
  ) throws -> Reservation {
    let start = instant(from)
    return try network.service.book(
      BookingRequest(
        instrumentID: instrument.id, interval: start..<(start + 3_600), purpose: "表征",
        voucher: nil), as: actor.principal
    ).reservation
  }

  func grant(
    _ actor: Actor, on instrument: Instrument, in network: Fixture, by manager: Actor,
    lastDay: LocalDate? = nil
  ) throws -> QualificationListing {
    try network.service.grantQualification(
      QualificationGrant(login: actor.login, instrumentID: instrument.id, lastDay: lastDay),
      as: manager.principal)
  }

  @Test("refused without a grant, booked with one, refused again once it has expired")
  func grantAndExpiry() throws {
    let network = try Fixture()
    let talos = try talos(of: network.fudan, in: network)
    let refused = labNetError {
      _ = try book(talos, "2026-12-02 10:00", in: network, as: .zjuResearcher)
    }
    #expect(refused?.kind == .refused)
    #expect(refused?.code == "qualification_required")
    #expect(
      refused?.message.contains("Thermo Fisher Talos F200X") == true,
      "\(String(describing: refused))")
    // Booking an instrument that needs no training needs no grant.
    _ = try book(network.nmr, "2026-12-02 10:00", in: network, as: .zjuResearcher)

    let granted = try grant(
      .zjuResearcher, on: talos, in: network, by: .fudanManager,
      lastDay: try LocalDate(year: 2027, month: 1, day: 31))
    #expect(granted.grantedUnitName == network.fudan.name)
    #expect(granted.qualification.expiresAt == instant("2027-02-01 00:00"))
    _ = try book(talos, "2026-12-02 10:00", in: network, as: .zjuResearcher)

    network.clock.now = instant("2027-02-01 09:00")
    let expired = labNetError {
      _ = try book(talos, "2027-02-03 10:00", in: network, as: .zjuResearcher)
    }
    #expect(expired?.code == "qualification_required")
    #expect(
      expired?.message.contains("expired on 2027-02-01") == true, "\(String(describing: expired))")
  }

  @Test(
    "one unit's grant is accepted by another unit's instrument of the same model, unless it refuses other units' training"
  )
  func passport() throws {
    let network = try Fixture()
    let fudanTalos = try talos(of: network.fudan, in: network)
    // The same model, written in other letter case.
    let zjuTalos = try self.talos(
      of: network.zju, in: network, manufacturer: "THERMO FISHER", model: "talos f200x")
    let zjuOwnOnly = try self.talos(of: network.zju, in: network, external: false)
    _ = try grant(.shEnterpriseResearcher, on: fudanTalos, in: network, by: .fudanManager)

    _ = try book(zjuTalos, "2026-12-02 10:00", in: network, as: .shEnterpriseResearcher)
    let refused = labNetError {
      _ = try book(zjuOwnOnly, "2026-12-02 10:00", in: network, as: .shEnterpriseResearcher)
    }
    #expect(refused?.code == "qualification_required")
    #expect(refused?.message.contains("only qualifications granted by its own unit") == true)
    // Its own unit's grant holds there.
    _ = try grant(.shEnterpriseResearcher, on: zjuOwnOnly, in: network, by: .zjuManager)
    _ = try book(zjuOwnOnly, "2026-12-02 10:00", in: network, as: .shEnterpriseResearcher)

    let mine = try network.service.qualifications(
      mine: true, login: nil, as: Actor.shEnterpriseResearcher.principal)
    #expect(mine.count == 2)
    let fromFudan = try #require(mine.first { $0.listing.grantedUnitName == network.fudan.name })
    #expect(fromFudan.usableAt == [fudanTalos.id, zjuTalos.id])
    let fromZju = try #require(mine.first { $0.listing.grantedUnitName == network.zju.name })
    #expect(fromZju.usableAt == [fudanTalos.id, zjuTalos.id, zjuOwnOnly.id])
  }

  @Test("a qualification lapses after twelve months without a booking; each booking renews that")
  func lapse() throws {
    let network = try Fixture()
    let talos = try talos(of: network.fudan, in: network)
    _ = try grant(.zjuResearcher, on: talos, in: network, by: .fudanManager)
    network.clock.now = instant("2027-11-30 09:00")  // 11 months on: still valid
    _ = try book(talos, "2027-12-01 10:00", in: network, as: .zjuResearcher)
    network.clock.now = instant("2028-11-28 09:00")  // a day short of a year after that use
    _ = try book(talos, "2028-11-29 14:00", in: network, as: .zjuResearcher)
    network.clock.now = instant("2029-11-30 09:00")  // past its two years anyway
    #expect(
      labNetError { _ = try book(talos, "2029-12-04 10:00", in: network, as: .zjuResearcher) }?
        .code == "qualification_required")

    let unused = try self.talos(of: network.zju, in: network, external: false)
    network.clock.now = TestClock.start
    _ = try grant(.fudanResearcher, on: unused, in: network, by: .zjuManager)
    network.clock.now = instant("2027-12-02 09:00")  // a year and a day, never used
    let lapsed = labNetError {
      _ = try book(unused, "2027-12-08 10:00", in: network, as: .fudanResearcher)
    }
    #expect(
      lapsed?.message.contains("lapsed on 2027-12-01") == true, "\(String(describing: lapsed))")
  }

  @Test("a manager of the instrument's unit (or an admin) grants and revokes; nobody else")
  func whoGrants() throws {
    let network = try Fixture()
    let talos = try talos(of: network.fudan, in: network)
    try expectPermissions(
      "grantQualification", Permissions(allowed: [.fudanManager, .admin])
    ) { actor in
      _ = try grant(.zjuResearcher, on: talos, in: network, by: actor)
    }
    // zju's manager may not revoke fudan's grants; fudan's manager may.
    #expect(
      labNetError {
        _ = try network.service.revokeQualification(
          login: Actor.zjuResearcher.login, instrumentID: talos.id,
          as: Actor.zjuManager.principal)
      }?.kind == .permission)
    #expect(
      try network.service.revokeQualification(
        login: Actor.zjuResearcher.login, instrumentID: talos.id,
        as: Actor.fudanManager.principal) == 2)
    #expect(
      labNetError { _ = try book(talos, "2026-12-02 10:00", in: network, as: .zjuResearcher) }?
        .code == "qualification_required")
    let listed = try network.service.qualifications(
      mine: false, login: Actor.zjuResearcher.login, as: Actor.fudanManager.principal)
    #expect(
      listed.map { $0.listing.qualification.state(at: network.clock.now) } == [
        "revoked", "revoked",
      ])
    #expect(
      labNetError {
        _ = try network.service.qualifications(
          mine: false, login: Actor.zjuResearcher.login, as: Actor.fudanResearcher.principal)
      }?.kind == .permission)
    // A move onto the instrument's time checks the qualification too.
    _ = try grant(.zjuResearcher, on: talos, in: network, by: .fudanManager)
    let booked = try book(talos, "2026-12-02 10:00", in: network, as: .zjuResearcher)
    _ = try network.service.revokeQualification(
      login: Actor.zjuResearcher.login, instrumentID: talos.id, as: Actor.admin.principal)
    #expect(
      labNetError {
        _ = try network.service.move(
          BookingMove(
            bookingID: booked.id,
            interval: instant("2026-12-03 10:00")..<instant("2026-12-03 11:00")),
          as: Actor.zjuResearcher.principal)
      }?.code == "qualification_required")
  }
}
