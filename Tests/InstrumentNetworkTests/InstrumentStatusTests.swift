import InstrumentNetwork
import Testing

struct InstrumentStatusTests {
  @Test(arguments: [
    ("in_service", InstrumentStatus.inService), ("in-service", .inService),
    ("In Service", .inService), ("under_maintenance", .underMaintenance),
    ("UNDER-MAINTENANCE", .underMaintenance), ("retired", .retired), ("已退役", .retired),
  ])
  func parses(text: String, status: InstrumentStatus) throws {
    #expect(try InstrumentStatus(parsing: text) == status)
  }

  @Test func rawValuesAreSnakeCase() {
    #expect(
      InstrumentStatus.allCases.map(\.rawValue) == ["in_service", "under_maintenance", "retired"])
  }

  @Test func refusesUnknownStatus() {
    let message = invalidDataMessage { () throws(LabNetError) in
      try InstrumentStatus(parsing: "broken")
    }
    #expect(
      message == "instrument status must be one of in_service, under_maintenance, retired; "
        + "got \"broken\"")
  }
}
