import InstrumentNetwork
import Testing

struct ValueTierTests {
  @Test(arguments: [
    ("10000000", ValueTier?.some(.flagship)), ("51900000000", .flagship),
    ("9999999.99", .major), ("2000000", .major), ("1999999.99", .large), ("500000", .large),
    ("499999.99", .standard), ("300000", .standard), ("299999.99", nil), ("0", nil),
  ])
  func tierOfValue(yuan: String, tier: ValueTier?) throws {
    #expect(ValueTier(value: try Money(yuan: yuan)) == tier)
  }

  @Test func boundsAreContiguous() {
    #expect(ValueTier.flagship.upperBound == nil)
    #expect(ValueTier.standard.lowerBound == ValueTier.admissionBar)
    #expect(ValueTier.admissionBar == Money(fen: 30_000_000))
    for tier in ValueTier.allCases {
      #expect(ValueTier(value: tier.lowerBound) == tier)
      if let upper = tier.upperBound {
        #expect(ValueTier(value: upper - Money(fen: 1)) == tier)
        #expect(ValueTier(value: upper) != tier)
      }
    }
  }

  @Test func onlyFlagshipNeedsApproval() {
    #expect(ValueTier.allCases.filter(\.needsApproval) == [.flagship])
    #expect(ValueTier.allCases.map(\.chineseName) == ["旗舰", "重大", "大型", "标准"])
  }

  @Test func admitRefusesBelowTheBar() throws {
    #expect(try ValueTier.admit(value: Money(yuanWhole: 300_000)) == .standard)
    #expect(
      throws: LabNetError.invalidData(
        "instrument value 299,999.99 yuan is below the network's admission bar of 300,000.00 yuan")
    ) {
      try ValueTier.admit(value: Money(fen: 29_999_999))
    }
  }

  @Test(arguments: [
    ("flagship", ValueTier.flagship), ("MAJOR", .major), (" Large ", .large),
    ("standard", .standard), ("旗舰", .flagship),
  ])
  func parses(text: String, tier: ValueTier) throws {
    #expect(try ValueTier(parsing: text) == tier)
  }

  @Test func refusesUnknownTier() {
    let message = invalidDataMessage { () throws(LabNetError) in try ValueTier(parsing: "huge") }
    #expect(message == "value tier must be one of flagship, major, large, standard; got \"huge\"")
  }
}
