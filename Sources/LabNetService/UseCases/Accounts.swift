import InstrumentNetwork
import NetworkStore

/// An account an admin adds.
public struct AccountRequest: Sendable, Hashable {
  public var login: String
  public var displayName: String
  /// The affiliation unit's id.
  public var unitID: Int64?
  public var roles: [Role]

  public init(login: String, displayName: String, unitID: Int64?, roles: [Role]) {
    self.login = login
    self.displayName = displayName
    self.unitID = unitID
    self.roles = roles
  }
}

extension NetworkService {
  /// Adds an account (admin only): a labnet account, never a database login.
  public func addAccount(_ request: AccountRequest, as principal: Principal) throws -> Account {
    try Account.validateLogin(request.login)
    let name = try NameRule.validate(request.displayName, field: "name")
    if request.roles.contains(.researcher) && request.unitID == nil {
      throw LabNetError.invalidData("a researcher is affiliated to a unit: name the unit")
    }
    return try write { store in
      try actor(principal, in: store).requireAdmin(to: "add accounts")
      if try store.account(login: request.login) != nil {
        throw LabNetError.refused(
          "an account with login \"\(request.login)\" already exists", code: "already_exists")
      }
      if let unitID = request.unitID { _ = try store.unit(id: unitID) }
      for case .manager(let managed) in request.roles { _ = try store.unit(id: managed) }
      return try store.insertAccount(
        login: request.login, displayName: name, unitID: request.unitID, roles: request.roles)
    }
  }

  /// Every account (admin only).
  public func accounts(as principal: Principal) throws -> [Account] {
    try read { store in
      try actor(principal, in: store).requireAdmin(to: "list accounts")
      return try store.accounts()
    }
  }
}
