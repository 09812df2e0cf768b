import InstrumentNetwork
import Testing

struct InstrumentTests {
  private func instrument(value: Money) -> Instrument {
    Instrument(
      id: 12, unitID: 3, name: "透射电子显微镜", category: .analytical, value: value,
      hourlyRate: Money(yuanWhole: 800))
  }

  @Test func defaultsAreTheNetworkDefaults() {
    let item = instrument(value: Money(yuanWhole: 600_000))
    #expect(item.openingHours == .standard)
    #expect(item.status == .inService)
    #expect(item.isShared)
    #expect(item.granularityMinutes == 15)
    #expect(item.model.isEmpty && item.manufacturer.isEmpty && item.location.isEmpty)
  }

  @Test(arguments: [
    (Int64(12_000_000), ValueTier.flagship), (2_000_000, .major), (600_000, .large),
    (300_000, .standard), (1, .standard),
  ])
  func tierIsDerivedFromValue(yuan: Int64, tier: ValueTier) {
    #expect(instrument(value: Money(yuanWhole: yuan)).tier == tier)
  }

  @Test func roundTripsThroughJSON() throws {
    var item = instrument(value: Money(yuanWhole: 12_000_000))
    item.openingHours = .allWeek
    item.status = .underMaintenance
    let text = try jsonText(item)
    #expect(text.contains(#""openingHours":"24/7""#))
    #expect(text.contains(#""status":"under_maintenance""#))
    #expect(text.contains(#""value":1200000000"#))
    #expect(try decodeJSON(Instrument.self, text) == item)
  }

  @Test func unitHoldsItsFields() throws {
    let unit = Unit(id: 3, name: "复旦大学", province: .shanghai, city: "上海", kind: .university)
    #expect(try decodeJSON(Unit.self, jsonText(unit)) == unit)
    #expect(try jsonText(unit).contains(#""province":"SH""#))
  }
}
