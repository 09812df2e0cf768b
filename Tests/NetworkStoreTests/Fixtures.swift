import InstrumentNetwork
import LabNetCommands
import LabNetService
import LabNetTestSupport
import Testing

@testable import NetworkStore

/// A small network: one unit per province of the tests, a manager, an instrument.
struct SmallNetwork {
  let database: TestDatabase
  let admin: ActingStore
  let fudan: Unit
  let zju: Unit
  let microscope: Instrument

  init() throws {
    database = try TestDatabase()
    _ = try database.open()
    admin = try ActingStore(database, as: TestDatabase.adminLogin)
    fudan = try admin.addUnit(name: "复旦大学", province: .shanghai, city: "上海", kind: .university)
    zju = try admin.addUnit(name: "浙江大学", province: .zhejiang, city: "杭州", kind: .university)
    _ = try admin.addAccount(
      login: "wang", displayName: "王芳", unitID: fudan.id, roles: [.manager(unitID: fudan.id)])
    _ = try admin.addAccount(
      login: "zhang", displayName: "张伟", unitID: zju.id, roles: [.manager(unitID: zju.id)])
    microscope = try admin.registerInstrument(
      InstrumentDraft(
        unitID: fudan.id, name: "透射电子显微镜", category: .analytical,
        value: Money(yuanWhole: 12_500_000), hourlyRate: Money(yuanWhole: 1_500)))
  }

  /// The same store, acting as `login` (on PostgreSQL through the admin's `--as`).
  func store(as login: String) throws -> ActingStore {
    try ActingStore(database, as: login)
  }

  func count(_ table: String) throws -> Int64 {
    try admin.database.scalar("SELECT count(*) FROM \(table)") ?? -1
  }
}

/// The service acting as one login, with the store beside it for the SQL a
/// test checks by; the use cases under their store-era names, so a test
/// reads as what a person does.
final class ActingStore: @unchecked Sendable {
  let store: NetworkStore
  let principal: Principal
  /// The clock the service reads; a test may move it.
  var now: () -> Instant = { Instant.now() }
  private let location: StoreLocation

  init(_ database: TestDatabase, as login: String) throws {
    location = database.location
    store = try NetworkStore.open(database.location)
    principal = .storeHolder(claimedLogin: login)
  }

  var database: any SQLDatabase { store.database }

  var service: NetworkService {
    let clock = now
    let box = UncheckedClock(clock)
    return NetworkService(pool: StorePool(location: location), clock: { box.read() })
  }

  func write<T>(_ body: () throws -> T) throws -> T { try store.transaction(body) }

  func addUnit(name: String, province: Province, city: String, kind: UnitKind) throws -> Unit {
    try service.addUnit(
      UnitRequest(name: name, province: province, city: city, kind: kind), as: principal)
  }

  func addAccount(login: String, displayName: String, unitID: Int64?, roles: [Role]) throws
    -> Account
  {
    try service.addAccount(
      AccountRequest(login: login, displayName: displayName, unitID: unitID, roles: roles),
      as: principal)
  }

  func account(login: String) throws -> Account? { try store.account(login: login) }
  func accounts() throws -> [Account] { try service.accounts(as: principal) }
  func unit(named reference: String) throws -> Unit { try service.unit(named: reference) }
  func statistics() throws -> NetworkStatistics { try service.statistics() }

  func registerInstrument(_ draft: InstrumentDraft) throws -> Instrument {
    try service.registerInstrument(draft, as: principal).instrument
  }

  func instrument(id: Int64) throws -> InstrumentListing { try service.instrument(id: id) }

  func instruments(matching filter: InstrumentFilter) throws -> [InstrumentListing] {
    try service.instruments(matching: filter)
  }

  /// Applies `change` to a copy and sends the fields it changed.
  func updateInstrument(id: Int64, _ change: (inout Instrument) throws -> Void) throws
    -> Instrument
  {
    let current = try store.instrument(id: id).instrument
    var wanted = current
    try change(&wanted)
    var changes = InstrumentChanges()
    if wanted.name != current.name { changes.name = wanted.name }
    if wanted.value != current.value { changes.value = wanted.value }
    if wanted.hourlyRate != current.hourlyRate { changes.hourlyRate = wanted.hourlyRate }
    if wanted.status != current.status { changes.status = wanted.status }
    if wanted.category != current.category { changes.category = wanted.category }
    if wanted.isShared != current.isShared { changes.isShared = wanted.isShared }
    return try service.updateInstrument(id: id, changes, as: principal).instrument
  }

  func retireInstrument(id: Int64) throws -> Instrument {
    try service.retireInstrument(id: id, as: principal).instrument
  }

  func seedNetwork(seed: UInt64, scale: Double, replace: Bool, bookings: Int = 0) throws
    -> SeedReport
  {
    try service.seed(
      SeedRequest(seed: seed, scale: scale, replace: replace, bookings: bookings), as: principal)
  }

  func setVoucherPolicy(
    _ province: Province, coverBasisPoints: Int?, capPerBooking: Money??, acceptedIn: [Province]?
  ) throws -> VoucherPolicy {
    try service.setVoucherPolicy(
      VoucherPolicyChange(
        province: province, coverBasisPoints: coverBasisPoints, capPerBooking: capPerBooking,
        acceptedIn: acceptedIn), as: principal)
  }

  func voucherPolicy(_ province: Province) throws -> VoucherPolicy {
    try store.voucherPolicy(province)
  }

  func issueVoucher(holderUnitID: Int64, faceValue: Money, validity: Range<Instant>) throws
    -> VoucherListing
  {
    try service.issueVoucher(
      VoucherIssueRequest(
        holder: String(holderUnitID), faceValue: faceValue,
        validFrom: validity.lowerBound.localDate,
        lastValidDay: (validity.upperBound - 1).localDate), as: principal)
  }

  func book(instrumentID: Int64, interval: Range<Instant>, purpose: String, voucher: String?)
    throws -> Reservation
  {
    try service.book(
      BookingRequest(
        instrumentID: instrumentID, interval: interval, purpose: purpose, voucher: voucher),
      as: principal
    ).reservation
  }

  func redeemVoucher(code: String, bookingID: Int64) throws -> Money {
    try service.redeemVoucher(code: code, bookingID: bookingID, as: principal).amount
  }

  func booking(id: Int64) throws -> BookingListing { try service.booking(id: id, as: principal) }

  func cancelBooking(id: Int64, reason: String?) throws -> Reservation {
    try service.change(BookingChange(.cancel, bookingID: id, reason: reason), as: principal)
      .reservation
  }

  func completeBooking(id: Int64, used: Range<Instant>) throws -> Reservation {
    try service.change(BookingChange(.complete, bookingID: id, used: used), as: principal)
      .reservation
  }
}

extension TestDatabase {
  /// The database after `labnet init`, acting as `login`.
  func acting(as login: String) throws -> ActingStore {
    _ = try open()
    return try ActingStore(self, as: login)
  }
}

/// A clock closure made `Sendable` for the service; tests run it on one thread.
final class UncheckedClock: @unchecked Sendable {
  private let clock: () -> Instant
  init(_ clock: @escaping () -> Instant) { self.clock = clock }
  func read() -> Instant { clock() }
}

/// The domain error an operation threw, or nil when it succeeded.
func failure<T>(_ store: ActingStore, _ body: () throws -> T) -> LabNetError? {
  do {
    _ = try body()
    return nil
  } catch {
    return store.store.explain(error)
  }
}
