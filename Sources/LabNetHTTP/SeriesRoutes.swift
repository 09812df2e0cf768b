import Foundation
import Hummingbird
import InstrumentNetwork
import LabNetPresentation
import LabNetService

extension API {
  /// Recurring bookings (`book --repeat`) and cancelling a series from one occurrence on.
  func addSeriesRoutes(to api: RouterGroup<BasicRequestContext>) {
    api.post("/booking-series") { request, _ in
      await creating(request) { request, _ in
        let body = try await Self.object(
          of: request,
          allowed: [
            "instrument_id", "from", "to", "purpose", "voucher", "repeat", "count", "until",
            "skip_conflicts",
          ])
        let booking = BookingRequest(
          instrumentID: try Self.integer(body, "instrument_id"),
          interval: try Self.interval(body, "from", "to"),
          purpose: try Self.text(body, "purpose", required: false),
          voucher: try Self.text(body, "voucher", required: false))
        let recurrence = Recurrence(
          every: try RepeatEvery(parsing: try Self.text(body, "repeat") ?? ""),
          count: try Self.optionalInteger(body, "count").map(Int.init),
          lastDay: try Self.text(body, "until", required: false).map {
            text throws(LabNetError) in try LocalDate(parsing: text)
          })
        let skip = try Self.flag(body, "skip_conflicts") ?? false
        return { service, principal in
          let series = try service.bookSeries(
            booking, recurrence: recurrence, skipConflicts: skip, as: principal)
          return CreatedReply(status: 201, body: SeriesPresentation.json(of: series))
        }
      }
    }
    api.post("/bookings/{id}/cancel-series") { request, context in
      await respond(request) { principal in
        let id = try Self.id(context)
        let body = try await Self.optionalObject(of: request, allowed: ["reason"])
        let reason = try Self.text(body, "reason", required: false)
        let cancelled = try await run {
          try $0.cancelSeries(from: id, reason: reason, as: principal)
        }
        return Self.page(
          Listing(
            columns: Presentation.bookingColumns, rows: cancelled.map(Presentation.row(of:))),
          nextCursor: nil)
      }
    }
  }
}
