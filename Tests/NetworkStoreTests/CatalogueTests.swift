import InstrumentNetwork
import LabNetTestSupport
import Testing

@testable import NetworkStore

@Suite("Units, accounts and instruments")
struct CatalogueTests {
  @Test("create, read and update through the store")
  func roundTrip() throws {
    let network = try SmallNetwork()
    let wang = try network.store(as: "wang")
    var draft = InstrumentDraft(
      unitID: network.fudan.id, name: "核磁共振波谱仪", category: .analytical,
      value: try Money(yuan: "3800000.50"), hourlyRate: try Money(yuan: "800"))
    draft.model = "AVANCE NEO 600"
    draft.manufacturer = "Bruker"
    draft.openingHours = try OpeningHours(parsing: "24/7")
    draft.isShared = false
    draft.granularityMinutes = 30
    let registered = try wang.registerInstrument(draft)
    let read = try wang.instrument(id: registered.id)
    #expect(read.instrument == registered)
    #expect(read.unit == network.fudan)
    #expect(read.instrument.tier == .major)
    #expect(read.instrument.openingHours.is24x7)

    let updated = try wang.updateInstrument(id: registered.id) {
      $0.hourlyRate = Money(yuanWhole: 900)
      $0.status = .underMaintenance
    }
    #expect(try wang.instrument(id: registered.id).instrument == updated)
    #expect(updated.hourlyRate == Money(yuanWhole: 900))

    _ = try wang.retireInstrument(id: registered.id)
    #expect(try wang.instrument(id: registered.id).instrument.status == .retired)
    #expect(try wang.instruments(matching: InstrumentFilter()).map(\.instrument.id) == [1])
    #expect(
      try wang.instruments(matching: InstrumentFilter(includeRetired: true)).count == 2)
    let again = failure(wang) { _ = try wang.retireInstrument(id: registered.id) }
    #expect(again?.exitCode == 67)
  }

  @Test("accounts keep their roles")
  func accounts() throws {
    let network = try SmallNetwork()
    let auditor = try network.admin.addAccount(
      login: "li.audit", displayName: "李审计", unitID: nil,
      roles: [.auditor(.zhejiang), .issuer(.zhejiang)])
    #expect(try network.admin.account(login: "li.audit") == auditor)
    let logins = try network.admin.accounts().map(\.login)
    #expect(logins.contains("wang") && logins.contains("zhang") && logins.contains("li.audit"))
    let duplicate = failure(network.admin) {
      _ = try network.admin.addAccount(
        login: "wang", displayName: "x", unitID: nil, roles: [.admin])
    }
    #expect(duplicate?.exitCode == 67)
  }

  @Test("a manager changes only its own unit's instruments")
  func managerScope() throws {
    let network = try SmallNetwork()
    let zhang = try network.store(as: "zhang")
    let error = failure(zhang) {
      _ = try zhang.updateInstrument(id: network.microscope.id) { $0.hourlyRate = .zero }
    }
    #expect(error?.exitCode == 77)
    #expect(error?.message.contains("复旦大学") == true)
    let register = failure(zhang) {
      _ = try zhang.registerInstrument(
        InstrumentDraft(
          unitID: network.fudan.id, name: "X", category: .other,
          value: Money(yuanWhole: 400_000), hourlyRate: .zero))
    }
    #expect(register?.exitCode == 77)
    #expect(
      try network.admin.instrument(id: network.microscope.id).instrument == network.microscope)
  }

  @Test("unknown ids and names are not found")
  func notFound() throws {
    let network = try SmallNetwork()
    #expect(failure(network.admin) { _ = try network.admin.instrument(id: 4242) }?.exitCode == 66)
    #expect(failure(network.admin) { _ = try network.admin.unit(named: "清华大学") }?.exitCode == 66)
    #expect(failure(network.admin) { _ = try network.admin.unit(named: "77") }?.exitCode == 66)
    #expect(try network.admin.unit(named: " 浙江大学 ") == network.zju)
  }

  @Test("filters narrow the list")
  func filters() throws {
    let network = try SmallNetwork()
    let zhang = try network.store(as: "zhang")
    var draft = InstrumentDraft(
      unitID: network.zju.id, name: "激光共聚焦显微镜", category: .laser,
      value: Money(yuanWhole: 1_200_000), hourlyRate: Money(yuanWhole: 300))
    draft.manufacturer = "Leica"
    let laser = try zhang.registerInstrument(draft)
    let store = network.admin
    func ids(_ filter: InstrumentFilter) throws -> [Int64] {
      try store.instruments(matching: filter).map(\.instrument.id)
    }
    #expect(try ids(InstrumentFilter(province: .zhejiang)) == [laser.id])
    #expect(try ids(InstrumentFilter(city: "上海")) == [network.microscope.id])
    #expect(try ids(InstrumentFilter(category: .laser)) == [laser.id])
    #expect(try ids(InstrumentFilter(tier: .large)) == [laser.id])
    #expect(try ids(InstrumentFilter(tier: .flagship)) == [network.microscope.id])
    #expect(try ids(InstrumentFilter(tier: .standard)) == [])
    #expect(try ids(InstrumentFilter(search: "leica")) == [laser.id])
    #expect(try ids(InstrumentFilter(unitID: network.fudan.id)) == [network.microscope.id])
    #expect(try ids(InstrumentFilter(limit: 1)) == [network.microscope.id])
    let statistics = try store.statistics()
    #expect(statistics.units == 2 && statistics.instruments == 2 && statistics.largeOrAbove == 2)
    #expect(statistics.totalValue == Money(yuanWhole: 13_700_000))
    #expect(statistics.byProvince.first { $0.key == "ZJ" }?.instruments == 1)
    #expect(statistics.byTier.map(\.instruments) == [1, 0, 1, 0])
  }
}
