import Foundation
import Hummingbird
import InstrumentNetwork
import LabNetPresentation
import LabNetService
import NetworkStore

extension API {
  /// Every route of the API: each one parse, one service call, one answer.
  func addRoutes(to router: Router<BasicRequestContext>) {
    router.get("/healthz") { _, _ in await self.health() }
    addDocumentRoutes(to: router)
    let api = router.group("/api/v1")
    addSessionRoutes(to: api)
    addCatalogueRoutes(to: api)
    addBookingRoutes(to: api)
    addVoucherRoutes(to: api)
    addExportRoutes(to: api)
    addStatementRoutes(to: api)
    addVoucherListRoutes(to: api)
    addBlockRoutes(to: api)
    addAccountRoutes(to: api)
    addCalendarRoutes(to: api)
    addQualificationRoutes(to: api)
    addSeriesRoutes(to: api)
    addWaitlistRoutes(to: api)
  }

  /// The session cookie of a sign-in (the API's and the pages'), and the one
  /// that ends it.
  func sessionCookie(_ token: String) -> String {
    "labnet_session=\(token); Path=/; HttpOnly; SameSite=Lax; Max-Age=\(service.signInPolicy.absoluteSeconds)"
  }
  static let endedSessionCookie = "labnet_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"

  func health() async -> Response {
    do {
      let version = try await run { try $0.expectedSchemaVersion }
      let store = service.location.isPostgres ? "postgres" : "sqlite"
      return Self.json(
        "{\"status\": \"ok\", \"store\": \"\(store)\", \"schema_version\": \(version)}")
    } catch {
      return Self.json("{\"status\": \"unavailable\"}", status: .serviceUnavailable)
    }
  }

  // MARK: Sessions

  func addSessionRoutes(to api: RouterGroup<BasicRequestContext>) {
    api.post("/session") { request, _ in
      await respond(request) { _ in
        let body = try await Self.object(of: request, allowed: ["login", "password"])
        let login = try Self.text(body, "login") ?? ""
        let password = try Self.text(body, "password") ?? ""
        let session = try await run { try $0.signIn(login: login, password: password) }
        var response = Self.json(
          [
            Field("token", "Token", .text(session.token)),
            Field("login", "Login", .text(session.account.login)),
            Field("expires_at", "Expires", .text(session.expiresAt.iso8601)),
          ], status: .created)
        response.headers[.setCookie] = sessionCookie(session.token)
        return response
      }
    }
    api.delete("/session") { request, _ in
      await respond(request) { _ in
        if let token = Self.token(of: request) { try await run { try $0.signOut(token: token) } }
        var response = Response(status: .noContent)
        response.headers[.setCookie] = Self.endedSessionCookie
        return response
      }
    }
    api.get("/me") { request, _ in
      await respond(request) { principal in
        let account = try await run { try $0.me(as: principal) }
        return Self.json(
          Presentation.fields(of: account))
      }
    }
  }
}

extension StoreLocation {
  var isPostgres: Bool {
    if case .postgres = self { return true }
    return false
  }
}
