import InstrumentNetwork
import LabNetTestSupport
import NetworkStore
import Testing

/// A small network: one unit per province of the tests, a manager, an instrument.
struct SmallNetwork {
  let database: TestDatabase
  let admin: NetworkStore
  let fudan: Unit
  let zju: Unit
  let microscope: Instrument

  init() throws {
    database = try TestDatabase()
    admin = try database.open(as: try TestDatabase.adminLogin)
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
  func store(as login: String) throws -> NetworkStore {
    try database.open(as: login, initialise: false)
  }

  func count(_ table: String) throws -> Int64 {
    try admin.database.scalar("SELECT count(*) FROM \(table)") ?? -1
  }
}

/// The domain error an operation threw, or nil when it succeeded.
func failure<T>(_ store: NetworkStore, _ body: () throws -> T) -> LabNetError? {
  do {
    _ = try body()
    return nil
  } catch {
    return store.explain(error)
  }
}
