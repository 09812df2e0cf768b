import ArgumentParser
import InstrumentNetwork
import LabNetPresentation
import LabNetService
import NetworkStore

extension LabNet {
  /// `labnet account add|list`.
  struct AccountCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "account", abstract: "Manage accounts and their roles.",
      subcommands: [Add.self, List.self, Password.self, Email.self])

    struct Add: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Add an account (admin only).",
        discussion: """
          Roles: admin, manager (of --unit), researcher (of --unit), auditor (of --province, \
          or of the whole network without it), issuer (of --province). Repeat --role for several. \
          It is a labnet account only: labnet creates no database login for anyone.
          """)

      @Argument(help: "Login: lowercase letters, digits, _ . -.")
      var login: String
      @Option(help: "Display name.") var name: String
      @Option(help: "admin, manager, researcher, auditor or issuer.") var role: [String]
      @Option(help: "Affiliation unit (id or exact name); the unit a manager runs.")
      var unit: String?
      @Option(help: "Province of an auditor or issuer: SH, JS, ZJ, AH (or 上海, Zhejiang…).")
      var province: String?
      @Flag(help: "Read the account's password from standard input (one line).")
      var passwordStdin = false
      @OptionGroup var global: GlobalOptions

      func run() throws {
        try global.withService { service in
          let password = passwordStdin ? try readPassword() : nil
          let unit = try self.unit.map { try service.unit(named: $0) }
          let province = try self.province.map { text throws(LabNetError) in
            try Province(parsing: text)
          }
          let roles = try self.role.map { try Self.role($0, unit: unit, province: province) }
          let account = try service.addAccount(
            AccountRequest(login: login, displayName: name, unitID: unit?.id, roles: roles),
            as: global.principal)
          if let password {
            try service.setPassword(login: account.login, password: password, as: global.principal)
          }
          Renderer.write(
            global.renderer.text(
              of: Presentation.fields(of: account)))
        }
      }

      static func role(_ text: String, unit: Unit?, province: Province?) throws -> Role {
        switch try RoleKind(parsing: text) {
        case .admin: return .admin
        case .researcher: return .researcher
        case .manager:
          guard let unit else {
            throw LabNetError.invalidData("a manager runs one unit: add --unit UNIT")
          }
          return .manager(unitID: unit.id)
        case .auditor: return .auditor(province)
        case .issuer:
          guard let province else {
            throw LabNetError.invalidData("an issuer issues for one province: add --province P")
          }
          return .issuer(province)
        }
      }
    }

    struct List: ParsableCommand {
      static let configuration = CommandConfiguration(abstract: "List accounts (admin only).")
      @OptionGroup var limit: ListLimit
      @OptionGroup var global: GlobalOptions

      func run() throws {
        try global.withService { service in
          let accounts = try service.accounts(as: global.principal)
          let listing = Listing(
            columns: Presentation.accountColumns,
            rows: accounts.prefix(limit.limit).map(Presentation.row(of:)))
          Renderer.write(global.renderer.text(of: listing))
          limit.note(
            shown: min(accounts.count, limit.limit), total: accounts.count,
            format: global.format)
        }
      }
    }
  }
}
