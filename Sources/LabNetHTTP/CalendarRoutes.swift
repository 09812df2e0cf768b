import Hummingbird
import InstrumentNetwork
import LabNetPresentation
import LabNetService
import NIOCore

extension API {
  /// The live calendar feed: a secret address per person that calendar
  /// programs poll; the person renews or revokes it.
  func addCalendarRoutes(to api: RouterGroup<BasicRequestContext>) {
    api.get("/me/calendar-token") { request, _ in
      await respond(request) { principal in
        Self.feed(try await run { try $0.calendarToken(as: principal) })
      }
    }
    api.post("/me/calendar-token") { request, _ in
      await respond(request) { principal in
        Self.feed(
          try await run { try $0.renewCalendarToken(as: principal) }, status: .created)
      }
    }
    api.delete("/me/calendar-token") { request, _ in
      await respond(request) { principal in
        try await run { try $0.revokeCalendarToken(as: principal) }
        return Response(status: .noContent)
      }
    }
    api.get("/instruments/{id}/calendar.ics") { request, context in
      await respond(request) { principal in
        let id = try Self.id(context)
        let (text, _) = try await run { try $0.calendarDocument(instrumentID: id, as: principal) }
        return Self.calendarResponse(text)
      }
    }
    api.get("/calendar/{feed}") { request, context in
      await respond(request) { _ in
        let name = Self.pathText(context, "feed")
        guard name.hasSuffix(".ics") else {
          throw APIError(.notFound, code: "not_found", "a calendar feed's address ends in .ics")
        }
        let token = String(name.dropLast(4))
        let calendar = try await run { try $0.calendarFeed(token: token) }
        return Self.calendarResponse(ICalendar.document(calendar, stamp: service.now))
      }
    }
  }

  static func calendarResponse(_ text: String) -> Response {
    Response(
      status: .ok,
      headers: [
        .contentType: "text/calendar; charset=utf-8", .cacheControl: "private, max-age=300",
      ],
      body: .init(byteBuffer: ByteBuffer(string: text)))
  }

  /// The feed's token and its path on this server (behind a proxy only the
  /// client knows the address it reached the server at).
  static func feed(_ token: String, status: HTTPResponse.Status = .ok) -> Response {
    json(
      [
        Field("token", "Token", .text(token)),
        Field("path", "Path", .text("/api/v1/calendar/\(token).ics")),
      ], status: status)
  }
}
