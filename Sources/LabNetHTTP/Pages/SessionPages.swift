import HTTPTypes
import Hummingbird
import InstrumentNetwork
import LabNetService

extension Pages {
  /// `/login`, `/logout` and the language switch. Sign-in is the API's own
  /// use case (the same lockout, the same session cookie).
  func addSessionPages(to router: Router<BasicRequestContext>) {
    router.get("/login") { request, _ in
      await anyone(request) { visit in
        let next = Self.localPath(Self.queryFields(request)["next"], fallback: "/")
        let t = PageText.words(visit.language)
        return page("login", title: t["login"] ?? "", ["next": next], visit: visit)
      }
    }
    router.post("/login") { request, _ in
      await anyone(request) { visit in
        let fields = try await Self.form(request, visit: visit)
        let next = Self.localPath(fields["next"], fallback: "/")
        let login = fields["login"] ?? ""
        do {
          let session = try await run {
            try $0.signIn(login: login, password: fields["password"] ?? "")
          }
          var response = Self.redirect(next, visit)
          response.headers.append(
            HTTPField(name: .setCookie, value: api.sessionCookie(session.token)))
          return response
        } catch {
          let (status, message) = Self.refusal(error, visit: visit)
          let t = PageText.words(visit.language)
          return page(
            "login", title: t["login"] ?? "", ["next": next, "login": login], visit: visit,
            status: status, error: message)
        }
      }
    }
    router.post("/logout") { request, _ in
      await anyone(request) { visit in
        _ = try await Self.form(request, visit: visit)
        if let token = request.cookies["labnet_session"]?.value, !token.isEmpty {
          try? await run { try $0.signOut(token: token) }
        }
        var response = Self.redirect("/", visit)
        response.headers.append(HTTPField(name: .setCookie, value: API.endedSessionCookie))
        return response
      }
    }
    router.get("/language/{language}") { request, context in
      let language = PageLanguage(rawValue: context.parameters.get("language") ?? "") ?? .zh
      let next = Self.localPath(Self.queryFields(request)["next"], fallback: "/")
      return Response(
        status: .seeOther,
        headers: [
          .location: next,
          .setCookie: "labnet_lang=\(language.rawValue); Path=/; SameSite=Lax; Max-Age=31536000",
        ])
    }
  }
}
