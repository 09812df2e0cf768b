import InstrumentNetwork
import Testing

struct RoleTests {
  @Test(arguments: [
    (Role.admin, "admin", RoleKind.admin), (.manager(unitID: 12), "manager of unit 12", .manager),
    (.researcher, "researcher", .researcher), (.auditor(.zhejiang), "auditor of ZJ", .auditor),
    (.auditor(nil), "auditor of the network", .auditor),
    (.issuer(.shanghai), "issuer of SH", .issuer),
  ])
  func textKindAndRoundTrip(role: Role, text: String, kind: RoleKind) throws {
    #expect(role.text == text)
    #expect(role.description == text)
    #expect(role.kind == kind)
    #expect(try Role(parsing: text) == role)
    #expect(try jsonText(role) == "\"\(text)\"")
    #expect(try decodeJSON(Role.self, "\"\(text)\"") == role)
  }

  @Test(arguments: [
    ("ADMIN", Role.admin), ("auditor", .auditor(nil)), ("auditor of network", .auditor(nil)),
    ("auditor of all", .auditor(nil)), ("auditor of 浙江", .auditor(.zhejiang)),
    ("Issuer of ah", .issuer(.anhui)), ("  manager  of unit 3 ", .manager(unitID: 3)),
  ])
  func parsesLooserSpellings(text: String, role: Role) throws {
    #expect(try Role(parsing: text) == role)
  }

  @Test(arguments: [
    "", "boss", "manager", "manager of 12", "manager of unit x", "manager of unit 0",
    "issuer", "issuer of the network", "admin of SH", "researcher of unit 2", "auditor of",
  ])
  func refusesOthers(text: String) {
    let message = invalidDataMessage { () throws(LabNetError) in try Role(parsing: text) }
    #expect(message?.hasPrefix("role must be admin, researcher, \"manager of unit 12\"") == true)
  }

  @Test func refusesUnknownProvinceInScope() {
    let message = invalidDataMessage { () throws(LabNetError) in try Role(parsing: "issuer of GD") }
    #expect(message?.hasPrefix("province must be one of SH, JS, ZJ, AH") == true)
  }

  @Test(arguments: [
    ("admin", RoleKind.admin), ("Manager", .manager), (" researcher ", .researcher),
    ("AUDITOR", .auditor), ("issuer", .issuer),
  ])
  func parsesKinds(text: String, kind: RoleKind) throws {
    #expect(try RoleKind(parsing: text) == kind)
  }

  @Test func refusesUnknownKind() {
    #expect(
      throws: LabNetError.invalidData(
        "role must be one of admin, manager, researcher, auditor, issuer; got \"owner\"")
    ) {
      try RoleKind(parsing: "owner")
    }
  }
}
