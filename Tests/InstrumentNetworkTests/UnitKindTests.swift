import InstrumentNetwork
import Testing

struct UnitKindTests {
  @Test(arguments: [
    ("university", UnitKind.university), ("高校", .university), ("Institute", .institute),
    ("科研院所", .institute), ("ENTERPRISE", .enterprise), ("企业", .enterprise),
    ("hospital", .hospital), ("医院", .hospital), (" other ", .other), ("其他", .other),
  ])
  func parses(text: String, kind: UnitKind) throws {
    #expect(try UnitKind(parsing: text) == kind)
  }

  @Test func refusesUnknownKind() {
    let message = invalidDataMessage { () throws(LabNetError) in try UnitKind(parsing: "school") }
    #expect(message?.contains("university, institute, enterprise, hospital, other") == true)
    #expect(message?.hasSuffix("got \"school\"") == true)
  }

  @Test func onlyEnterprisesHoldVouchers() {
    #expect(UnitKind.allCases.filter(\.holdsVouchers) == [.enterprise])
  }
}
