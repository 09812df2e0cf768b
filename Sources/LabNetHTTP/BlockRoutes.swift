import Hummingbird
import InstrumentNetwork
import LabNetPresentation
import LabNetService

extension API {
  /// Maintenance blocks: anyone reads them; the unit's manager adds and removes.
  func addBlockRoutes(to api: RouterGroup<BasicRequestContext>) {
    api.get("/instruments/{id}/blocks") { request, context in
      await respond(request) { _ in
        let id = try Self.id(context)
        let blocks = try await run { try $0.blocks(instrumentID: id) }
        return Self.json(
          Listing(
            columns: AvailabilityPresentation.blockColumns,
            rows: blocks.map(AvailabilityPresentation.row(of:))))
      }
    }
    api.post("/instruments/{id}/blocks") { request, context in
      await creating(request) { request, _ in
        let id = try Self.id(context)
        let body = try await Self.object(
          of: request, allowed: ["from", "to", "reason", "cancel_bookings"])
        let block = BlockRequest(
          instrumentID: id,
          interval: try BookingRules.interval(
            from: try Instant(parsing: try Self.text(body, "from") ?? ""),
            to: try Instant(parsing: try Self.text(body, "to") ?? ""), names: ("from", "to")),
          reason: try Self.text(body, "reason") ?? "",
          cancellingBookings: try Self.flag(body, "cancel_bookings") ?? false)
        return { service, principal in
          Self.created(
            AvailabilityPresentation.fields(of: try service.blockInstrument(block, as: principal)))
        }
      }
    }
    api.delete("/instruments/{id}/blocks/{block}") { request, context in
      await respond(request) { principal in
        let id = try Self.id(context)
        let block = try Self.id(context, "block")
        let removed = try await run {
          try $0.removeBlock(instrumentID: id, blockID: block, as: principal)
        }
        return Self.json(AvailabilityPresentation.fields(of: removed))
      }
    }
  }
}
