import Foundation
import Hummingbird
import InstrumentNetwork
import LabNetPresentation
import LabNetService

extension API {
  /// Qualifications: grant, revoke, list (`labnet qualification`).
  func addQualificationRoutes(to api: RouterGroup<BasicRequestContext>) {
    api.post("/qualifications") { request, _ in
      await creating(request) { request, _ in
        let body = try await Self.object(
          of: request, allowed: ["login", "instrument_id", "expires"])
        let grant = QualificationGrant(
          login: try Self.text(body, "login") ?? "",
          instrumentID: try Self.integer(body, "instrument_id"),
          lastDay: try Self.text(body, "expires", required: false).map {
            text throws(LabNetError) in try LocalDate(parsing: text)
          })
        return { service, principal in
          let made = try service.grantQualification(grant, as: principal)
          return Self.created(
            QualificationPresentation.fields(
              of: QualificationEntry(listing: made), now: service.now))
        }
      }
    }
    api.post("/qualifications/revoke") { request, _ in
      await respond(request) { principal in
        let body = try await Self.object(of: request, allowed: ["login", "instrument_id"])
        let login = try Self.text(body, "login") ?? ""
        let instrument = try Self.integer(body, "instrument_id")
        let count = try await run {
          try $0.revokeQualification(login: login, instrumentID: instrument, as: principal)
        }
        return Self.json([
          Field("login", "Login", .text(login)), Field("revoked", "Revoked", .number(Int64(count))),
        ])
      }
    }
    api.get("/qualifications") { request, _ in
      await respond(request) { principal in
        let mine = try Self.flag(query: request, "mine")
        let login = Self.query(request, "login")
        let (found, now) = try await run { service in
          (try service.qualifications(mine: mine, login: login, as: principal), service.now)
        }
        return try Self.page(
          found, of: request, columns: QualificationPresentation.allColumns,
          cells: {
            QualificationPresentation.row(
              of: $0, now: now, columns: QualificationPresentation.allColumns)
          },
          id: \.listing.qualification.id)
      }
    }
  }
}
