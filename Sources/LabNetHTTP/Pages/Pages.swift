import Foundation
import HTTPTypes
import Hummingbird
import InstrumentNetwork
import LabNetService
import Mustache
import NIOCore
import NetworkStore

/// The web pages: server-rendered HTML over the same use cases as the API.
/// A page parses, calls the service as the visitor, and renders a template
/// (Sources/LabNetHTTP/Templates, embedded at build time); the service
/// decides what the visitor may see and do, and its refusals are shown in the
/// API's words. No page needs JavaScript.
struct Pages: Sendable {
  let api: API
  /// The search page's headline figures, read at most once a minute: they
  /// count the whole network, and a minute-old count is as good to a visitor.
  let headline = HeadlineFigures()

  /// The templates, by file name without `.mustache`.
  static let templates: MustacheLibrary = {
    var library = MustacheLibrary()
    for (name, text) in embeddedFiles where name.hasSuffix(".mustache") {
      do {
        try library.register(text, named: String(name.dropLast(".mustache".count)))
      } catch {
        fatalError("template \(name) does not parse: \(error)")
      }
    }
    return library
  }()

  static let styleSheet = ByteBuffer(string: embeddedFiles["labnet.css"] ?? "")
  static let icon = ByteBuffer(string: embeddedFiles["icon.svg"] ?? "")

  func addRoutes(to router: Router<BasicRequestContext>) {
    router.get("/static/labnet.css") { _, _ in
      Response(
        status: .ok,
        headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
        body: .init(byteBuffer: Self.styleSheet))
    }
    for path in ["/favicon.ico", "/static/icon.svg"] {
      router.get(RouterPath(path)) { _, _ in
        Response(
          status: .ok,
          headers: [.contentType: "image/svg+xml", .cacheControl: "public, max-age=86400"],
          body: .init(byteBuffer: Self.icon))
      }
    }
    addSessionPages(to: router)
    addSearchPage(to: router)
    addInstrumentPages(to: router)
    addBookingsPage(to: router)
    addManagePage(to: router)
    addVouchersPage(to: router)
    addReportsPage(to: router)
  }

  func run<T: Sendable>(_ body: @escaping @Sendable (NetworkService) throws -> T) async throws -> T
  {
    try await api.run(body)
  }
}

/// The network's figures, kept for a minute of the machine's clock (not the
/// service's, which LABNET_NOW may hold still).
final class HeadlineFigures: @unchecked Sendable {
  private let lock = NSLock()
  private var kept: (NetworkStatistics, ContinuousClock.Instant)?

  func figures(reading: () async throws -> NetworkStatistics) async throws -> NetworkStatistics {
    let now = ContinuousClock.now
    if let (figures, readAt) = lock.withLock({ kept }), now - readAt < .seconds(60) {
      return figures
    }
    let figures = try await reading()
    lock.withLock { kept = (figures, now) }
    return figures
  }
}

/// Who is looking at a page, in which language, with which form token.
struct Visit: Sendable {
  var principal: Principal
  var account: Account?
  var language: PageLanguage
  /// The form token of this browser (the `labnet_csrf` cookie), new when `issued`.
  var formToken: String
  var issuedFormToken: Bool
  /// The session cookie named a session that is over: it is cleared.
  var endedSession: Bool
  /// The page's path and query, for the language switch and sign-in's return.
  var location: String

  var signedIn: Bool { account != nil }
}

enum PageLanguage: String, Sendable {
  case zh, en
}

/// A page's refusal: shown with the status the API would answer.
struct PageRefusal: Error {
  var status: HTTPResponse.Status
  var message: String
}

extension Pages {
  static let formTokenCookie = "labnet_csrf"

  /// The visitor of `request`: an ended or unknown session is nobody (and
  /// its cookie is cleared), never an error page.
  func visit(_ request: Request) async -> Visit {
    let language =
      PageLanguage(rawValue: request.cookies["labnet_lang"]?.value ?? "") ?? .zh
    let given = request.cookies[Self.formTokenCookie]?.value ?? ""
    let validToken = given.count == 64 && given.allSatisfy(\.isHexDigit)
    var visit = Visit(
      principal: .anonymous, account: nil, language: language,
      formToken: validToken ? given : Self.newFormToken(), issuedFormToken: !validToken,
      endedSession: false, location: Self.location(of: request))
    guard let token = request.cookies["labnet_session"]?.value, !token.isEmpty else {
      return visit
    }
    do {
      (visit.principal, visit.account) = try await run { service in
        let principal = try service.principal(forToken: token)
        return (principal, try service.me(as: principal))
      }
    } catch {
      visit.endedSession = true
    }
    return visit
  }

  static func location(of request: Request) -> String {
    request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
  }

  /// 32 random bytes as hex.
  static func newFormToken() -> String {
    var generator = SystemRandomNumberGenerator()
    return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator))
    }
    .joined()
  }

  // MARK: Rendering

  /// `template` inside the layout, with `values`, the visitor's words and
  /// navigation. Every `{{value}}` is HTML-escaped by Mustache.
  func page(
    _ template: String, title: String, _ values: [String: Any], visit: Visit,
    status: HTTPResponse.Status = .ok, notice: String? = nil, error: String? = nil
  ) -> Response {
    var context = Self.common(visit)
    for (key, value) in values { context[key] = value }
    context["notice"] = notice
    context["error"] = error
    let body = Self.templates.render(context, withTemplate: template) ?? ""
    context["title"] = title
    context["body"] = body
    let html = Self.templates.render(context, withTemplate: "layout") ?? ""
    var response = Response(
      status: status,
      headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
      body: .init(byteBuffer: ByteBuffer(string: html)))
    Self.setCookies(&response, visit)
    return response
  }

  /// What every template may use: `t.*` (the words), who is signed in, the
  /// form token, the language switch.
  static func common(_ visit: Visit) -> [String: Any] {
    var context: [String: Any] = [
      "t": PageText.words(visit.language),
      "csrf": visit.formToken,
      "lang": visit.language == .zh ? "zh-CN" : "en",
      "switch_language": visit.language == .zh ? "en" : "zh",
      "switch_label": visit.language == .zh ? "English" : "中文",
      "location": visit.location,
      "location_q": queryEscaped(visit.location),
    ]
    if let account = visit.account {
      context["me"] =
        [
          "login": account.login, "name": account.displayName,
          "researcher": account.has(.researcher) || account.has(.manager),
          // /manage shows a unit: its managers', and an admin's own unit's.
          "manager": !account.managedUnitIDs.isEmpty || (account.isAdmin && account.unitID != nil),
          "auditor": account.has(.auditor) || account.isAdmin,
          "vouchers": account.has(.issuer) || account.isAdmin || account.unitID != nil,
        ] as [String: Any]
    }
    return context
  }

  static func setCookies(_ response: inout Response, _ visit: Visit) {
    var cookies: [String] = []
    if visit.issuedFormToken {
      cookies.append(
        "\(formTokenCookie)=\(visit.formToken); Path=/; HttpOnly; SameSite=Strict")
    }
    if visit.endedSession {
      cookies.append(API.endedSessionCookie)
    }
    for cookie in cookies { response.headers.append(HTTPField(name: .setCookie, value: cookie)) }
  }

  /// 303 to `location` (a path on this server), with the visitor's cookies.
  static func redirect(_ location: String, _ visit: Visit) -> Response {
    var response = Response(status: .seeOther, headers: [.location: location])
    setCookies(&response, visit)
    return response
  }

  /// A page that only says what went wrong, with the API's status and words.
  func failure(_ error: any Error, visit: Visit) -> Response {
    let (status, message) = Self.refusal(error, visit: visit)
    let t = PageText.words(visit.language)
    return page(
      "message", title: t["problem"] ?? "", ["message": message], visit: visit, status: status)
  }

  static func refusal(_ error: any Error, visit: Visit) -> (HTTPResponse.Status, String) {
    if let refusal = error as? PageRefusal { return (refusal.status, refusal.message) }
    let answer = APIError(error, signedIn: visit.signedIn)
    return (answer.status, answer.message)
  }

  /// The page of a signed-in visitor, else a redirect to sign in and back.
  func signedIn(
    _ request: Request, _ body: (Visit) async throws -> Response
  ) async -> Response {
    let visit = await visit(request)
    guard visit.signedIn else {
      return Self.redirect("/login?next=" + Self.queryEscaped(visit.location), visit)
    }
    do { return try await body(visit) } catch { return failure(error, visit: visit) }
  }

  /// A page anyone may see.
  func anyone(_ request: Request, _ body: (Visit) async throws -> Response) async -> Response {
    let visit = await visit(request)
    do { return try await body(visit) } catch { return failure(error, visit: visit) }
  }

  // MARK: Forms

  /// The fields of a form post, after its token is checked: a post without
  /// the browser's `labnet_csrf` value is refused (403) and does nothing.
  static func form(_ request: Request, visit: Visit) async throws -> [String: String] {
    let type = request.headers[.contentType]?.lowercased() ?? ""
    guard type.hasPrefix("application/x-www-form-urlencoded") else {
      throw PageRefusal(
        status: .unsupportedMediaType, message: "send the form as application/x-www-form-urlencoded"
      )
    }
    let buffer: ByteBuffer
    do {
      buffer = try await request.body.collect(upTo: 64 << 10)
    } catch {
      throw PageRefusal(status: .contentTooLarge, message: "the form is over 64 KiB")
    }
    let fields = Self.fields(of: String(buffer: buffer))
    guard let token = fields["csrf"], !visit.issuedFormToken, token == visit.formToken else {
      throw PageRefusal(
        status: .forbidden,
        message:
          "the form's security token is missing or out of date: reload the page and send it again"
      )
    }
    return fields
  }

  /// A stand-in request whose query holds `fields` minus the empty ones, so
  /// that a form is read by the API's own parameter rules (one home for each).
  static func parameters(_ fields: [String: String], path: String = "/") -> Request {
    let head = HTTPRequest(
      method: .get, scheme: "http", authority: "labnet", path: path + "?" + query(fields))
    return Request(head: head, body: .init(buffer: ByteBuffer()))
  }

  /// `fields` as a query string, the empty ones left out, by name.
  static func query(_ fields: [String: String]) -> String {
    fields.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }
      .map { queryEscaped($0.key) + "=" + queryEscaped($0.value) }.joined(separator: "&")
  }

  /// The query of `request` as fields (the first of each name).
  static func queryFields(_ request: Request) -> [String: String] {
    fields(of: request.uri.query ?? "")
  }

  /// `a=1&b=x+y` as fields, read as browsers write them (API.formDecoded);
  /// the first of each name.
  static func fields(of text: String) -> [String: String] {
    var fields: [String: String] = [:]
    for pair in text.split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let key = API.formDecoded(parts[0])
      if fields[key] == nil { fields[key] = parts.count == 2 ? API.formDecoded(parts[1]) : "" }
    }
    return fields
  }

  static func queryEscaped(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~:/")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
  }

  /// `next` if it is a path on this server, else `fallback`: never a
  /// redirect to another site.
  static func localPath(_ next: String?, fallback: String) -> String {
    guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"),
      !next.contains(where: { $0.isNewline })
    else { return fallback }
    return next
  }

  /// `2026-12-08T09:00`, the value a datetime-local field shows.
  static func fieldTime(_ instant: Instant) -> String {
    instant.localText.replacingOccurrences(of: " ", with: "T")
  }
}

/// The headers every answer carries (server.md): no framing, no sniffing,
/// nothing from elsewhere, no referrer to other sites.
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    var response = try await next(request, context)
    response.headers[.contentSecurityPolicy] =
      "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    response.headers[.xContentTypeOptions] = "nosniff"
    response.headers[.referrerPolicy] = "same-origin"
    response.headers[.xFrameOptions] = "DENY"
    return response
  }
}

extension HTTPField.Name {
  // swift-format-ignore: NeverForceUnwrap
  static let xFrameOptions = Self("X-Frame-Options")!
  // swift-format-ignore: NeverForceUnwrap
  static let referrerPolicy = Self("Referrer-Policy")!
}
