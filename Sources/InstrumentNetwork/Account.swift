/// A person who acts in the network, with the roles that say what they may do.
///
/// ```swift
/// try account.requireManager(of: 3, unitName: "复旦大学", to: "retire instrument 12")
/// ```
public struct Account: Sendable, Hashable, Codable {
  /// The store's identifier.
  public var id: Int64
  /// The login, also the PostgreSQL role name, like `wang.li`.
  public var login: String
  /// The name shown to people, like `王力`.
  public var displayName: String
  /// The unit the person is affiliated to, if any.
  public var unitID: Int64?
  /// What the account may do.
  public var roles: [Role]

  /// An account with the given fields.
  public init(id: Int64, login: String, displayName: String, unitID: Int64?, roles: [Role]) {
    self.id = id
    self.login = login
    self.displayName = displayName
    self.unitID = unitID
    self.roles = roles
  }

  /// Whether the account is a network administrator.
  public var isAdmin: Bool { roles.contains(.admin) }

  /// Whether the account holds a role of `kind`, whatever its scope.
  public func has(_ kind: RoleKind) -> Bool {
    roles.contains { $0.kind == kind }
  }

  /// The units this account manages directly (not counting admin).
  public var managedUnitIDs: [Int64] {
    roles.compactMap { role in
      if case .manager(let unitID) = role { return unitID }
      return nil
    }
  }

  /// Whether the account may run unit `unitID`: admin or that unit's manager.
  public func mayManage(unitID: Int64) -> Bool {
    isAdmin || roles.contains(.manager(unitID: unitID))
  }

  /// Whether the account may read audits of `province`: admin, its auditor or a network auditor.
  public func mayAudit(province: Province) -> Bool {
    isAdmin || roles.contains(.auditor(nil)) || roles.contains(.auditor(province))
  }

  /// Whether the account may read audits of the whole network: admin or a network auditor.
  public var mayAuditNetwork: Bool {
    isAdmin || roles.contains(.auditor(nil))
  }

  /// Whether the account may issue vouchers and set policy for `province`: admin or its issuer.
  public func mayIssue(province: Province) -> Bool {
    isAdmin || roles.contains(.issuer(province))
  }

  /// Refuses unless the account is admin.
  public func requireAdmin(to action: String) throws(LabNetError) {
    guard isAdmin else { throw .permission("\(login) may not \(action): needs the admin role") }
  }

  /// Refuses unless the account manages unit `unitID` or is admin.
  public func requireManager(of unitID: Int64, unitName: String, to action: String)
    throws(LabNetError)
  {
    guard mayManage(unitID: unitID) else {
      throw .permission(
        "\(login) may not \(action): needs the manager role of \(unitName) (unit \(unitID)) or admin"
      )
    }
  }

  /// Refuses unless the account manages `unit` or is admin.
  public func requireManager(of unit: Unit, to action: String) throws(LabNetError) {
    try requireManager(of: unit.id, unitName: unit.name, to: action)
  }

  /// Refuses unless the account may audit `province`, or the whole network when nil.
  public func requireAuditor(of province: Province?, to action: String) throws(LabNetError) {
    if let province {
      guard mayAudit(province: province) else {
        throw .permission(
          "\(login) may not \(action): needs the auditor role of \(province.code) "
            + "or of the network, or admin")
      }
    } else {
      guard mayAuditNetwork else {
        throw .permission(
          "\(login) may not \(action): needs the auditor role of the network or admin")
      }
    }
  }

  /// Refuses unless the account issues for `province` or is admin.
  public func requireIssuer(of province: Province, to action: String) throws(LabNetError) {
    guard mayIssue(province: province) else {
      throw .permission(
        "\(login) may not \(action): needs the issuer role of \(province.code) or admin")
    }
  }

  /// Refuses a login that is not 1–63 lowercase ASCII letters, digits, `_`, `.` or `-`
  /// starting with a letter (it doubles as a PostgreSQL role name).
  public static func validateLogin(_ text: String) throws(LabNetError) {
    let bytes = Array(text.utf8)
    let isLetter = { (byte: UInt8) in byte >= 0x61 && byte <= 0x7A }
    let isAllowed = { (byte: UInt8) in
      isLetter(byte) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F || byte == 0x2E
        || byte == 0x2D
    }
    guard let first = bytes.first, isLetter(first), bytes.count <= 63, bytes.allSatisfy(isAllowed)
    else {
      throw .invalidData(
        "login must be 1–63 characters of lowercase letters, digits, \"_\", \".\" or \"-\", "
          + "starting with a letter, like wang.li; got \(quoted(text))")
    }
  }
}
