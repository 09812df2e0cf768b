import Hummingbird
import InstrumentNetwork
import LabNetPresentation
import LabNetService
import NetworkStore

extension API {
  func addBookingRoutes(to api: RouterGroup<BasicRequestContext>) {
    api.post("/bookings") { request, _ in
      await respond(request) { principal in
        let body = try await Self.object(
          of: request, allowed: ["instrument_id", "from", "to", "purpose", "voucher"])
        let booking = BookingRequest(
          instrumentID: try Self.integer(body, "instrument_id"),
          interval: try BookingRules.interval(
            from: try Instant(parsing: try Self.text(body, "from") ?? ""),
            to: try Instant(parsing: try Self.text(body, "to") ?? ""), names: ("from", "to")),
          purpose: try Self.text(body, "purpose", required: false),
          voucher: try Self.text(body, "voucher", required: false))
        let listing = try await run { try $0.book(booking, as: principal) }
        return Self.json(Presentation.fields(of: listing), status: .created)
      }
    }
    api.get("/bookings") { request, _ in
      await respond(request) { principal in
        var filter = BookingFilter(mine: Self.query(request, "mine") == "true")
        filter.limit = try Self.limit(request)
        if let status = Self.query(request, "status") {
          filter.status = try ReservationStatus(parsing: status)
        }
        if let instrument = Self.query(request, "instrument") {
          guard let id = Int64(instrument) else {
            throw APIError(.badRequest, code: "invalid_id", "instrument must be an id")
          }
          filter.instrumentID = id
        }
        let found = try await run { [filter] in try $0.bookings(matching: filter, as: principal) }
        return Self.json(
          Listing(columns: Presentation.bookingColumns, rows: found.map(Presentation.row(of:))))
      }
    }
    api.get("/bookings/{id}") { request, context in
      await respond(request) { principal in
        let id = try Self.id(context)
        return Self.json(
          Presentation.fields(of: try await run { try $0.booking(id: id, as: principal) }))
      }
    }
    for action in BookingAction.allCases {
      api.post("/bookings/{id}/\(action.rawValue)") { request, context in
        await respond(request) { principal in
          let id = try Self.id(context)
          let body =
            request.headers[.contentLength] == "0" || request.headers[.contentType] == nil
            ? [:] : try await Self.object(of: request, allowed: ["reason", "used_from", "used_to"])
          var change = BookingChange(
            action, bookingID: id, reason: try Self.text(body, "reason", required: false))
          if action == .complete {
            change.used = try BookingRules.interval(
              from: try Instant(parsing: try Self.text(body, "used_from") ?? ""),
              to: try Instant(parsing: try Self.text(body, "used_to") ?? ""),
              names: ("used_from", "used_to"))
          }
          let listing = try await run { [change] in try $0.change(change, as: principal) }
          return Self.json(Presentation.fields(of: listing))
        }
      }
    }
  }

  func addVoucherRoutes(to api: RouterGroup<BasicRequestContext>) {
    api.get("/vouchers/{code}") { request, context in
      await respond(request) { principal in
        let code = context.parameters.get("code") ?? ""
        let statement = try await run { try $0.voucher(code: code, as: principal) }
        let now = service.now
        let ledger = statement.ledger.map {
          JSONText.record(VoucherPresentation.fields(of: $0), indent: 4)
        }
        let fields = VoucherPresentation.fields(of: statement.listing, now: now)
        return Self.json(
          JSONText.object(
            fields.map { ($0.key, JSONText.value($0.value)) }
              + [("ledger", JSONText.array(ledger, indent: 2))]))
      }
    }
    api.post("/vouchers/{code}/redeem") { request, context in
      await respond(request) { principal in
        let code = context.parameters.get("code") ?? ""
        let body = try await Self.object(of: request, allowed: ["booking_id"])
        let booking = try Self.integer(body, "booking_id")
        let redemption = try await run {
          try $0.redeemVoucher(code: code, bookingID: booking, as: principal)
        }
        return Self.json(
          [
            Field("code", "Voucher", .text(redemption.voucher.voucher.code)),
            Field("booking_id", "Booking", .number(booking)),
            Field("redeemed_yuan", "Redeemed (yuan)", .money(redemption.amount)),
            Field(
              "balance_yuan", "Balance left (yuan)", .money(redemption.voucher.voucher.balance)),
          ], status: .created)
      }
    }
  }
}
