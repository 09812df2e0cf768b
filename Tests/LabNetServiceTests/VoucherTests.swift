import InstrumentNetwork
import LabNetService
import LabNetTestSupport
import NetworkStore
import Testing

/// A voucher issuer "issues vouchers to enterprises, sets the province's voucher
/// policy" and "must never be able to issue for another province"; a
/// researcher "pays part of a fee with the unit's vouchers" and must never
/// "spend a voucher the unit does not hold, spend more than a voucher has".
@Suite("Innovation vouchers")
struct VoucherTests {
  /// Who sees a voucher of the Shanghai enterprise: its people, Shanghai's
  /// issuers and auditors, the network's auditor, admins.
  static let shanghaiVoucherReaders = Permissions(allowed: [
    .shEnterpriseResearcher, .shEnterpriseManager, .shEnterpriseClerk, .shIssuer, .shAuditor,
    .networkAuditor, .admin,
  ])

  func issue(
    to holder: Unit, yuan: Int64 = 1_000, in network: Fixture, as actor: Actor
  ) throws -> VoucherListing {
    try network.service.issueVoucher(
      VoucherIssueRequest(
        holder: holder.name, faceValue: Money(yuanWhole: yuan), validFrom: nil,
        lastValidDay: try LocalDate(year: 2027, month: 6, day: 30)),
      as: actor.principal)
  }

  @Test("the holder province's issuer or an admin issues a voucher; nobody else")
  func issueToEnterprise() throws {
    let network = try Fixture()
    try expectPermissions("issueVoucher", Permissions(allowed: [.shIssuer, .admin])) { actor in
      let listing = try issue(to: network.shEnterprise, in: network, as: actor)
      #expect(listing.holder == network.shEnterprise)
      #expect(listing.voucher.province == .shanghai)
      #expect(listing.voucher.balance == Money(yuanWhole: 1_000))
    }
    try expectPermissions(
      "issueVoucher to a Zhejiang enterprise", Permissions(allowed: [.zjIssuer, .admin])
    ) { actor in
      _ = try issue(to: network.zjEnterprise, in: network, as: actor)
    }
    let all = try network.service.vouchers(matching: VoucherFilter(), as: Actor.admin.principal)
    #expect(all.count == 4)
  }

  @Test("vouchers go to enterprises only")
  func issueToUniversity() throws {
    let network = try Fixture()
    let permissions = Permissions(
      allowed: [], refused: [.shIssuer: .refused, .admin: .refused])
    try expectPermissions("issueVoucher to a university", permissions) { actor in
      _ = try issue(to: network.fudan, in: network, as: actor)
    }
  }

  @Test("a voucher is seen by its holder's people, its province's issuers and auditors, admins")
  func showOne() throws {
    let network = try Fixture()
    let voucher = try network.issueVoucher(to: network.shEnterprise)
    _ = try network.issueVoucher(to: network.zjEnterprise)
    try expectPermissions("voucher(code:)", Self.shanghaiVoucherReaders) { actor in
      let statement = try network.service.voucher(code: voucher.code, as: actor.principal)
      #expect(statement.listing.voucher == voucher)
      #expect(statement.ledger.map(\.kind) == [.issue])
    }
  }

  @Test("a voucher list holds only the vouchers the actor may see")
  func listScope() throws {
    let network = try Fixture()
    let shanghai = try network.issueVoucher(to: network.shEnterprise).code
    let zhejiang = try network.issueVoucher(to: network.zjEnterprise).code
    let both: Set<String> = [shanghai, zhejiang]
    let visible: [Actor: Set<String>] = [
      .admin: both, .networkAuditor: both,
      .shIssuer: [shanghai], .shAuditor: [shanghai], .shEnterpriseManager: [shanghai],
      .shEnterpriseResearcher: [shanghai], .shEnterpriseClerk: [shanghai],
      .zjIssuer: [zhejiang], .zjAuditor: [zhejiang], .zjEnterpriseResearcher: [zhejiang],
    ]
    try expectPermissions("vouchers(matching:)", Permissions(allowed: Set(Actor.accounts))) {
      actor in
      let service = network.service
      let listed = try service.vouchers(matching: VoucherFilter(), as: actor.principal)
      #expect(Set(listed.map(\.voucher.code)) == visible[actor, default: []], "\(actor)")
      let ofZhejiang = try service.vouchers(
        matching: VoucherFilter(province: .zhejiang), as: actor.principal)
      #expect(
        Set(ofZhejiang.map(\.voucher.code)) == visible[actor, default: []].intersection([zhejiang]),
        "\(actor) Zhejiang")
      let ofHolder = try service.vouchers(
        matching: VoucherFilter(holderUnitID: network.shEnterprise.id), as: actor.principal)
      #expect(
        Set(ofHolder.map(\.voucher.code)) == visible[actor, default: []].intersection([shanghai]),
        "\(actor) holder")
    }
  }

  @Test("only the holder unit's booking people apply its voucher to a booking")
  func redeem() throws {
    let network = try Fixture()
    let voucher = try network.issueVoucher(to: network.shEnterprise)
    var permissions = Permissions(
      allowed: [.shEnterpriseResearcher, .shEnterpriseManager], otherwise: .refused)
    // An account of the holder with no role at all is not one of its researchers.
    permissions = permissions.refusing(.shEnterpriseClerk, with: [.permission, .refused])
    try expectPermissions(
      "redeemVoucher", permissions,
      prepare: { _ in try network.book(network.nmr, as: .shEnterpriseResearcher) },
      attempt: { actor, booking in
        let redemption = try network.service.redeemVoucher(
          code: voucher.code, bookingID: booking.id, as: actor.principal)
        #expect(redemption.amount == Money(yuanWhole: 400))
      })
  }

  @Test("a voucher pays neither another unit's booking nor more than it has")
  func redemptionRules() throws {
    let network = try Fixture()
    let voucher = try network.issueVoucher(to: network.shEnterprise)
    let service = network.service

    let fudanBooking = try network.book(network.nmr, as: .fudanResearcher)
    let elsewhere = labNetError {
      _ = try service.redeemVoucher(
        code: voucher.code, bookingID: fudanBooking.id,
        as: Actor.shEnterpriseResearcher.principal)
    }
    #expect(elsewhere?.kind == .refused)

    let before = try service.bookings(matching: BookingFilter(), as: Actor.admin.principal).count
    let notHeld = labNetError {
      _ = try network.book(network.nmr, as: .zjEnterpriseResearcher, voucher: voucher.code)
    }
    #expect(notHeld?.kind == .refused)
    #expect(
      try service.bookings(matching: BookingFilter(), as: Actor.admin.principal).count == before)

    let small = try network.issueVoucher(to: network.shEnterprise, yuan: 100)
    let paid = try network.book(network.nmr, as: .shEnterpriseResearcher, voucher: small.code)
    #expect(
      try service.booking(id: paid.id, as: Actor.shEnterpriseResearcher.principal).voucherPaid
        == Money(yuanWhole: 100))
    let spent = labNetError {
      _ = try network.book(network.nmr, as: .shEnterpriseResearcher, voucher: small.code)
    }
    #expect(spent?.kind == .refused)
    let statement = try service.voucher(
      code: small.code, as: Actor.shEnterpriseResearcher.principal)
    #expect(statement.listing.voucher.balance == .zero)
  }

  @Test(
    "a province's issuer or an admin sets its voucher policy; nobody else",
    arguments: [(Province.shanghai, Actor.shIssuer), (.zhejiang, .zjIssuer)])
  func setPolicy(province: Province, issuer: Actor) throws {
    let network = try Fixture()
    var cover = 5_000
    try expectPermissions(
      "setVoucherPolicy \(province.code)", Permissions(allowed: [issuer, .admin])
    ) { actor in
      let next = cover + 500
      let policy = try network.service.setVoucherPolicy(
        VoucherPolicyChange(
          province: province, coverBasisPoints: next, capPerBooking: .some(Money(yuanWhole: 300)),
          acceptedIn: [.shanghai, .zhejiang]),
        as: actor.principal)
      #expect(policy.coverBasisPoints == next)
      cover = next
    }
    let policies = try network.service.voucherPolicies(Province.allCases)
    for policy in policies {
      if policy.province == province {
        #expect(policy.coverBasisPoints == 6_000)
        #expect(policy.capPerBooking == Money(yuanWhole: 300))
        #expect(policy.acceptedIn == [.shanghai, .zhejiang])
      } else {
        #expect(policy == VoucherPolicy(province: policy.province))
      }
    }
  }
}
