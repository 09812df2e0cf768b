import Foundation
import InstrumentNetwork

/// A unit's statement (结算单) as a document: table, CSV, JSON, HTML or
/// xlsx. The same for the CLI and the server; docs/reports.md defines it.
public enum StatementText {
  /// The key of the counterpart column: who owes on a provider's statement,
  /// who is owed on a customer's.
  static func counterpartKey(_ side: StatementSide) -> (key: String, title: String) {
    side == .provider ? ("customer_unit", "Customer unit") : ("provider_unit", "Provider unit")
  }

  static func columns(_ side: StatementSide) -> [(key: String, title: String)] {
    [
      counterpartKey(side), ("booking_id", "Booking"), ("instrument", "Instrument"),
      ("booker", "Booker"), ("start", "Start"), ("hours", "Hours"), ("status", "Status"),
      ("charge_yuan", "Charge"), ("voucher_share_yuan", "Vouchers"), ("owed_yuan", "Owed"),
    ]
  }

  /// The document's bytes in `format`.
  public static func document(_ statement: Statement, format: OutputFormat) throws -> [UInt8] {
    switch format {
    case .table: return Array(table(statement).utf8)
    case .csv: return Array(csv(statement).utf8)
    case .json: return Array(json(statement).utf8)
    case .html: return Array(html(statement).utf8)
    case .xlsx: return Array(try sheet(statement).workbook(modified: date(statement.generatedAt)))
    }
  }

  /// The heading: whose statement, which side, which month.
  static func title(_ statement: Statement) -> String {
    let side = statement.side == .provider ? "as provider" : "as customer"
    return "结算单 · statement of \(statement.unit.name) \(side), \(statement.month.text)"
  }

  static func period(_ statement: Statement) -> String {
    let interval = statement.month.interval
    return "bookings starting \(interval.lowerBound.iso8601) – \(interval.upperBound.iso8601)"
  }

  static func generated(_ statement: Statement) -> String {
    HTMLReport.generatedText(at: statement.generatedAt, by: statement.generatedBy)
  }

  static func hours(_ seconds: Int64) -> String { ExportText.hours(seconds) }
  static func hundredths(_ seconds: Int64) -> Int64 { (seconds * 100 + 1_800) / 3_600 }

  static func cells(_ line: StatementLine) -> [Cell] {
    [
      .text(line.counterpart.name), .number(line.bookingID), .text(line.instrumentName),
      .text(line.bookerLogin), .text(line.start.iso8601), .text(hours(line.seconds)),
      .text(line.status.rawValue), .money(line.charge), .money(line.voucherShare),
      .money(line.owed),
    ]
  }

  /// A subtotal's or the total's row: `name` in the unit column, `label`
  /// in the booking column, nothing where a sum has no meaning.
  static func cells(_ totals: StatementTotals, label: Cell, name: Cell) -> [Cell] {
    [
      name, label, .none, .none, .none, .text(hours(totals.seconds)), .none,
      .money(totals.charge), .money(totals.voucherShare), .money(totals.owed),
    ]
  }

  static func listing(_ statement: Statement) -> Listing {
    var rows: [[Cell]] = []
    for group in statement.groups {
      rows += group.lines.map(cells)
      rows.append(
        cells(group.subtotal, label: .text("subtotal"), name: .text(group.counterpart.name)))
    }
    rows.append(cells(statement.total, label: .text("total"), name: .text("all")))
    return Listing(columns: columns(statement.side), rows: rows)
  }

  static func table(_ statement: Statement) -> String {
    title(statement) + "\n" + period(statement) + "\n"
      + Renderer(format: .table).text(of: listing(statement)) + generated(statement) + "\n"
  }

  /// One row per booking, then its unit's subtotal; the total last. `row`
  /// says which (booking, subtotal, total).
  static func csv(_ statement: Statement) -> String {
    var text =
      CSVText.byteOrderMark
      + CSVText.header(["row"] + columns(statement.side).map(\.key) + ["end", "seconds"])
    for group in statement.groups {
      for line in group.lines {
        text += CSVText.line(
          [.text("booking")] + cells(line) + [.text(line.end.iso8601), .number(line.seconds)])
      }
      text += CSVText.line(
        [.text("subtotal")]
          + cells(group.subtotal, label: .none, name: .text(group.counterpart.name))
          + [.none, .number(group.subtotal.seconds)])
    }
    text += CSVText.line(
      [.text("total")] + cells(statement.total, label: .none, name: .none)
        + [.none, .number(statement.total.seconds)])
    return text
  }

  static func party(_ id: Int64, _ name: String, _ province: Province, indent: Int) -> String {
    JSONText.object(
      [
        ("id", String(id)), ("name", JSONText.string(name)),
        ("province", JSONText.string(province.code)),
      ], indent: indent)
  }

  static func totals(_ totals: StatementTotals, indent: Int) -> String {
    JSONText.object(
      [
        ("bookings", String(totals.bookings)), ("seconds", String(totals.seconds)),
        ("hours", JSONText.string(hours(totals.seconds))),
        ("charge_yuan", JSONText.value(.money(totals.charge))),
        ("voucher_share_yuan", JSONText.value(.money(totals.voucherShare))),
        ("owed_yuan", JSONText.value(.money(totals.owed))),
      ], indent: indent)
  }

  static func json(_ statement: Statement) -> String {
    let unit = statement.unit
    let interval = statement.month.interval
    let groups = statement.groups.map { group in
      let lines = group.lines.map { line in
        JSONText.object(
          [
            ("booking_id", String(line.bookingID)), ("instrument_id", String(line.instrumentID)),
            ("instrument", JSONText.string(line.instrumentName)),
            ("booker", JSONText.string(line.bookerLogin)),
            ("start", JSONText.string(line.start.iso8601)),
            ("end", JSONText.string(line.end.iso8601)),
            ("status", JSONText.string(line.status.rawValue)),
            ("seconds", String(line.seconds)), ("hours", JSONText.string(hours(line.seconds))),
            ("charge_yuan", JSONText.value(.money(line.charge))),
            ("voucher_share_yuan", JSONText.value(.money(line.voucherShare))),
            ("owed_yuan", JSONText.value(.money(line.owed))),
          ], indent: 8)
      }
      let party = group.counterpart
      return JSONText.object(
        [
          ("unit", self.party(party.id, party.name, party.province, indent: 6)),
          ("lines", JSONText.array(lines, indent: 6)),
          ("subtotal", totals(group.subtotal, indent: 6)),
        ], indent: 4)
    }
    return JSONText.object([
      ("unit", party(unit.id, unit.name, unit.province, indent: 2)),
      ("month", JSONText.string(statement.month.text)),
      ("side", JSONText.string(statement.side.rawValue)),
      ("from", JSONText.string(interval.lowerBound.iso8601)),
      ("to", JSONText.string(interval.upperBound.iso8601)),
      ("generated_at", JSONText.string(statement.generatedAt.iso8601)),
      ("generated_by", JSONText.string(statement.generatedBy)),
      ("groups", JSONText.array(groups, indent: 2)),
      ("total", totals(statement.total, indent: 2)),
    ]) + "\n"
  }

  static func html(_ statement: Statement) -> String {
    let columns = Array(columns(statement.side).dropFirst())
    var body =
      "<h1>\(HTMLReport.escaped(title(statement)))</h1>\n"
      + "<p>\(HTMLReport.escaped(statement.unit.name)) (\(statement.unit.province.chineseName)), "
      + "\(HTMLReport.escaped(period(statement))) (China Standard Time).</p>\n"
    for group in statement.groups {
      let party = group.counterpart
      body += "<h2>\(HTMLReport.escaped(party.name)) (\(party.province.code))</h2>\n"
      let rows =
        group.lines.map { Array(cells($0).dropFirst()) }
        + [
          Array(
            cells(group.subtotal, label: .text("subtotal"), name: .text(party.name)).dropFirst())
        ]
      body += HTMLReport.table(Listing(columns: columns, rows: rows))
    }
    if statement.groups.isEmpty { body += "<p>No charged bookings.</p>\n" }
    body +=
      "<h2>Total</h2>\n"
      + HTMLReport.table(
        Listing(
          columns: [
            ("bookings", "Bookings"), ("hours", "Hours"), ("charge_yuan", "Charge"),
            ("voucher_share_yuan", "Vouchers"), ("owed_yuan", "Owed"),
          ],
          rows: [
            [
              .number(statement.total.bookings), .text(hours(statement.total.seconds)),
              .money(statement.total.charge), .money(statement.total.voucherShare),
              .money(statement.total.owed),
            ]
          ]))
      + HTMLReport.generatedParagraph(at: statement.generatedAt, by: statement.generatedBy)
    return HTMLReport.page(title: title(statement), body: body)
  }

  /// The workbook's one sheet: heading lines, the column header, each
  /// group's lines and subtotal, the total.
  static func sheet(_ statement: Statement) -> XLSXSheet {
    typealias Row = XLSXSheet.Row
    var rows: [Row] = [
      Row([.text(title(statement))], bold: true),
      Row([.text(period(statement))]),
      Row([.text(generated(statement))]),
      Row([]),
      Row(columns(statement.side).map { .text($0.title) }, bold: true),
    ]
    func line(_ line: StatementLine) -> Row {
      Row([
        .text(line.counterpart.name), .integer(line.bookingID), .text(line.instrumentName),
        .text(line.bookerLogin), .dateTime(line.start), .hundredths(hundredths(line.seconds)),
        .text(line.status.rawValue), .money(line.charge), .money(line.voucherShare),
        .money(line.owed),
      ])
    }
    func sum(_ totals: StatementTotals, _ name: String, _ label: String) -> Row {
      Row(
        [
          .text(name), .text(label), .empty, .empty, .empty,
          .hundredths(hundredths(totals.seconds)), .empty, .money(totals.charge),
          .money(totals.voucherShare), .money(totals.owed),
        ], bold: true)
    }
    for group in statement.groups {
      rows += group.lines.map(line)
      rows.append(sum(group.subtotal, group.counterpart.name, "subtotal"))
    }
    rows.append(sum(statement.total, "all", "total"))
    return XLSXSheet(
      name: "结算单 \(statement.month.text)", columnWidths: [28, 9, 24, 14, 17, 8, 11, 14, 14, 14],
      rows: rows)
  }

  static func date(_ instant: Instant) -> Date {
    Date(timeIntervalSince1970: TimeInterval(instant.seconds))
  }
}
