import InstrumentNetwork
import Testing

struct AccountTests {
  private func account(_ roles: [Role], login: String = "wang") -> Account {
    Account(id: 7, login: login, displayName: "王力", unitID: 3, roles: roles)
  }

  @Test func adminMayDoEverything() throws {
    let admin = account([.admin], login: "root")
    #expect(admin.isAdmin)
    #expect(admin.mayManage(unitID: 99))
    #expect(admin.mayAudit(province: .anhui))
    #expect(admin.mayAuditNetwork)
    #expect(admin.mayIssue(province: .jiangsu))
    try admin.requireAdmin(to: "create units")
    try admin.requireManager(of: 99, unitName: "浙江大学", to: "retire instrument 1")
    try admin.requireAuditor(of: nil, to: "export usage")
    try admin.requireIssuer(of: .shanghai, to: "issue vouchers")
  }

  @Test func managerRunsOnlyTheirUnit() throws {
    let manager = account([.manager(unitID: 3), .researcher])
    #expect(!manager.isAdmin)
    #expect(manager.mayManage(unitID: 3))
    #expect(!manager.mayManage(unitID: 4))
    #expect(manager.managedUnitIDs == [3])
    #expect(manager.has(.researcher))
    #expect(!manager.has(.auditor))
    try manager.requireManager(of: 3, unitName: "复旦大学", to: "retire instrument 12")
    #expect(
      throws: LabNetError.permission(
        "wang may not retire instrument 12: needs the manager role of 同济大学 (unit 4) or admin")
    ) {
      try manager.requireManager(of: 4, unitName: "同济大学", to: "retire instrument 12")
    }
  }

  @Test func requireAdminNamesTheRole() {
    #expect(throws: LabNetError.permission("wang may not create units: needs the admin role")) {
      try account([.researcher]).requireAdmin(to: "create units")
    }
  }

  @Test func provincialAuditorSeesOnlyTheirProvince() throws {
    let auditor = account([.auditor(.zhejiang)], login: "li")
    #expect(auditor.mayAudit(province: .zhejiang))
    #expect(!auditor.mayAudit(province: .shanghai))
    #expect(!auditor.mayAuditNetwork)
    #expect(!auditor.mayManage(unitID: 3))
    try auditor.requireAuditor(of: .zhejiang, to: "export usage")
    #expect(
      throws: LabNetError.permission(
        "li may not export usage: needs the auditor role of SH or of the network, or admin")
    ) {
      try auditor.requireAuditor(of: .shanghai, to: "export usage")
    }
    #expect(
      throws: LabNetError.permission(
        "li may not export usage: needs the auditor role of the network or admin")
    ) {
      try auditor.requireAuditor(of: nil, to: "export usage")
    }
  }

  @Test func networkAuditorSeesEveryProvince() throws {
    let auditor = account([.auditor(nil)])
    #expect(Province.allCases.allSatisfy { auditor.mayAudit(province: $0) })
    #expect(auditor.mayAuditNetwork)
    try auditor.requireAuditor(of: nil, to: "export vouchers")
  }

  @Test func issuerIssuesOnlyForTheirProvince() throws {
    let issuer = account([.issuer(.anhui)], login: "zhao")
    #expect(issuer.mayIssue(province: .anhui))
    #expect(!issuer.mayIssue(province: .jiangsu))
    try issuer.requireIssuer(of: .anhui, to: "issue vouchers")
    #expect(
      throws: LabNetError.permission(
        "zhao may not issue vouchers: needs the issuer role of JS or admin")
    ) {
      try issuer.requireIssuer(of: .jiangsu, to: "issue vouchers")
    }
  }

  @Test(arguments: [
    "wang", "a", "wang.li", "li_2", "zhang-san", "a" + String(repeating: "b", count: 62),
  ])
  func acceptsLogins(login: String) throws {
    try Account.validateLogin(login)
  }

  @Test(arguments: [
    "", "Wang", "2wang", "_wang", ".wang", "wang li", "wang@lab", "王力", "wang\u{0}",
    "a" + String(repeating: "b", count: 63), "wáng",
  ])
  func refusesLogins(login: String) {
    let message = invalidDataMessage { () throws(LabNetError) in try Account.validateLogin(login) }
    #expect(
      message
        == "login must be 1–63 characters of lowercase letters, digits, \"_\", \".\" or \"-\", "
        + "starting with a letter, like wang.li; got \"\(login)\"")
  }

  @Test func codesRolesAsText() throws {
    let original = account([.manager(unitID: 3), .auditor(nil)])
    let text = try jsonText(original)
    #expect(text.contains(#""roles":["manager of unit 3","auditor of the network"]"#))
    #expect(try decodeJSON(Account.self, text) == original)
  }
}
