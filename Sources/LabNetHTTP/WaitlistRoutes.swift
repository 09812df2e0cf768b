import Foundation
import Hummingbird
import InstrumentNetwork
import LabNetPresentation
import LabNetService

extension API {
  /// Waitlists (`labnet waitlist`) and a person's messages (the outbox).
  func addWaitlistRoutes(to api: RouterGroup<BasicRequestContext>) {
    api.post("/waitlist") { request, _ in
      await creating(request) { request, _ in
        let body = try await Self.object(
          of: request, allowed: ["instrument_id", "from", "to", "duration", "purpose"])
        let wait = WaitlistRequest(
          instrumentID: try Self.integer(body, "instrument_id"),
          window: try Self.interval(body, "from", "to"),
          minutes: Int(try BookingDuration(parsing: try Self.text(body, "duration") ?? "").minutes),
          purpose: try Self.text(body, "purpose", required: false))
        return { service, principal in
          Self.created(
            WaitlistPresentation.fields(of: try service.joinWaitlist(wait, as: principal)))
        }
      }
    }
    api.get("/waitlist") { request, _ in
      await respond(request) { principal in
        let entries = try await run { try $0.waitlist(as: principal) }
        return try Self.page(
          entries, of: request, columns: Self.waitlistKeys,
          cells: { entry in Self.cells(WaitlistPresentation.fields(of: entry)) }, id: \.id)
      }
    }
    api.post("/waitlist/{id}/leave") { request, context in
      await respond(request) { principal in
        let id = try Self.id(context)
        let left = try await run { try $0.leaveWaitlist(entryID: id, as: principal) }
        return Self.json(WaitlistPresentation.fields(of: left))
      }
    }
    api.get("/me/notifications") { request, _ in
      await respond(request) { principal in
        let unread = try Self.flag(query: request, "unread")
        let limit = try Self.limit(request)
        let notices = try await run {
          try $0.notices(unreadOnly: unread, limit: limit, as: principal)
        }
        return Self.page(
          Listing(
            columns: WaitlistPresentation.noticeColumns,
            rows: notices.map(WaitlistPresentation.row(of:))), nextCursor: nil)
      }
    }
  }

  /// Every key of a waitlist entry: the API's list items hold them all.
  static let waitlistKeys: [(key: String, title: String)] = WaitlistPresentation.fields(
    of: WaitlistEntry(
      id: 0, instrumentID: 0, accountID: 0, bookerUnitID: 0,
      window: Instant(seconds: 0)..<Instant(seconds: 1), durationMinutes: 1, purpose: "",
      createdAt: Instant(seconds: 0))
  ).map { ($0.key, $0.title) }

  static func cells(_ fields: [Field]) -> [Cell] { fields.map(\.value) }
}
