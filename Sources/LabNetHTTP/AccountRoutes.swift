import Foundation
import Hummingbird
import InstrumentNetwork
import LabNetPresentation
import LabNetService

extension API {
  /// Accounts, for admins: list, add (with a password), set a password.
  func addAccountRoutes(to api: RouterGroup<BasicRequestContext>) {
    api.get("/accounts") { request, _ in
      await respond(request) { principal in
        let accounts = try await run { try $0.accounts(as: principal) }
        return try Self.page(
          accounts, of: request, columns: Presentation.accountColumns,
          cells: Presentation.row(of:), id: \.id)
      }
    }
    api.post("/accounts") { request, _ in
      await creating(request) { request, _ in
        let body = try await Self.object(
          of: request, allowed: ["login", "name", "unit_id", "roles", "password"])
        guard let texts = body["roles"] as? [Any], !texts.isEmpty,
          texts.allSatisfy({ $0 is String })
        else {
          throw APIError(
            .badRequest, code: "wrong_type",
            "\"roles\" must be a list of roles, like [\"researcher\"] or [\"manager of unit 12\"]")
        }
        let roles = try texts.compactMap { $0 as? String }.map { text throws(LabNetError) in
          try Role(parsing: text)
        }
        let account = AccountRequest(
          login: try Self.text(body, "login") ?? "", displayName: try Self.text(body, "name") ?? "",
          unitID: try Self.optionalInteger(body, "unit_id"), roles: roles)
        let password = try Self.text(body, "password", required: false)
        return { service, principal in
          let made = try service.addAccount(account, as: principal)
          if let password {
            try service.setPassword(login: made.login, password: password, as: principal)
          }
          return Self.created(Presentation.fields(of: made))
        }
      }
    }
    api.put("/accounts/{login}/email") { request, context in
      await respond(request) { principal in
        let login = Self.pathText(context, "login")
        let body = try await Self.object(of: request, allowed: ["email"])
        let address = try Self.text(body, "email") ?? ""
        let stored = try await run {
          try $0.setEmail(login: login, address: address, as: principal)
        }
        return Self.json([
          Field("login", "Login", .text(login)), Field("email", "E-mail", .text(stored)),
        ])
      }
    }
    api.post("/accounts/{login}/password") { request, context in
      await respond(request) { principal in
        let login = Self.pathText(context, "login")
        let body = try await Self.object(of: request, allowed: ["password"])
        let password = try Self.text(body, "password") ?? ""
        try await run { try $0.setPassword(login: login, password: password, as: principal) }
        return Self.json([Field("login", "Login", .text(login))])
      }
    }
  }
}
