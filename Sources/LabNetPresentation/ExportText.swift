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
      .number(row.completed), .hours(row.bookedSeconds), .hours(row.usedSeconds),
      .money(row.fees), .money(row.voucherPaid), .number(row.crossProvince),
      .share(row.crossProvinceShare), .share(row.utilisation),
    ]
  }

  /// Hours with two decimals from seconds, exactly (integer arithmetic).
  static func hours(_ seconds: Int64) -> String { Cell.hours(seconds).machineText ?? "" }

  /// `generated at TIME by LOGIN`, when the report is stamped.
  static func generated(_ stamp: ReportStamp?) -> String {
    stamp.map { HTMLReport.generatedParagraph(at: $0.at, by: $0.by) } ?? ""
  }

  public static func usage(_ report: UsageReport, format: OutputFormat) -> String {
    let shown = report.rows + (report.others.map { [$0] } ?? [])
    let rows = shown.map(cells(of:)) + [cells(of: report.total)]
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
          "others",
          report.others.map { others in
            JSONText.object(
              zip(usageColumns, cells(of: others)).map { ($0.key, JSONText.value($1)) },
              indent: 2)
          } ?? "null"
        ),
        (
          "total",
          JSONText.object(
            zip(usageColumns, cells(of: report.total)).map { ($0.key, JSONText.value($1)) },
            indent: 2)
        ),
      ]) + "\n"
    case .table, .xlsx:  // no workbook of this report: the front ends refuse xlsx here
      let cut =
        report.others == nil
        ? ""
        : ", the \(report.rows.count) of \(report.rows.count + report.othersCount) units with the most booked hours"
      return "Usage by \(report.grouping.rawValue)\(cut), bookings starting \(period)\n"
        + Renderer(format: .table).text(of: listing)
    case .html:
      let chartRows = shown
      let body =
        "<h1>长三角大型科学仪器协作共用网 · usage by \(report.grouping.rawValue)</h1>\n"
        + "<p>Bookings starting \(HTMLReport.escaped(period))"
        + (report.province.map { ", instruments of \($0.chineseName) (\($0.code))" } ?? "")
        + ".</p>\n" + generated(report.stamp)
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

  /// The matrix's cells, then its marked rows: each issuer's total
  /// (`provider` "all"), each provider's total (`issuer` "all"), the grand
  /// total ("all", "all"), and each province's net position (`provider`
  /// "net", no bookings) when every issuer is shown.
  static func flowRows(_ report: VoucherFlowReport) -> [[Cell]] {
    var rows: [[Cell]] = report.flows.map {
      [.text($0.issuer.code), .text($0.provider.code), .number($0.bookings), .money($0.amount)]
    }
    func row(_ issuer: Province?, _ provider: Province?) -> [Cell] {
      let sum = report.sum(issuer: issuer, provider: provider)
      return [
        .text(issuer?.code ?? "all"), .text(provider?.code ?? "all"), .number(sum.bookings),
        .money(sum.amount),
      ]
    }
    rows += report.issuers.map { row($0, nil) }
    rows += Province.allCases.map { row(nil, $0) }
    rows.append(row(nil, nil))
    for province in Province.allCases {
      if let position = report.netPosition(of: province) {
        rows.append([.text(province.code), .text("net"), .none, .money(position.net)])
      }
    }
    return rows
  }

  public static func vouchers(_ report: VoucherFlowReport, format: OutputFormat) -> String {
    let period = report.period
    let flows = report.flows
    let listing = Listing(columns: flowColumns, rows: flowRows(report))
    let range = "\(period.lowerBound.iso8601) – \(period.upperBound.iso8601)"
    func object(_ row: [Cell]) -> String {
      JSONText.object(zip(flowColumns, row).map { ($0.key, JSONText.value($1)) }, indent: 4)
    }
    switch format {
    case .csv: return CSVText.byteOrderMark + Renderer(format: .csv).text(of: listing)
    case .json:
      let rows = listing.rows
      let cells = flows.count
      let issuerTotals = report.issuers.count
      let nets = Province.allCases.compactMap { province in
        report.netPosition(of: province).map { position in
          JSONText.object(
            [
              ("province", JSONText.string(province.code)),
              ("paid_out_yuan", JSONText.string(position.paidOut.yuanText)),
              ("paid_in_yuan", JSONText.string(position.paidIn.yuanText)),
              ("net_yuan", JSONText.string(position.net.yuanText)),
            ], indent: 4)
        }
      }
      return JSONText.object([
        ("from", JSONText.string(period.lowerBound.iso8601)),
        ("to", JSONText.string(period.upperBound.iso8601)),
        ("flows", JSONText.array(rows.prefix(cells).map(object), indent: 2)),
        (
          "issuer_totals",
          JSONText.array(rows.dropFirst(cells).prefix(issuerTotals).map(object), indent: 2)
        ),
        (
          "provider_totals",
          JSONText.array(
            rows.dropFirst(cells + issuerTotals).prefix(Province.allCases.count).map(object),
            indent: 2)
        ),
        (
          "total",
          JSONText.object(
            zip(flowColumns, rows[cells + issuerTotals + Province.allCases.count]).map {
              ($0.key, JSONText.value($1))
            }, indent: 2)
        ),
        ("net_positions", report.province == nil ? JSONText.array(nets, indent: 2) : "null"),
      ]) + "\n"
    case .table, .xlsx:
      return "Voucher payments by issuing and instrument province, bookings starting \(range)\n"
        + Renderer(format: .table).text(of: listing)
    case .html:
      let issuers = report.issuers
      func cell(_ sum: (bookings: Int, amount: Money), bold: Bool = false) -> String {
        let text = "\(sum.amount.groupedYuan)<br/>\(sum.bookings)"
        return "<td class=\"number\">" + (bold ? "<b>\(text)</b>" : text) + "</td>"
      }
      var matrix =
        "<h2>Settlement matrix (yuan; bookings)</h2>\n<table>\n<tr><th>issuer \\ instrument</th>"
      matrix +=
        Province.allCases.map { "<th>\($0.chineseName) \($0.code)</th>" }.joined()
        + "<th>total</th></tr>\n"
      for issuer in issuers {
        matrix += "<tr><th>\(issuer.chineseName) \(issuer.code)</th>"
        for provider in Province.allCases {
          matrix += cell(report.sum(issuer: issuer, provider: provider))
        }
        matrix += cell(report.sum(issuer: issuer, provider: nil), bold: true) + "</tr>\n"
      }
      matrix += "<tr><th>total</th>"
      for provider in Province.allCases {
        matrix += cell(report.sum(issuer: nil, provider: provider), bold: true)
      }
      matrix += cell(report.sum(issuer: nil, provider: nil), bold: true) + "</tr>\n</table>\n"
      if report.province == nil {
        matrix +=
          "<h2>Net position (yuan)</h2>\n<p>What a province's vouchers paid at other provinces' instruments, minus what other provinces' vouchers paid at its instruments.</p>\n"
          + "<table>\n<tr><th>province</th><th>paid out</th><th>paid in</th><th>net</th></tr>\n"
        for province in Province.allCases {
          guard let position = report.netPosition(of: province) else { continue }
          matrix +=
            "<tr data-net=\"\(province.code)\"><th>\(province.chineseName) \(province.code)</th>"
            + "<td class=\"number\">\(position.paidOut.groupedYuan)</td>"
            + "<td class=\"number\">\(position.paidIn.groupedYuan)</td>"
            + "<td class=\"number\">\(position.net.groupedYuan)</td></tr>\n"
        }
        matrix += "</table>\n"
      }
      let totals = issuers.map { ($0, report.sum(issuer: $0, provider: nil).amount) }
      let body =
        "<h1>长三角创新券通用通兑 · voucher flows</h1>\n<p>Bookings starting \(HTMLReport.escaped(range)).</p>\n"
        + generated(report.stamp) + matrix
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
