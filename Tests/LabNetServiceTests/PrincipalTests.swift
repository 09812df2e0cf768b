import InstrumentNetwork
import LabNetService
import LabNetTestSupport
import NetworkStore
import Testing

/// Every use case that needs an acting account, as a value a table runs.
enum GuardedUseCase: String, CaseIterable, Sendable {
  case me, addUnit, addAccount, accounts, registerInstrument, updateInstrument
  case retireInstrument, importInstruments, blockInstrument, book, cancel, approve
  case booking, bookings, calendar, instrumentCalendar, issueVoucher, voucher, vouchers
  case redeemVoucher, setVoucherPolicy, usage, voucherFlows, exportBookings, seed

  /// Runs the use case against `network` as `principal`.
  func run(_ network: Fixture, as principal: Principal) throws {
    let service = network.service
    switch self {
    case .me:
      _ = try service.me(as: principal)
    case .addUnit:
      _ = try service.addUnit(
        UnitRequest(name: "同济大学", province: .shanghai, city: "上海", kind: .university),
        as: principal)
    case .addAccount:
      _ = try service.addAccount(
        AccountRequest(login: "someone", displayName: "某人", unitID: nil, roles: []),
        as: principal)
    case .accounts:
      _ = try service.accounts(as: principal)
    case .registerInstrument:
      _ = try service.registerInstrument(
        InstrumentDraft(
          unitID: network.fudan.id, name: "原子力显微镜", category: .analytical,
          value: Money(yuanWhole: 1_500_000), hourlyRate: Money(yuanWhole: 400)),
        as: principal)
    case .updateInstrument:
      _ = try service.updateInstrument(
        id: network.nmr.id, InstrumentChanges(hourlyRate: Money(yuanWhole: 900)), as: principal)
    case .retireInstrument:
      _ = try service.retireInstrument(id: network.nmr.id, as: principal)
    case .importInstruments:
      _ = try service.importInstruments(
        open: { CSVRecordReader(bytes: Array(InstrumentTests.csvWithoutUnit.utf8)) },
        dryRun: false, as: principal)
    case .blockInstrument:
      _ = try service.blockInstrument(
        BlockRequest(
          instrumentID: network.nmr.id, interval: network.nextSlot(), reason: "维护",
          cancellingBookings: false), as: principal)
    case .book:
      _ = try service.book(
        BookingRequest(
          instrumentID: network.nmr.id, interval: network.nextSlot(), purpose: nil, voucher: nil),
        as: principal)
    case .cancel:
      let booking = try network.book(network.nmr, as: .fudanResearcher)
      _ = try service.change(BookingChange(.cancel, bookingID: booking.id), as: principal)
    case .approve:
      let booking = try network.book(network.flagship, as: .fudanResearcher)
      _ = try service.change(BookingChange(.approve, bookingID: booking.id), as: principal)
    case .booking:
      let booking = try network.book(network.nmr, as: .fudanResearcher)
      _ = try service.booking(id: booking.id, as: principal)
    case .bookings:
      _ = try service.bookings(matching: BookingFilter(), as: principal)
    case .calendar:
      _ = try service.calendar(instrumentID: nil, as: principal)
    case .instrumentCalendar:
      _ = try service.calendar(instrumentID: network.nmr.id, as: principal)
    case .issueVoucher:
      _ = try service.issueVoucher(
        VoucherIssueRequest(
          holder: String(network.shEnterprise.id), faceValue: Money(yuanWhole: 1_000),
          validFrom: nil, lastValidDay: try LocalDate(year: 2027, month: 6, day: 30)),
        as: principal)
    case .voucher:
      let voucher = try network.issueVoucher(to: network.shEnterprise)
      _ = try service.voucher(code: voucher.code, as: principal)
    case .vouchers:
      _ = try service.vouchers(matching: VoucherFilter(), as: principal)
    case .redeemVoucher:
      let voucher = try network.issueVoucher(to: network.shEnterprise)
      let booking = try network.book(network.nmr, as: .shEnterpriseResearcher)
      _ = try service.redeemVoucher(code: voucher.code, bookingID: booking.id, as: principal)
    case .setVoucherPolicy:
      _ = try service.setVoucherPolicy(
        VoucherPolicyChange(province: .shanghai, coverBasisPoints: 6_000), as: principal)
    case .usage:
      _ = try service.usage(by: .province, period: nil, province: nil, as: principal)
    case .voucherFlows:
      _ = try service.voucherFlows(period: nil, province: nil, as: principal)
    case .exportBookings:
      try service.exportBookings(
        period: nil, province: nil, as: principal, begin: {}, row: { _ in })
    case .seed:
      _ = try service.seed(
        SeedRequest(seed: 2018, scale: 0.01, replace: true, bookings: 0), as: principal)
    }
  }
}

@Suite("Who is acting")
struct PrincipalTests {
  @Test(
    "nobody, or an account that does not exist, gets the permission kind",
    arguments: GuardedUseCase.allCases)
  func noActor(useCase: GuardedUseCase) throws {
    let network = try Fixture()
    let principals: [Principal] = [
      .anonymous, .storeHolder(claimedLogin: "ghost"), .signedIn(login: "ghost"),
    ]
    for principal in principals {
      let error = labNetError { try useCase.run(network, as: principal) }
      #expect(
        error?.kind == .permission, "\(useCase) as \(principal): \(String(describing: error))")
      if principal != .anonymous {
        #expect(error?.code == "unknown_account", "\(useCase) as \(principal)")
      }
    }
  }

  @Test("a store holder's claim and a signed-in login act as the account named")
  func claimsNameTheAccount() throws {
    let network = try Fixture()
    for actor in Actor.accounts {
      for style in PrincipalStyle.allCases {
        let account = try network.service.me(as: actor.principal(style))
        #expect(account.login == actor.login, "\(actor) \(style)")
      }
    }
    #expect(try network.service.me(as: .signedIn(login: "admin")).isAdmin)
  }

  @Test("a store holder who names nobody is refused, on both backends")
  func storeHolderNamingNobody() throws {
    let network = try Fixture()
    let error = labNetError { _ = try network.service.me(as: .storeHolder(claimedLogin: nil)) }
    #expect(error?.kind == .permission)
    #expect(error?.code == "not_signed_in")
    #expect(error?.hint == .nameActor)
  }

  @Test("the same rules hold whichever way the actor is named", arguments: PrincipalStyle.allCases)
  func styles(style: PrincipalStyle) throws {
    let network = try Fixture()
    try expectPermissions(
      "registerInstrument (\(style))", InstrumentTests.fudanManagement
    ) { actor in
      _ = try network.service.registerInstrument(
        InstrumentDraft(
          unitID: network.fudan.id, name: "原子力显微镜", category: .analytical,
          value: Money(yuanWhole: 1_500_000), hourlyRate: Money(yuanWhole: 400)),
        as: actor.principal(style))
    }
    try expectPermissions(
      "booking(id:) (\(style))", BookingTests.readers,
      prepare: { _ in try network.book(network.nmr, as: .shEnterpriseResearcher) },
      attempt: { actor, booking in
        _ = try network.service.booking(id: booking.id, as: actor.principal(style))
      })
  }
}
