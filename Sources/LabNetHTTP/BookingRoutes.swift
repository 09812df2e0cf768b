import Foundation
import Hummingbird
import InstrumentNetwork
import LabNetPresentation
import LabNetService
import NetworkStore

extension API {
  func addBookingRoutes(to api: RouterGroup<BasicRequestContext>) {
    api.post("/bookings") { request, _ in
      await creating(request) { request, _ in
        let body = try await Self.object(
          of: request, allowed: ["instrument_id", "from", "to", "purpose", "voucher"])
        let booking = BookingRequest(
          instrumentID: try Self.integer(body, "instrument_id"),
          interval: try Self.interval(body, "from", "to"),
          purpose: try Self.text(body, "purpose", required: false),
          voucher: try Self.text(body, "voucher", required: false))
        return { service, principal in
          Self.created(Presentation.fields(of: try service.book(booking, as: principal)))
        }
      }
    }
    api.get("/bookings") { request, _ in
      await respond(request) { principal in
        var filter = BookingFilter(mine: try Self.flag(query: request, "mine"))
        let limit = try Self.limit(request)
        filter.limit = limit + 1
        if let status = Self.query(request, "status") {
          filter.status = try ReservationStatus(parsing: status)
        }
        filter.instrumentID = try Self.queryID(request, "instrument")
        filter.unitID = try Self.queryID(request, "unit")
        filter.window = try Self.period(request)
        if let key = try Cursor.key(of: request, count: 2) {
          filter.after = BookingKey(start: Instant(seconds: key[0]), id: key[1])
        }
        let counting = try Self.flag(query: request, "count")
        let (found, total) = try await run { [filter] service in
          (
            try service.bookings(matching: filter, as: principal),
            counting ? try service.bookingCount(matching: filter, as: principal) : nil
          )
        }
        return Self.page(
          found, limit: limit, columns: Presentation.bookingColumns,
          cells: Presentation.row(of:),
          key: { [$0.reservation.start.seconds, $0.reservation.id] }, total: total)
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
          let body = try await Self.optionalObject(
            of: request, allowed: ["reason", "used_from", "used_to"])
          var change = BookingChange(
            action, bookingID: id, reason: try Self.text(body, "reason", required: false))
          if action == .complete {
            change.used = try Self.interval(body, "used_from", "used_to")
          }
          let listing = try await run { [change] in try $0.change(change, as: principal) }
          return Self.json(Presentation.fields(of: listing))
        }
      }
    }
    api.post("/bookings/{id}/move") { request, context in
      await respond(request) { principal in
        let body = try await Self.object(of: request, allowed: ["from", "to"])
        let move = BookingMove(
          bookingID: try Self.id(context), interval: try Self.interval(body, "from", "to"))
        let listing = try await run { try $0.move(move, as: principal) }
        return Self.json(Presentation.fields(of: listing))
      }
    }
  }

  func addVoucherRoutes(to api: RouterGroup<BasicRequestContext>) {
    api.get("/vouchers/{code}") { request, context in
      await respond(request) { principal in
        let code = Self.pathText(context, "code")
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
      await creating(request) { request, _ in
        let code = Self.pathText(context, "code")
        let body = try await Self.object(of: request, allowed: ["booking_id"])
        let booking = try Self.integer(body, "booking_id")
        return { service, principal in
          let redemption = try service.redeemVoucher(
            code: code, bookingID: booking, as: principal)
          return Self.created(VoucherPresentation.fields(of: redemption, bookingID: booking))
        }
      }
    }
  }
}

extension API {
  /// A body that may be left out (no Content-Type, or empty): nothing then.
  static func optionalObject(of request: Request, allowed: Set<String>) async throws
    -> [String: Any]
  {
    request.headers[.contentLength] == "0" || request.headers[.contentType] == nil
      ? [:] : try await object(of: request, allowed: allowed)
  }

  /// The interval between two times of a body, named by its keys in messages.
  static func interval(_ body: [String: Any], _ from: String, _ to: String) throws -> Range<Instant>
  {
    try BookingRules.interval(
      from: try Instant(parsing: try text(body, from) ?? ""),
      to: try Instant(parsing: try text(body, to) ?? ""), names: (from, to))
  }

  /// A text in the path (a voucher code, a login, a province), percent-decoded.
  static func pathText(_ context: some RequestContext, _ name: String) -> String {
    let raw = context.parameters.get(name) ?? ""
    return raw.removingPercentEncoding ?? raw
  }

  /// An id in the query string, if given.
  static func queryID(_ request: Request, _ key: String) throws -> Int64? {
    guard let text = query(request, key) else { return nil }
    guard let id = Int64(text), id > 0 else {
      throw APIError(
        .badRequest, code: "invalid_id",
        "\(key) must be a positive whole number; got \"\(text.prefix(40))\"")
    }
    return id
  }
}
