import Hummingbird
import InstrumentNetwork
import LabNetPresentation
import LabNetService
import NetworkStore

extension API {
  /// `format=csv|json|html|table` of an export (csv by default; table is
  /// the CLI's aligned text).
  static func exportFormat(_ request: Request) throws -> OutputFormat {
    let text = query(request, "format") ?? "csv"
    guard let format = OutputFormat(rawValue: text), format != .xlsx else {
      throw APIError(
        .badRequest, code: "invalid_format", "format must be csv, json, html or table")
    }
    return format
  }

  /// `from`/`to` of an export: both or neither.
  /// The period of an export: `from`/`to` (times or dates), `month` or `year`.
  static func period(_ request: Request) throws -> Range<Instant>? {
    try ReportPeriod.parse(
      from: query(request, "from"), to: query(request, "to"), month: query(request, "month"),
      year: query(request, "year"))
  }

  static func province(_ request: Request) throws -> Province? {
    try query(request, "province").map { text throws(LabNetError) in try Province(parsing: text) }
  }

  static let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

  static func document(_ text: String, format: OutputFormat) -> Response {
    let type: String
    switch format {
    case .csv: type = "text/csv; charset=utf-8"
    case .html: type = "text/html; charset=utf-8"
    case .json: type = "application/json; charset=utf-8"
    case .table: type = "text/plain; charset=utf-8"
    case .xlsx: type = xlsxType
    }
    return Response(
      status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: text)))
  }

  func addExportRoutes(to api: RouterGroup<BasicRequestContext>) {
    api.get("/exports/usage") { request, _ in
      await respond(request) { principal in
        let by = Self.query(request, "by") ?? ""
        guard let grouping = UsageGrouping(rawValue: by) else {
          throw APIError(
            .badRequest, code: "invalid_grouping",
            "by must be province, unit, tier, category or month; got \"\(by.prefix(40))\"")
        }
        let format = try Self.exportFormat(request)
        let period = try Self.period(request)
        let province = try Self.province(request)
        var top: Int?
        if let text = Self.query(request, "top") {
          guard let value = Int(text) else {
            throw APIError(
              .badRequest, code: "invalid_top",
              "top must be a whole number from 1; got \"\(text.prefix(40))\"")
          }
          top = value
        }
        let text = try await run { [top] in
          try $0.usageDocument(
            by: grouping, period: period, province: province, top: top, format: format,
            as: principal)
        }
        return Self.document(text, format: format)
      }
    }
    api.get("/exports/vouchers") { request, _ in
      await respond(request) { principal in
        let format = try Self.exportFormat(request)
        let period = try Self.period(request)
        let province = try Self.province(request)
        let text = try await run {
          try $0.voucherFlowDocument(
            period: period, province: province, format: format, as: principal)
        }
        return Self.document(text, format: format)
      }
    }
    api.get("/exports/bookings") { request, _ in
      await respond(request) { principal in
        let period = try Self.period(request)
        let province = try Self.province(request)
        let format = try Self.exportFormat(request)
        try ExportText.requireRowFormat(format)
        let type = format == .json ? "application/json; charset=utf-8" : "text/csv; charset=utf-8"
        return try await streamed(type: type) { service, begin, write in
          try service.bookingsDocument(
            period: period, province: province, format: format, as: principal,
            begin: begin, write: write)
        }
      }
    }
  }
}
