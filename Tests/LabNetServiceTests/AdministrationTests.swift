import InstrumentNetwork
import LabNetService
import LabNetTestSupport
import NetworkStore
import Testing

/// The network administrator "creates units and accounts, runs seed/import/migrations";
/// nobody else does.
@Suite("Administration: units, accounts, seed")
struct AdministrationTests {
  static let adminOnly = Permissions(allowed: [.admin])

  @Test("only an admin adds a unit")
  func addUnit() throws {
    let network = try Fixture()
    let before = try network.service.units().count
    let outcomes = try expectPermissions("addUnit", Self.adminOnly) { actor in
      _ = try network.service.addUnit(
        UnitRequest(
          name: "同济大学 \(actor.login)", province: .shanghai, city: "上海", kind: .university),
        as: actor.principal)
    }
    let added = outcomes.values.filter { $0 == .succeeded }.count
    #expect(try network.service.units().count == before + added)
  }

  @Test("only an admin adds an account")
  func addAccount() throws {
    let network = try Fixture()
    var number = 0
    try expectPermissions("addAccount", Self.adminOnly) { actor in
      number += 1
      _ = try network.service.addAccount(
        AccountRequest(
          login: "new.researcher\(number)", displayName: "新研究员", unitID: network.fudan.id,
          roles: [.researcher]),
        as: actor.principal)
    }
    let logins = try network.service.accounts(as: Actor.admin.principal).map(\.login)
    #expect(logins.filter { $0.hasPrefix("new.researcher") }.count == 1)
  }

  @Test("only an admin lists the accounts")
  func listAccounts() throws {
    let network = try Fixture()
    try expectPermissions("accounts", Self.adminOnly) { actor in
      let logins = Set(try network.service.accounts(as: actor.principal).map(\.login))
      #expect(logins.isSuperset(of: Actor.accounts.map(\.login)))
    }
  }

  @Test("nobody but an admin may seed")
  func seedRefused() throws {
    let network = try Fixture()
    let units = try network.service.units().count
    try expectPermissions(
      "seed", Self.adminOnly, actors: Actor.allCases.filter { $0 != .admin }
    ) { actor in
      _ = try network.service.seed(
        SeedRequest(seed: 2018, scale: 0.01, replace: true, bookings: 0), as: actor.principal)
    }
    #expect(try network.service.units().count == units)
  }

  @Test("an admin seeds a small network, which anyone may then read")
  func seedAsAdmin() throws {
    let database = try TestDatabase()
    _ = try database.open()
    let service = database.service(clock: { TestClock.start })
    let report = try service.seed(
      SeedRequest(seed: 2018, scale: 0.01, replace: false, bookings: 0),
      as: Actor.admin.principal)
    #expect(report.accounts > 0)
    let statistics = try service.statistics()
    #expect(statistics.units > 0 && statistics.instruments > 0)
    #expect(try service.units().count == statistics.units)
  }
}
