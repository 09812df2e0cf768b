import Foundation
import Hummingbird
import InstrumentNetwork
import LabNetPresentation
import LabNetService
import NIOCore
import NetworkStore

extension API {
  /// The most an import's CSV body may hold (64 MiB).
  static let importLimit = 64 << 20

  func addCatalogueRoutes(to api: RouterGroup<BasicRequestContext>) {
    api.get("/network/stats") { request, _ in
      await respond(request) { _ in
        let statistics = try await run { try $0.statistics() }
        return Self.json(NetworkPresentation.text(of: statistics, format: .json))
      }
    }
    api.get("/units") { request, _ in
      await respond(request) { _ in
        let province = try Self.province(request)
        let units = try await run { try $0.units(in: province) }
        return try Self.page(
          units, of: request, columns: Presentation.unitColumns,
          cells: { Presentation.fields(of: $0).map(\.value) }, id: \.id)
      }
    }
    api.post("/units") { request, _ in
      await creating(request) { request, _ in
        let body = try await Self.object(
          of: request, allowed: ["name", "province", "city", "kind"])
        let unit = UnitRequest(
          name: try Self.text(body, "name") ?? "",
          province: try Province(parsing: try Self.text(body, "province") ?? ""),
          city: try Self.text(body, "city") ?? "",
          kind: try UnitKind(parsing: try Self.text(body, "kind") ?? ""))
        return { service, principal in
          Self.created(Presentation.fields(of: try service.addUnit(unit, as: principal)))
        }
      }
    }
    api.get("/units/{id}") { request, context in
      await respond(request) { _ in
        let id = try Self.id(context)
        return Self.json(
          Presentation.fields(of: try await run { try $0.unitSummary(named: String(id)) }))
      }
    }
    addInstrumentRoutes(to: api)
    addAvailabilityRoutes(to: api)
  }

  func addInstrumentRoutes(to api: RouterGroup<BasicRequestContext>) {
    api.get("/instruments") { request, _ in
      await respond(request) { _ in
        var filter = try Self.instrumentFilter(request)
        let limit = filter.limit ?? 50
        filter.limit = limit + 1
        filter.afterID = try Cursor.key(of: request, count: 1)?[0]
        let counting = try Self.flag(query: request, "count")
        let (found, total) = try await run { [filter] service in
          (
            try service.instruments(matching: filter),
            counting ? try service.instrumentCount(matching: filter) : nil
          )
        }
        return Self.page(
          found, limit: limit, columns: Presentation.instrumentColumns,
          cells: Presentation.row(of:), key: { [$0.instrument.id] }, total: total)
      }
    }
    api.get("/instruments/{id}") { request, context in
      await respond(request) { _ in
        let id = try Self.id(context)
        let (listing, blocks) = try await run { try $0.instrumentWithBlocks(id: id) }
        var fields = Presentation.fields(of: listing).map { ($0.key, JSONText.value($0.value)) }
        fields.append(("blocks", Self.blocksJSON(blocks)))
        return Self.json(JSONText.object(fields))
      }
    }
    api.post("/instruments") { request, _ in
      await creating(request) { request, _ in
        let body = try await Self.object(
          of: request, allowed: Self.instrumentKeys.union(["unit_id"]))
        var draft = InstrumentDraft(
          unitID: try Self.integer(body, "unit_id"), name: try Self.text(body, "name") ?? "",
          category: try InstrumentCategory(parsing: try Self.text(body, "category") ?? ""),
          value: try Money(yuan: try Self.text(body, "value_yuan") ?? ""),
          hourlyRate: try Money(yuan: try Self.text(body, "rate_yuan_per_hour") ?? ""))
        draft.take(try Self.instrumentChanges(body))
        return { [draft] service, principal in
          Self.created(
            Presentation.fields(of: try service.registerInstrument(draft, as: principal)))
        }
      }
    }
    api.patch("/instruments/{id}") { request, context in
      await respond(request) { principal in
        let id = try Self.id(context)
        let body = try await Self.object(
          of: request, allowed: Self.instrumentKeys.union(["status", "cancel_bookings"]))
        let cancelling = try Self.flag(body, "cancel_bookings") ?? false
        var changes = try Self.instrumentChanges(body)
        for key in ["name", "category", "value_yuan", "rate_yuan_per_hour"] where body[key] != nil {
          let text = try Self.text(body, key) ?? ""
          switch key {
          case "name": changes.name = text
          case "category": changes.category = try InstrumentCategory(parsing: text)
          case "value_yuan": changes.value = try Money(yuan: text)
          default: changes.hourlyRate = try Money(yuan: text)
          }
        }
        if let status = try Self.text(body, "status", required: false) {
          changes.status = try InstrumentStatus(parsing: status)
        }
        if changes.status == .retired && changes != InstrumentChanges(status: .retired) {
          throw APIError(
            .badRequest, code: "retire_alone",
            "retiring takes only {\"status\": \"retired\"} (and cancel_bookings); change the rest first"
          )
        }
        let updated = try await run { [changes] service in
          changes.status == .retired
            ? try service.retireInstrument(id: id, cancellingBookings: cancelling, as: principal)
            : try service.updateInstrument(id: id, changes, as: principal)
        }
        return Self.json(Presentation.fields(of: updated))
      }
    }
    api.post("/instruments/import") { request, _ in
      let dryRunAsked = Self.query(request, "dry_run") == "true"
      return await creating(request, bodyLimit: Self.importLimit, idempotent: !dryRunAsked) {
        request, _ in
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("text/csv") else {
          throw APIError(
            .unsupportedMediaType, code: "unsupported_media_type",
            "send the instruments as text/csv (docs/import.md)")
        }
        let dryRun = try Self.flag(query: request, "dry_run")
        let updating = try Self.flag(query: request, "update")
        let bytes: [UInt8]
        do {
          bytes = Array(try await request.body.collect(upTo: Self.importLimit).readableBytesView)
        } catch is NIOTooManyBytesError {
          throw APIError(.contentTooLarge, code: "too_large", "the CSV is over 64 MiB")
        }
        return { service, principal in
          let report = try service.importInstruments(
            open: { CSVRecordReader(bytes: bytes) }, dryRun: dryRun, updating: updating,
            as: principal)
          return Self.created(Presentation.fields(of: report), status: dryRun ? 200 : 201)
        }
      }
    }
  }

  /// The keys of an instrument a body may set (POST and PATCH).
  static let instrumentKeys: Set<String> = [
    "name", "model", "manufacturer", "category", "value_yuan", "rate_yuan_per_hour", "location",
    "opening_hours", "shared", "granularity_minutes", "asset_number", "needs_approval",
    "max_booking_minutes",
    "min_notice_minutes", "horizon_days", "billing_basis", "late_cancel_hours",
    "late_cancel_percent", "training_required", "accepts_external_qualifications",
  ]

  /// The optional details of an instrument body, as changes.
  static func instrumentChanges(_ body: [String: Any]) throws -> InstrumentChanges {
    InstrumentChanges(
      model: try text(body, "model", required: false),
      manufacturer: try text(body, "manufacturer", required: false),
      location: try text(body, "location", required: false),
      openingHours: try text(body, "opening_hours", required: false).map {
        text throws(LabNetError) in try OpeningHours(parsing: text)
      },
      isShared: try flag(body, "shared"),
      granularityMinutes: try optionalInteger(body, "granularity_minutes").map(Int.init),
      assetNumber: try text(body, "asset_number", required: false),
      rules: InstrumentRuleChanges(
        approvalRequired: try flag(body, "needs_approval"),
        maximumMinutes: try optionalInteger(body, "max_booking_minutes").map(Int.init),
        minimumNoticeMinutes: try optionalInteger(body, "min_notice_minutes").map(Int.init),
        horizonDays: try optionalInteger(body, "horizon_days").map(Int.init),
        billing: try text(body, "billing_basis", required: false).map {
          text throws(LabNetError) in try BillingBasis(parsing: text)
        },
        lateCancellationHours: try optionalInteger(body, "late_cancel_hours").map(Int.init),
        lateCancellationPercent: try optionalInteger(body, "late_cancel_percent").map(Int.init),
        trainingRequired: try flag(body, "training_required"),
        acceptsExternalQualifications: try flag(body, "accepts_external_qualifications")))
  }

  /// A query parameter that is true or false (false when absent).
  static func flag(query request: Request, _ key: String) throws -> Bool {
    switch query(request, key) {
    case nil, "false": return false
    case "true": return true
    case let text?:
      throw APIError(
        .badRequest, code: "invalid_flag",
        "\(key) must be true or false; got \"\(text.prefix(40))\"")
    }
  }

  static func blocksJSON(_ blocks: [MaintenanceBlock]) -> String {
    JSONText.array(
      blocks.map { JSONText.record(AvailabilityPresentation.fields(of: $0), indent: 4) }, indent: 2)
  }

  func addAvailabilityRoutes(to api: RouterGroup<BasicRequestContext>) {
    api.get("/instruments/{id}/availability") { request, context in
      await respond(request) { _ in
        let id = try Self.id(context)
        let window = try Self.window(request)
        let (_, free) = try await run { try $0.freeSlots(instrumentID: id, window: window) }
        return Self.json(AvailabilityPresentation.listing(ofSlots: free))
      }
    }
    api.get("/availability/search") { request, _ in
      await respond(request) { principal in
        let search = try Self.freeRunSearch(request)
        let page = try await run { try $0.searchFreeRuns(search, as: principal) }
        return Self.page(
          Listing(
            columns: AvailabilityPresentation.runColumns,
            rows: page.runs.map(AvailabilityPresentation.row(of:))), nextCursor: nil,
          total: page.total)
      }
    }
  }

  /// A network search's parameters (the API's and the search page's).
  static func freeRunSearch(_ request: Request) throws -> FreeRunSearch {
    let window = try Self.window(request)
    guard let duration = Self.query(request, "duration") else {
      throw APIError(.badRequest, code: "missing_field", "duration is required, like 90m or 4h")
    }
    var filter = try Self.instrumentFilter(request)
    filter.limit = nil
    return FreeRunSearch(
      window: window, seconds: try BookingDuration(parsing: duration).seconds, filter: filter,
      maximumRate: try Self.query(request, "max_rate").map { text throws(LabNetError) in
        try Money(yuan: text)
      },
      limit: try Self.limit(request, default: 20),
      order: try Self.query(request, "sort").map { text throws(LabNetError) in
        try FreeRunOrder(parsing: text)
      } ?? .soonest,
      near: try Self.query(request, "near").map { text throws(LabNetError) in
        try Province(parsing: text)
      })
  }

  static func instrumentFilter(_ request: Request) throws -> InstrumentFilter {
    var filter = InstrumentFilter(
      province: try province(request),
      city: query(request, "city"),
      category: try query(request, "category").map { text throws(LabNetError) in
        try InstrumentCategory(parsing: text)
      },
      tier: try query(request, "tier").map { text throws(LabNetError) in
        try ValueTier(parsing: text)
      },
      search: query(request, "search"),
      includeRetired: try flag(query: request, "include_retired"))
    filter.limit = try limit(request)
    if let unit = query(request, "unit") {
      guard let id = Int64(unit), id > 0 else {
        throw APIError(.badRequest, code: "invalid_id", "unit must be a unit's id")
      }
      filter.unitID = id
    }
    return filter
  }

  /// `limit`: 1 to 1000, `default` when absent.
  static func limit(_ request: Request, default fallback: Int = 50) throws -> Int {
    guard let text = query(request, "limit") else { return fallback }
    guard let limit = Int(text), (1...1000).contains(limit) else {
      throw APIError(
        .badRequest, code: "invalid_limit", "limit must be 1 to 1000; got \"\(text.prefix(40))\"")
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
