import InstrumentNetwork

extension NetworkStore {
  /// The account with `login`, or nil: one query, since every use case asks it first.
  public func account(login: String) throws -> Account? {
    try account(where: "a.login = ?", .text(login))
  }

  /// The account with `id`, if any (one query, as by login).
  public func account(id: Int64) throws -> Account? {
    try account(where: "a.id = ?", .integer(id))
  }

  private func account(where condition: String, _ value: SQLValue) throws -> Account? {
    var found: Account?
    try database.query(
      """
      SELECT a.id, a.login, a.display_name, a.unit_id, r.role, r.unit_id, r.province
      FROM account AS a LEFT JOIN account_role AS r ON r.account_id = a.id
      WHERE \(condition) ORDER BY r.role, r.unit_id, r.province
      """, [value]
    ) { row in
      if found == nil {
        found = Account(
          id: try row.integer(0), login: try row.text(1), displayName: try row.text(2),
          unitID: row.optionalInt64(3), roles: [])
      }
      guard !row.isNull(4) else { return }
      found?.roles.append(
        try Self.role(
          kind: try row.text(4), unitID: row.optionalInt64(5), province: row.optionalString(6)))
    }
    return found
  }

  /// Every account, by login.
  public func accounts() throws -> [Account] {
    try accounts(where: "1 = 1", [])
  }

  private func accounts(where condition: String, _ parameters: [SQLValue]) throws -> [Account] {
    var accounts = try database.rows(
      "SELECT a.id, a.login, a.display_name, a.unit_id FROM account AS a WHERE \(condition) ORDER BY a.login",
      parameters
    ) { row in
      Account(
        id: try row.integer(0), login: try row.text(1), displayName: try row.text(2),
        unitID: row.optionalInt64(3), roles: [])
    }
    guard !accounts.isEmpty else { return [] }
    var roles: [Int64: [Role]] = [:]
    try database.query(
      "SELECT r.account_id, r.role, r.unit_id, r.province FROM account_role AS r JOIN account AS a ON a.id = r.account_id WHERE \(condition) ORDER BY r.account_id, r.role, r.unit_id, r.province",
      parameters
    ) { row in
      let role = try Self.role(
        kind: try row.text(1), unitID: row.optionalInt64(2), province: row.optionalString(3))
      roles[try row.integer(0), default: []].append(role)
    }
    for index in accounts.indices { accounts[index].roles = roles[accounts[index].id] ?? [] }
    return accounts
  }

  static func role(kind: String, unitID: Int64?, province: String?) throws -> Role {
    let scope = try province.map {
      try Self.decode(Province.self, $0, column: "account_role.province")
    }
    switch try Self.decode(RoleKind.self, kind, column: "account_role.role") {
    case .admin: return .admin
    case .researcher: return .researcher
    case .manager:
      guard let unitID else { throw Self.unreadable("account_role.unit_id", "NULL for a manager") }
      return .manager(unitID: unitID)
    case .auditor: return .auditor(scope)
    case .issuer:
      guard let scope else { throw Self.unreadable("account_role.province", "NULL for an issuer") }
      return .issuer(scope)
    }
  }

  static func columns(of role: Role) -> (kind: String, unitID: SQLValue, province: SQLValue) {
    switch role {
    case .admin, .researcher: return (role.kind.rawValue, .null, .null)
    case .manager(let unitID): return (role.kind.rawValue, .integer(unitID), .null)
    case .auditor(let province): return (role.kind.rawValue, .null, .optional(province?.rawValue))
    case .issuer(let province): return (role.kind.rawValue, .null, .text(province.rawValue))
    }
  }

  /// How many accounts hold the admin role.
  public func adminCount() throws -> Int64 {
    try database.scalar("SELECT count(*) FROM account_role WHERE role = 'admin'") ?? 0
  }

  /// Inserts an account with its roles.
  public func insertAccount(
    login: String, displayName: String, unitID: Int64?, roles: [Role]
  ) throws -> Account {
    let id =
      try database.scalar(
        "INSERT INTO account (login, display_name, unit_id, created_at) VALUES (?, ?, ?, ?) RETURNING id",
        [.text(login), .text(displayName), .optional(unitID), .integer(now().seconds)]) ?? 0
    for role in Set(roles) { try insertRole(role, accountID: id) }
    return Account(id: id, login: login, displayName: displayName, unitID: unitID, roles: roles)
  }

  /// Gives an account one more role.
  public func insertRole(_ role: Role, accountID: Int64) throws {
    let columns = Self.columns(of: role)
    try database.execute(
      "INSERT INTO account_role (account_id, role, unit_id, province) VALUES (?, ?, ?, ?)",
      [.integer(accountID), .text(columns.kind), columns.unitID, columns.province])
  }
}
