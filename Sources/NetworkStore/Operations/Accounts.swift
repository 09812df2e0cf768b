import InstrumentNetwork

extension NetworkStore {
  /// The account acting in this session: on SQLite the login claimed with
  /// `--as`; on PostgreSQL the account named like the connection's role, or
  /// the claimed one when that account is an admin.
  public func actingAccount() throws -> Account {
    if let cachedActor { return cachedActor }
    let actor: Account
    if let query = database.dialect.sessionUserQuery {
      let role = try database.first(query) { $0.string(0) } ?? ""
      guard let own = try account(login: role) else {
        throw LabNetError.permission(
          "PostgreSQL role \"\(role)\" has no labnet account; an admin adds it with `labnet account add \(role) --name … --role …`"
        )
      }
      if let claimed = claimedLogin, claimed != role {
        guard own.isAdmin else {
          throw LabNetError.permission(
            "--as \(claimed) is honoured only for admin accounts, and \(role) is not an admin")
        }
        actor = try existingAccount(claimed)
      } else {
        actor = own
      }
    } else {
      guard let claimed = claimedLogin else {
        throw LabNetError.permission(
          "this command needs an acting account: pass --as LOGIN or set LABNET_AS")
      }
      actor = try existingAccount(claimed)
    }
    cachedActor = actor
    return actor
  }

  private func existingAccount(_ login: String) throws -> Account {
    guard let account = try account(login: login) else {
      throw LabNetError.permission(
        "no account with login \"\(login)\"; `labnet account list` shows them")
    }
    return account
  }

  /// The account with `login`, or nil.
  public func account(login: String) throws -> Account? {
    try accounts(where: "a.login = ?", [.text(login)]).first
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
        id: row.int64(0), login: row.string(1), displayName: row.string(2),
        unitID: row.optionalInt64(3), roles: [])
    }
    guard !accounts.isEmpty else { return [] }
    var roles: [Int64: [Role]] = [:]
    try database.query(
      "SELECT r.account_id, r.role, r.unit_id, r.province FROM account_role AS r JOIN account AS a ON a.id = r.account_id WHERE \(condition) ORDER BY r.account_id, r.role, r.unit_id, r.province",
      parameters
    ) { row in
      if let role = Self.role(
        kind: row.string(1), unitID: row.optionalInt64(2), province: row.optionalString(3))
      {
        roles[row.int64(0), default: []].append(role)
      }
    }
    for index in accounts.indices { accounts[index].roles = roles[accounts[index].id] ?? [] }
    return accounts
  }

  static func role(kind: String, unitID: Int64?, province: String?) -> Role? {
    let province = province.flatMap(Province.init(rawValue:))
    switch RoleKind(rawValue: kind) {
    case .admin: return .admin
    case .researcher: return .researcher
    case .manager: return unitID.map { .manager(unitID: $0) }
    case .auditor: return .auditor(province)
    case .issuer: return province.map { .issuer($0) }
    case nil: return nil
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

  /// Creates the first admin if the store has none: `admin` on SQLite, the
  /// connecting role on PostgreSQL. Returns the account when it made one.
  public func ensureFirstAdmin() throws -> Account? {
    try write {
      let admins = try database.scalar("SELECT count(*) FROM account_role WHERE role = 'admin'")
      guard admins == 0 else { return nil }
      let login: String
      if let query = database.dialect.sessionUserQuery {
        login = try database.first(query) { $0.string(0) } ?? "admin"
      } else {
        login = "admin"
      }
      if let existing = try account(login: login) {
        try insertRole(.admin, accountID: existing.id)
        return try account(login: login)
      }
      return try insertAccount(
        login: login, displayName: "Network administrator", unitID: nil, roles: [.admin])
    }
  }

  /// Adds an account (admin only). On PostgreSQL it also creates the login
  /// role of the same name when the acting role may create roles.
  public func addAccount(
    login: String, displayName: String, unitID: Int64?, roles: [Role]
  ) throws -> Account {
    try Account.validateLogin(login)
    try actingAccount().requireAdmin(to: "add accounts")
    return try write {
      if try account(login: login) != nil {
        throw LabNetError.refused("an account with login \"\(login)\" already exists")
      }
      if let unitID { _ = try unit(id: unitID) }
      for case .manager(let managed) in roles { _ = try unit(id: managed) }
      if roles.contains(.researcher) && unitID == nil {
        throw LabNetError.invalidData(
          "a researcher is affiliated to a unit: add --unit UNIT")
      }
      if database.dialect.sessionUserQuery != nil { try provideLoginRole(login) }
      return try insertAccount(login: login, displayName: displayName, unitID: unitID, roles: roles)
    }
  }

  private func insertAccount(
    login: String, displayName: String, unitID: Int64?, roles: [Role]
  ) throws -> Account {
    let id =
      try database.scalar(
        "INSERT INTO account (login, display_name, unit_id, created_at) VALUES (?, ?, ?, ?) RETURNING id",
        [.text(login), .text(displayName), .optional(unitID), .integer(now().seconds)]) ?? 0
    for role in Set(roles) { try insertRole(role, accountID: id) }
    return Account(id: id, login: login, displayName: displayName, unitID: unitID, roles: roles)
  }

  private func insertRole(_ role: Role, accountID: Int64) throws {
    let columns = Self.columns(of: role)
    try database.execute(
      "INSERT INTO account_role (account_id, role, unit_id, province) VALUES (?, ?, ?, ?)",
      [.integer(accountID), .text(columns.kind), columns.unitID, columns.province])
  }

  /// PostgreSQL: a login role for the new account, member of `labnet_user`.
  private func provideLoginRole(_ login: String) throws {
    let exists = try database.scalar(
      "SELECT count(*) FROM pg_roles WHERE rolname = ?", [.text(login)])
    let mayCreate = try database.scalar(
      "SELECT count(*) FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolcreaterole)")
    guard mayCreate == 1 else { return }
    // The login passed validateLogin: lowercase letters, digits, _ . - only.
    if exists == 0 {
      // Another session may create the same role meanwhile; that is fine.
      try database.executeScript(
        """
        DO $$ BEGIN CREATE ROLE "\(login)" LOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$
        """)
    }
    try database.executeScript("GRANT labnet_user TO \"\(login)\"")
  }
}
