import Hummingbird
import InstrumentNetwork
import LabNetPresentation
import LabNetService

extension API {
  /// `GET /units/{id}/statement?month=YYYY-MM&side=provider|customer&format=…`:
  /// the unit's statement, as the CLI's `labnet statement` writes it (csv by
  /// default, like the exports; xlsx as a workbook).
  func addStatementRoutes(to api: RouterGroup<BasicRequestContext>) {
    api.get("/units/{id}/statement") { request, context in
      await respond(request) { principal in
        let id = try Self.id(context)
        guard let monthText = Self.query(request, "month") else {
          throw APIError(.badRequest, code: "missing_month", "give month=YYYY-MM, like 2026-11")
        }
        let month = try StatementMonth(parsing: monthText)
        let sideText = Self.query(request, "side") ?? "provider"
        guard let side = StatementSide(rawValue: sideText) else {
          throw APIError(
            .badRequest, code: "invalid_side",
            "side must be provider or customer; got \"\(sideText.prefix(40))\"")
        }
        let formatText = Self.query(request, "format") ?? "csv"
        guard let format = OutputFormat(rawValue: formatText) else {
          throw APIError(
            .badRequest, code: "invalid_format", "format must be csv, json, html, table or xlsx")
        }
        let bytes = try await run {
          try StatementText.document(
            try $0.statement(unit: String(id), month: month, side: side, as: principal),
            format: format)
        }
        let type: String
        switch format {
        case .csv: type = "text/csv; charset=utf-8"
        case .html: type = "text/html; charset=utf-8"
        case .json: type = "application/json; charset=utf-8"
        case .table: type = "text/plain; charset=utf-8"
        case .xlsx: type = Self.xlsxType
        }
        var headers: HTTPFields = [.contentType: type]
        if format == .xlsx {
          headers[.contentDisposition] =
            "attachment; filename=\"statement-\(id)-\(month.text)-\(side.rawValue).xlsx\""
        }
        return Response(
          status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
      }
    }
  }
}
