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
    addVoucherListRoutes(to: api)
  }

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
        response.headers[.setCookie] =
          "labnet_session=\(session.token); Path=/; HttpOnly; SameSite=Lax; Max-Age=\(service.signInPolicy.absoluteSeconds)"
        return response
      }
    }
    api.delete("/session") { request, _ in
      await respond(request) { _ in
        if let token = Self.token(of: request) { try await run { try $0.signOut(token: token) } }
        var response = Response(status: .noContent)
        response.headers[.setCookie] = "labnet_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"
        return response
      }
    }
    api.get("/me") { request, _ in
      await respond(request) { principal in
        let account = try await run { try $0.me(as: principal) }
        return Self.json(
          zip(Presentation.accountColumns, Presentation.row(of: account)).map {
            Field($0.key, $0.title, $1)
          })
      }
    }
  }

  // MARK: Catalogue

  func addCatalogueRoutes(to api: RouterGroup<BasicRequestContext>) {
    api.get("/units") { request, _ in
      await respond(request) { _ in
        let province = try Self.query(request, "province").map { text throws(LabNetError) in
          try Province(parsing: text)
        }
        let units = try await run { try $0.units(in: province) }
        let columns = Presentation.fields(of: InstrumentNetwork.Unit.placeholder).map {
          ($0.key, $0.title)
        }
        return Self.json(Listing(records: units.map(Presentation.fields(of:)), columns: columns))
      }
    }
    api.get("/instruments") { request, _ in
      await respond(request) { _ in
        let filter = try Self.instrumentFilter(request)
        let found = try await run { try $0.instruments(matching: filter) }
        return Self.json(
          Listing(columns: Presentation.instrumentColumns, rows: found.map(Presentation.row(of:))))
      }
    }
    api.get("/instruments/{id}") { request, context in
      await respond(request) { _ in
        let id = try Self.id(context)
        return Self.json(Presentation.fields(of: try await run { try $0.instrument(id: id) }))
      }
    }
    api.get("/instruments/{id}/availability") { request, context in
      await respond(request) { _ in
        let id = try Self.id(context)
        let window = try Self.window(request)
        let (_, free) = try await run { try $0.freeSlots(instrumentID: id, window: window) }
        return Self.json(
          Listing(
            columns: [("start", "Start"), ("end", "End"), ("minutes", "Minutes")],
            rows: free.map {
              [
                .text($0.lowerBound.iso8601), .text($0.upperBound.iso8601),
                .number(($0.upperBound - $0.lowerBound) / 60),
              ]
            }))
      }
    }
  }

  static func instrumentFilter(_ request: Request) throws -> InstrumentFilter {
    var filter = InstrumentFilter(
      province: try query(request, "province").map { text throws(LabNetError) in
        try Province(parsing: text)
      },
      city: query(request, "city"),
      category: try query(request, "category").map { text throws(LabNetError) in
        try InstrumentCategory(parsing: text)
      },
      tier: try query(request, "tier").map { text throws(LabNetError) in
        try ValueTier(parsing: text)
      },
      search: query(request, "search"), includeRetired: query(request, "include_retired") == "true")
    filter.limit = try limit(request)
    if let unit = query(request, "unit") {
      guard let id = Int64(unit), id > 0 else {
        throw APIError(.badRequest, code: "invalid_id", "unit must be a unit's id")
      }
      filter.unitID = id
    }
    return filter
  }

  /// `limit`: default 50, at most 1000.
  static func limit(_ request: Request) throws -> Int {
    guard let text = query(request, "limit") else { return 50 }
    guard let limit = Int(text), (1...1000).contains(limit) else {
      throw APIError(.badRequest, code: "invalid_limit", "limit must be 1 to 1000; got \"\(text)\"")
    }
    return limit
  }

  /// `from` and `to`, both required.
  static func window(_ request: Request) throws -> Range<Instant> {
    guard let from = query(request, "from"), let to = query(request, "to") else {
      throw APIError(.badRequest, code: "missing_field", "from and to are required")
    }
    return try BookingRules.interval(
      from: try Instant(parsing: from), to: try Instant(parsing: to), names: ("from", "to"))
  }
}

extension InstrumentNetwork.Unit {
  /// A unit whose fields name the columns of a unit listing.
  static let placeholder = InstrumentNetwork.Unit(
    id: 0, name: "", province: .shanghai, city: "", kind: .other)
}

extension StoreLocation {
  var isPostgres: Bool {
    if case .postgres = self { return true }
    return false
  }
}
