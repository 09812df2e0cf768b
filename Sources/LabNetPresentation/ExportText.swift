import InstrumentNetwork
import LabNetService
import NetworkStore

/// The texts of the exports in each format.
public enum ExportText {
  static let usageColumns: [(key: String, title: String)] = [
    ("group", "Group"), ("name", "Name"), ("instruments", "Instruments"), ("bookings", "Bookings"),
    ("completed", "Completed"), ("booked_hours", "Booked h"), ("used_hours", "Used h"),
    ("fees_yuan", "Fees (yuan)"), ("voucher_paid_yuan", "Vouchers (yuan)"),
    ("cross_province_bookings", "Cross-prov."), ("cross_province_share", "Cross share"),
    ("utilisation", "Utilisation"),
  ]

  static func cells(of row: UsageRow) -> [Cell] {
    [
      .text(row.key), .text(row.name), .number(row.instruments), .number(row.bookings),
      .number(row.completed), .text(hours(row.bookedSeconds)), .text(hours(row.usedSeconds)),
      .money(row.fees), .money(row.voucherPaid), .number(row.crossProvince),
      .text(fraction(row.crossProvinceShare)), .text(fraction(row.utilisation)),
    ]
  }

  /// Hours with two decimals from seconds, exactly (integer arithmetic).
  static func hours(_ seconds: Int64) -> String {
    let hundredths = (seconds * 100 + 1_800) / 3_600
    let rest = hundredths % 100
    return "\(hundredths / 100).\(rest < 10 ? "0" : "")\(rest)"
  }

  /// A share 0…1 with four decimals.
  static func fraction(_ value: Double) -> String {
    let scaled = Int64((value * 10_000).rounded())
    let rest = scaled % 10_000
    let digits = String(rest)
    return "\(scaled / 10_000)." + String(repeating: "0", count: 4 - digits.count) + digits
  }

  public static func usage(_ report: UsageReport, format: OutputFormat) -> String {
    let rows = report.rows.map(cells(of:)) + [cells(of: report.total)]
    let listing = Listing(columns: usageColumns, rows: rows)
    let period = "\(report.period.lowerBound.iso8601) – \(report.period.upperBound.iso8601)"
    switch format {
    case .csv:
      return CSVText.byteOrderMark + Renderer(format: .csv).text(of: listing)
    case .json:
      let objects = report.rows.map { row in
        JSONText.object(
          zip(usageColumns, cells(of: row)).map { ($0.key, JSONText.value($1)) }, indent: 4)
      }
      return JSONText.object([
        ("by", JSONText.string(report.grouping.rawValue)),
        ("from", JSONText.string(report.period.lowerBound.iso8601)),
        ("to", JSONText.string(report.period.upperBound.iso8601)),
        ("province", report.province.map { JSONText.string($0.code) } ?? "null"),
        ("rows", JSONText.array(objects, indent: 2)),
        (
          "total",
          JSONText.object(
            zip(usageColumns, cells(of: report.total)).map { ($0.key, JSONText.value($1)) },
            indent: 2)
        ),
      ]) + "\n"
    case .table, .xlsx:  // no workbook of this report: the front ends refuse xlsx here
      return "Usage by \(report.grouping.rawValue), bookings starting \(period)\n"
        + Renderer(format: .table).text(of: listing)
    case .html:
      let chartRows = report.rows
      let body =
        "<h1>长三角大型科学仪器协作共用网 · usage by \(report.grouping.rawValue)</h1>\n"
        + "<p>Bookings starting \(HTMLReport.escaped(period))"
        + (report.province.map { ", instruments of \($0.chineseName) (\($0.code))" } ?? "")
        + ".</p>\n"
        + HTMLReport.barChart(
          id: "bookings", title: "Bookings",
          items: chartRows.map { ($0.name, $0.key, Double($0.bookings), String($0.bookings)) })
        + HTMLReport.barChart(
          id: "used_hours", title: "Used hours",
          items: chartRows.map {
            ($0.name, $0.key, Double($0.usedSeconds) / 3_600, hours($0.usedSeconds))
          })
        + HTMLReport.barChart(
          id: "fees", title: "Fees (yuan)",
          items: chartRows.map { ($0.name, $0.key, Double($0.fees.fen) / 100, $0.fees.groupedYuan) }
        )
        + "<h2>Figures</h2>\n" + HTMLReport.table(listing)
      return HTMLReport.page(title: "labnet usage by \(report.grouping.rawValue)", body: body)
    }
  }

  static let flowColumns: [(key: String, title: String)] = [
    ("issuer", "Issuing province"), ("provider", "Instrument province"), ("bookings", "Bookings"),
    ("amount_yuan", "Paid (yuan)"),
  ]

  public static func vouchers(_ flows: [VoucherFlow], period: Range<Instant>, format: OutputFormat)
    -> String
  {
    let listing = Listing(
      columns: flowColumns,
      rows: flows.map {
        [.text($0.issuer.code), .text($0.provider.code), .number($0.bookings), .money($0.amount)]
      })
    let range = "\(period.lowerBound.iso8601) – \(period.upperBound.iso8601)"
    switch format {
    case .csv: return CSVText.byteOrderMark + Renderer(format: .csv).text(of: listing)
    case .json:
      return JSONText.object([
        ("from", JSONText.string(period.lowerBound.iso8601)),
        ("to", JSONText.string(period.upperBound.iso8601)),
        (
          "flows",
          JSONText.array(
            listing.rows.map { row in
              JSONText.object(zip(flowColumns, row).map { ($0.key, JSONText.value($1)) }, indent: 4)
            }, indent: 2)
        ),
      ]) + "\n"
    case .table, .xlsx:
      return "Voucher payments by issuing and instrument province, bookings starting \(range)\n"
        + Renderer(format: .table).text(of: listing)
    case .html:
      let issuers = Array(Set(flows.map(\.issuer))).sorted()
      var matrix =
        "<h2>Settlement matrix (yuan; bookings)</h2>\n<table>\n<tr><th>issuer \\ instrument</th>"
      matrix +=
        Province.allCases.map { "<th>\($0.chineseName) \($0.code)</th>" }.joined() + "</tr>\n"
      for issuer in issuers {
        matrix += "<tr><th>\(issuer.chineseName) \(issuer.code)</th>"
        for provider in Province.allCases {
          let cell = flows.first { $0.issuer == issuer && $0.provider == provider }
          matrix +=
            "<td class=\"number\">\(cell?.amount.groupedYuan ?? "0.00")<br/>\(cell?.bookings ?? 0)</td>"
        }
        matrix += "</tr>\n"
      }
      matrix += "</table>\n"
      let totals = issuers.map { issuer in
        (issuer, flows.filter { $0.issuer == issuer }.reduce(Money.zero) { $0 + $1.amount })
      }
      let body =
        "<h1>长三角创新券通用通兑 · voucher flows</h1>\n<p>Bookings starting \(HTMLReport.escaped(range)).</p>\n"
        + matrix
        + HTMLReport.barChart(
          id: "paid_by_issuer", title: "Paid by each province's vouchers (yuan)",
          items: totals.map {
            ($0.0.chineseName, $0.0.code, Double($0.1.fen) / 100, $0.1.groupedYuan)
          })
      return HTMLReport.page(title: "labnet voucher flows", body: body)
    }
  }

  /// Refuses a format the row-level bookings export does not write: it
  /// streams rows, as CSV or JSON only (before, html and table fell back to CSV).
  public static func requireRowFormat(_ format: OutputFormat) throws(LabNetError) {
    guard format == .csv || format == .json else {
      throw .invalidData(
        "export bookings writes csv or json, one row per booking; got --format \(format.rawValue) (the html reports are export usage and export vouchers)"
      )
    }
  }

  public static let bookingColumns = [
    "id", "instrument_id", "instrument", "instrument_province", "instrument_unit", "booker",
    "booker_unit", "booker_province", "start", "end", "status", "quoted_fee_yuan",
    "charged_fee_yuan", "voucher_paid_yuan", "used_from", "used_to",
  ]

  public static func cells(of row: BookingExportRow) -> [Cell] {
    let reservation = row.reservation
    return [
      .number(reservation.id), .number(reservation.instrumentID), .text(row.instrumentName),
      .text(row.instrumentProvince.code), .text(row.instrumentUnit), .text(row.bookerLogin),
      .text(row.bookerUnit), .text(row.bookerProvince.code), .text(reservation.start.iso8601),
      .text(reservation.end.iso8601), .text(reservation.status.rawValue),
      .money(reservation.quotedFee),
      reservation.chargedFee.map(Cell.money) ?? .none, .money(row.voucherPaid),
      .optional(reservation.usedFrom?.iso8601), .optional(reservation.usedTo?.iso8601),
    ]
  }
}
