import InstrumentNetwork
import LabNetTestSupport
import Testing

@testable import NetworkStore

@Suite("Bound parameters")
struct BoundParameterTests {
  static let hostile = "'); DROP TABLE instrument; --"

  @Test("SQL text in a value is stored as text, and the tables stay")
  func sqlText() throws {
    let network = try SmallNetwork()
    let stored = try network.admin.registerInstrument(
      InstrumentDraft(
        unitID: network.fudan.id, name: Self.hostile, category: .other,
        value: Money(yuanWhole: 300_000), hourlyRate: .zero))
    #expect(try network.admin.instrument(id: stored.id).instrument.name == Self.hostile)
    #expect(try network.count("instrument") == 2)
    let found = try network.admin.instruments(matching: InstrumentFilter(search: "drop table"))
    #expect(found.map(\.instrument.id) == [stored.id])
  }

  // The service refuses long names and control characters (NameRule); these
  // two go straight to the store, to prove the binding holds whatever the text.
  @Test("a 100 KB name comes back exactly")
  func longName() throws {
    let network = try SmallNetwork()
    let name = String(repeating: "光谱仪", count: 34_134)  // 3 bytes each: just over 100 KB
    #expect(name.utf8.count > 100_000)
    let stored = try network.admin.store.insertInstrument(
      InstrumentDraft(
        unitID: network.fudan.id, name: name, category: .analytical,
        value: Money(yuanWhole: 600_000), hourlyRate: Money(yuanWhole: 50)))
    #expect(try network.admin.instrument(id: stored.id).instrument.name == name)
  }

  @Test("a NUL byte is kept exactly where the store can hold it, refused clearly where not")
  func nulByte() throws {
    let network = try SmallNetwork()
    let name = "质谱仪\u{0}第二部分"
    let draft = InstrumentDraft(
      unitID: network.fudan.id, name: name, category: .analytical,
      value: Money(yuanWhole: 600_000), hourlyRate: Money(yuanWhole: 50))
    let store = network.admin.store
    if network.admin.database.dialect.textMayHoldNUL {
      let stored = try store.insertInstrument(draft)
      let read = try network.admin.instrument(id: stored.id).instrument.name
      #expect(read == name)
      #expect(Array(read.utf8) == Array(name.utf8))
    } else {
      let error = failure(network.admin) { _ = try store.insertInstrument(draft) }
      #expect(error?.exitCode == 65)
      #expect(error?.message.contains("NUL") == true)
      #expect(try network.count("instrument") == 1)
    }
  }

  @Test("wildcards in a search are literal")
  func searchWildcards() throws {
    let network = try SmallNetwork()
    #expect(try network.admin.instruments(matching: InstrumentFilter(search: "%")).isEmpty)
    #expect(try network.admin.instruments(matching: InstrumentFilter(search: "_")).isEmpty)
    #expect(try network.admin.instruments(matching: InstrumentFilter(search: "电子")).count == 1)
  }
}
