import Hummingbird
import InstrumentNetwork
import LabNetPresentation
import LabNetService
import NetworkStore

extension API {
  /// `format=csv|json|html` of an export (csv by default).
  static func exportFormat(_ request: Request) throws -> OutputFormat {
    let text = query(request, "format") ?? "csv"
    guard let format = OutputFormat(rawValue: text), format != .table else {
      throw APIError(.badRequest, code: "invalid_format", "format must be csv, json or html")
    }
    return format
  }

  /// `from`/`to` of an export: both or neither.
  static func period(_ request: Request) throws -> Range<Instant>? {
    guard query(request, "from") != nil || query(request, "to") != nil else { return nil }
    return try window(request)
  }

  static func province(_ request: Request) throws -> Province? {
    try query(request, "province").map { text throws(LabNetError) in try Province(parsing: text) }
  }

  static func document(_ text: String, format: OutputFormat) -> Response {
    let type: String
    switch format {
    case .csv: type = "text/csv; charset=utf-8"
    case .html: type = "text/html; charset=utf-8"
    case .json, .table: type = "application/json; charset=utf-8"
    }
    return Response(
      status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: text)))
  }

  func addExportRoutes(to api: RouterGroup<BasicRequestContext>) {
    api.get("/exports/usage") { request, _ in
      await respond(request) { principal in
        let text = Self.query(request, "by") ?? ""
        guard let grouping = UsageGrouping(rawValue: text) else {
          throw APIError(
            .badRequest, code: "invalid_grouping",
            "by must be province, unit, tier, category or month; got \"\(text)\"")
        }
        let format = try Self.exportFormat(request)
        let period = try Self.period(request)
        let province = try Self.province(request)
        let report = try await run {
          try $0.usage(by: grouping, period: period, province: province, as: principal)
        }
        return Self.document(ExportText.usage(report, format: format), format: format)
      }
    }
    api.get("/exports/vouchers") { request, _ in
      await respond(request) { principal in
        let format = try Self.exportFormat(request)
        let period = try Self.period(request)
        let province = try Self.province(request)
        let (span, flows) = try await run {
          try $0.voucherFlows(period: period, province: province, as: principal)
        }
        return Self.document(
          ExportText.vouchers(flows, period: span, format: format), format: format)
      }
    }
    api.get("/exports/bookings") { request, _ in
      await respond(request) { principal in
        let period = try Self.period(request)
        let province = try Self.province(request)
        return try await streamed(type: "text/csv; charset=utf-8") { service, begin, write in
          try service.exportBookings(
            period: period, province: province, as: principal,
            begin: {
              begin()
              try write(CSVText.byteOrderMark + CSVText.header(ExportText.bookingColumns))
            }
          ) { row in try write(CSVText.line(ExportText.cells(of: row))) }
        }
      }
    }
  }
}
