import InstrumentNetwork
import LabNetService
import LabNetTestSupport
import NetworkStore
import Testing

/// The moment the service reads as now; a test moves it.
final class TestClock: @unchecked Sendable {
  /// The fixture's "now": Tuesday 1 December 2026, 09:00 in Shanghai.
  static let start = instant("2026-12-01 09:00")

  var now: Instant

  init(_ now: Instant = TestClock.start) { self.now = now }
}

/// A moment written as people write it, like `2026-12-02 10:00` (China Standard Time).
func instant(_ text: String) -> Instant {
  do {
    return try Instant(parsing: text)
  } catch {
    preconditionFailure("a test's instant does not parse: \(text): \(error.message)")
  }
}

/// Everyone who may ask the service something in the fixture network, and
/// the anonymous visitor. The raw value is the login.
enum Actor: String, CaseIterable, Sendable, CustomTestStringConvertible {
  case anonymous = "(anonymous)"
  case admin
  /// Manager of 复旦大学 (Shanghai), the unit owning the instruments the tests book.
  case fudanManager = "fudan.mgr"
  /// Researcher of 复旦大学.
  case fudanResearcher = "fudan.res"
  /// Another researcher of 复旦大学.
  case fudanColleague = "fudan.res2"
  /// Manager of 浙江大学 (Zhejiang): another unit's manager.
  case zjuManager = "zju.mgr"
  /// Researcher of 浙江大学.
  case zjuResearcher = "zju.res"
  /// Manager of a Shanghai enterprise that holds a Shanghai voucher.
  case shEnterpriseManager = "shent.mgr"
  /// Researcher of that Shanghai enterprise: the booker in most tests.
  case shEnterpriseResearcher = "shent.res"
  /// An account of the Shanghai enterprise with no role at all.
  case shEnterpriseClerk = "shent.clerk"
  /// Researcher of a Zhejiang enterprise that holds a Zhejiang voucher.
  case zjEnterpriseResearcher = "zjent.res"
  case shIssuer = "sh.issuer"
  case zjIssuer = "zj.issuer"
  case shAuditor = "sh.auditor"
  case zjAuditor = "zj.auditor"
  case networkAuditor = "net.auditor"

  /// The principal the tests act as: an admin holding the store, a person
  /// the server signed in, or nobody.
  var principal: Principal { principal(.signedIn) }

  /// How a front end names this actor.
  func principal(_ style: PrincipalStyle) -> Principal {
    switch (self, style) {
    case (.anonymous, _): return .anonymous
    case (.admin, _): return .storeHolder(claimedLogin: "admin")
    case (_, .signedIn): return .signedIn(login: rawValue)
    case (_, .storeHolder): return .storeHolder(claimedLogin: rawValue)
    }
  }

  var login: String { rawValue }

  var testDescription: String { rawValue }

  /// Every actor with an account.
  static let accounts = allCases.filter { $0 != .anonymous }

  /// Those with the researcher or manager role and a unit: who may book.
  static let bookers: Set<Actor> = [
    .fudanManager, .fudanResearcher, .fudanColleague, .zjuManager, .zjuResearcher,
    .shEnterpriseManager, .shEnterpriseResearcher, .zjEnterpriseResearcher,
  ]

  /// Those of 复旦大学, the unit owning the instruments.
  static let fudanPeople: Set<Actor> = [.fudanManager, .fudanResearcher, .fudanColleague]
}

/// How a principal names an account: signed in to the server, or `--as` by the store's holder.
enum PrincipalStyle: String, CaseIterable, Sendable {
  case signedIn, storeHolder
}

/// A small network over a fresh database: two Shanghai units (a university
/// and an enterprise), two Zhejiang ones, a person for every role, and four
/// instruments of 复旦大学 and 浙江大学.
final class Fixture: @unchecked Sendable {
  let database: TestDatabase
  let clock: TestClock
  let service: NetworkService

  let fudan: Unit
  let shEnterprise: Unit
  let zju: Unit
  let zjEnterprise: Unit

  /// 复旦大学's transmission electron microscope, 12,500,000 yuan: bookings need approval.
  let flagship: Instrument
  /// 复旦大学's NMR spectrometer, 3,800,000 yuan, 800 yuan an hour, shared.
  let nmr: Instrument
  /// 复旦大学's confocal microscope, not shared: only 复旦大学 may book it.
  let confocal: Instrument
  /// 浙江大学's X-ray diffractometer, 2,500,000 yuan, 500 yuan an hour.
  let xrd: Instrument

  private var slotsTaken = 0

  init() throws {
    database = try TestDatabase()
    _ = try database.open()
    let clock = TestClock()
    self.clock = clock
    let setup = database.service(clock: { clock.now })
    service = setup
    let admin = Actor.admin.principal

    func unit(_ name: String, _ province: Province, _ city: String, _ kind: UnitKind) throws
      -> Unit
    {
      try setup.addUnit(
        UnitRequest(name: name, province: province, city: city, kind: kind), as: admin)
    }
    fudan = try unit("复旦大学", .shanghai, "上海", .university)
    shEnterprise = try unit("上海微纳检测技术有限公司", .shanghai, "上海", .enterprise)
    zju = try unit("浙江大学", .zhejiang, "杭州", .university)
    zjEnterprise = try unit("杭州谱析科技有限公司", .zhejiang, "杭州", .enterprise)

    let people: [(Actor, String, Unit?, [Role])] = [
      (.fudanManager, "王芳", fudan, [.manager(unitID: fudan.id)]),
      (.fudanResearcher, "李明", fudan, [.researcher]),
      (.fudanColleague, "赵磊", fudan, [.researcher]),
      (.zjuManager, "张伟", zju, [.manager(unitID: zju.id)]),
      (.zjuResearcher, "陈静", zju, [.researcher]),
      (.shEnterpriseManager, "刘洋", shEnterprise, [.manager(unitID: shEnterprise.id)]),
      (.shEnterpriseResearcher, "孙丽", shEnterprise, [.researcher]),
      (.shEnterpriseClerk, "周敏", shEnterprise, []),
      (.zjEnterpriseResearcher, "吴强", zjEnterprise, [.researcher]),
      (.shIssuer, "上海市科委", nil, [.issuer(.shanghai)]),
      (.zjIssuer, "浙江省科技厅", nil, [.issuer(.zhejiang)]),
      (.shAuditor, "上海审计", nil, [.auditor(.shanghai)]),
      (.zjAuditor, "浙江审计", nil, [.auditor(.zhejiang)]),
      (.networkAuditor, "网络审计", nil, [.auditor(nil)]),
    ]
    for (actor, name, unit, roles) in people {
      _ = try setup.addAccount(
        AccountRequest(login: actor.login, displayName: name, unitID: unit?.id, roles: roles),
        as: admin)
    }

    func instrument(
      _ unit: Unit, _ name: String, value: Int64, rate: Int64, shared: Bool = true
    ) throws -> Instrument {
      var draft = InstrumentDraft(
        unitID: unit.id, name: name, category: .analytical, value: Money(yuanWhole: value),
        hourlyRate: Money(yuanWhole: rate))
      draft.isShared = shared
      return try setup.registerInstrument(draft, as: admin).instrument
    }
    flagship = try instrument(fudan, "透射电子显微镜", value: 12_500_000, rate: 1_500)
    nmr = try instrument(fudan, "核磁共振波谱仪", value: 3_800_000, rate: 800)
    confocal = try instrument(fudan, "激光共聚焦显微镜", value: 600_000, rate: 300, shared: false)
    xrd = try instrument(zju, "X射线衍射仪", value: 2_500_000, rate: 500)
  }

  /// The unit an actor belongs to, if any.
  func unit(of actor: Actor) -> Unit? {
    switch actor {
    case .fudanManager, .fudanResearcher, .fudanColleague: return fudan
    case .zjuManager, .zjuResearcher: return zju
    case .shEnterpriseManager, .shEnterpriseResearcher, .shEnterpriseClerk: return shEnterprise
    case .zjEnterpriseResearcher: return zjEnterprise
    case .anonymous, .admin, .shIssuer, .zjIssuer, .shAuditor, .zjAuditor, .networkAuditor:
      return nil
    }
  }

  /// A fresh hour no other call of this fixture handed out: weekdays from
  /// Wednesday 2 December 2026, 08:00 to 20:00, inside standard opening hours.
  func nextSlot() -> Range<Instant> {
    defer { slotsTaken += 1 }
    var day = LocalDate(daysSinceEpoch: TestClock.start.localDate.daysSinceEpoch + 1)
    var remaining = slotsTaken / 12
    while day.weekday >= .saturday || remaining > 0 {
      if day.weekday < .saturday { remaining -= 1 }
      day = day.adding(days: 1)
    }
    let start = day.startInstant + Int64(8 + slotsTaken % 12) * 3_600
    return start..<(start + 3_600)
  }

  /// Books `instrument` as `actor` in a fresh slot, at the fixture's start time.
  func book(_ instrument: Instrument, as actor: Actor, voucher: String? = nil) throws
    -> Reservation
  {
    clock.now = TestClock.start
    return try service.book(
      BookingRequest(
        instrumentID: instrument.id, interval: nextSlot(), purpose: "样品测试", voucher: voucher),
      as: actor.principal
    ).reservation
  }

  /// Issues a voucher of `amount` yuan to `holder`, valid through 2027, as an admin.
  func issueVoucher(to holder: Unit, yuan amount: Int64 = 100_000) throws -> Voucher {
    try service.issueVoucher(
      VoucherIssueRequest(
        holder: String(holder.id), faceValue: Money(yuanWhole: amount), validFrom: nil,
        lastValidDay: try LocalDate(year: 2027, month: 12, day: 31)),
      as: Actor.admin.principal
    ).voucher
  }
}

// MARK: Who may

/// What became of one attempt.
enum Outcome: Equatable, CustomStringConvertible {
  case succeeded
  case failed(LabNetError.Kind)

  var description: String {
    switch self {
    case .succeeded: return "succeeds"
    case .failed(let kind): return "fails with .\(kind)"
    }
  }
}

/// Who may do something: the actors who succeed, those refused with a kind
/// of their own, and the kind every other actor gets (the anonymous visitor
/// included).
struct Permissions {
  var allowed: Set<Actor>
  var refused: [Actor: Set<LabNetError.Kind>] = [:]
  var otherwise: LabNetError.Kind = .permission

  init(
    allowed: Set<Actor>, refused: [Actor: LabNetError.Kind] = [:],
    otherwise: LabNetError.Kind = .permission
  ) {
    self.allowed = allowed
    self.refused = refused.mapValues { [$0] }
    self.otherwise = otherwise
  }

  /// Also accepts any of `kinds` from `actor`.
  func refusing(_ actor: Actor, with kinds: Set<LabNetError.Kind>) -> Permissions {
    var copy = self
    copy.refused[actor] = kinds
    return copy
  }

  /// What `actor` is expected to meet: success, or one of these kinds.
  func expected(for actor: Actor) -> (allowed: Bool, kinds: Set<LabNetError.Kind>) {
    if allowed.contains(actor) { return (true, []) }
    if actor == .anonymous { return (false, [.permission]) }
    return (false, refused[actor] ?? [otherwise])
  }
}

/// Tries `attempt` as every actor in turn (each with what `prepare` made
/// for it, as an admin or its booker, before) and checks each outcome
/// against `permissions`. Returns what each actor's attempt met.
@discardableResult
func expectPermissions<Prepared>(
  _ useCase: String, _ permissions: Permissions, actors: [Actor] = Actor.allCases,
  sourceLocation: SourceLocation = #_sourceLocation,
  prepare: (Actor) throws -> Prepared,
  attempt: (Actor, Prepared) throws -> Void
) throws -> [Actor: Outcome] {
  var outcomes: [Actor: Outcome] = [:]
  for actor in actors {
    let prepared = try prepare(actor)
    let outcome: Outcome
    var message = ""
    do {
      try attempt(actor, prepared)
      outcome = .succeeded
    } catch let error as LabNetError {
      outcome = .failed(error.kind)
      message = " (\(error.code): \(error.message))"
    }
    outcomes[actor] = outcome
    let expected = permissions.expected(for: actor)
    let matches: Bool
    switch outcome {
    case .succeeded: matches = expected.allowed
    case .failed(let kind): matches = !expected.allowed && expected.kinds.contains(kind)
    }
    if !matches {
      let wanted =
        expected.allowed
        ? "succeed"
        : "fail with " + expected.kinds.map { ".\($0)" }.sorted().joined(separator: " or ")
      Issue.record(
        "\(useCase) as \(actor.login): should \(wanted), but \(outcome)\(message)",
        sourceLocation: sourceLocation)
    }
  }
  return outcomes
}

/// `expectPermissions` for an attempt that needs nothing prepared.
@discardableResult
func expectPermissions(
  _ useCase: String, _ permissions: Permissions, actors: [Actor] = Actor.allCases,
  sourceLocation: SourceLocation = #_sourceLocation,
  attempt: (Actor) throws -> Void
) throws -> [Actor: Outcome] {
  try expectPermissions(
    useCase, permissions, actors: actors, sourceLocation: sourceLocation, prepare: { _ in () },
    attempt: { actor, _ in try attempt(actor) })
}

/// The domain error `body` threw, or nil when it succeeded.
func labNetError(_ body: () throws -> Void) -> LabNetError? {
  do {
    try body()
    return nil
  } catch let error as LabNetError {
    return error
  } catch {
    Issue.record("not a LabNetError: \(error)")
    return nil
  }
}
