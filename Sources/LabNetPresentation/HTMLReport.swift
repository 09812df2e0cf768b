import Foundation
import InstrumentNetwork

/// A self-contained HTML page: inline CSS and SVG, no scripts, no external
/// files, readable on screen and on paper.
public enum HTMLReport {
  static func escaped(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      default: result.append(character)
      }
    }
    return result
  }

  /// `generated at TIME by LOGIN`: when (the service's clock, `LABNET_NOW`
  /// honoured) and by whom a report was made. Every report says it.
  public static func generatedText(at time: Instant, by login: String) -> String {
    "generated at \(time.iso8601) by \(login)"
  }

  /// The same as a paragraph of an HTML report.
  static func generatedParagraph(at time: Instant, by login: String) -> String {
    "<p class=\"generated\">\(escaped(generatedText(at: time, by: login)))</p>\n"
  }

  public static func page(title: String, body: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="zh-CN">
    <head>
    <meta charset="utf-8"/>
    <title>\(escaped(title))</title>
    <style>
    body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 2em; color: #222; }
    h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 1.6em; }
    table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
    th, td { border: 1px solid #bbb; padding: 0.25em 0.6em; }
    td.number { text-align: right; font-variant-numeric: tabular-nums; }
    th { background: #eef2f7; }
    svg { display: block; margin: 0.5em 0 1.5em; }
    .bar { fill: #3b6ea8; }
    @media print { body { margin: 0; } .bar { fill: #555; } h2 { page-break-after: avoid; } svg, table { page-break-inside: avoid; } }
    </style>
    </head>
    <body>
    \(body)
    </body>
    </html>

    """
  }

  /// What a report page holds between `<body>` and `</body>`: the web
  /// pages show the same report (its charts and tables) inside their layout.
  public static func bodyPart(of page: String) -> String {
    guard let start = page.range(of: "<body>\n"),
      let end = page.range(of: "</body>", options: .backwards)
    else { return page }
    return String(page[start.upperBound..<end.lowerBound])
  }

  /// A table; numeric cells align right.
  public static func table(_ listing: Listing) -> String {
    var html =
      "<table>\n<tr>" + listing.columns.map { "<th>\(escaped($0.title))</th>" }.joined() + "</tr>\n"
    for row in listing.rows {
      html +=
        "<tr>"
        + row.map { cell in
          cell.isNumeric
            ? "<td class=\"number\">\(escaped(cell.tableText))</td>"
            : "<td>\(escaped(cell.tableText))</td>"
        }.joined() + "</tr>\n"
    }
    return html + "</table>\n"
  }

  /// A horizontal bar chart: one `rect class="bar"` per item, labelled.
  static func barChart(
    id: String, title: String, items: [(label: String, key: String, value: Double, text: String)]
  )
    -> String
  {
    let rowHeight = 26.0
    // Wide enough for the longest label at 13 px (a wide character ~13 px,
    // a narrow one ~6.5); a label wider than 60 em is cut with "…" and
    // keeps its full text in a <title>.
    let pixelsPerColumn = 6.5
    let maximumColumns = 120
    let widest = min(items.map { displayWidth(of: $0.label) }.max() ?? 0, maximumColumns)
    let labelWidth = max(170.0, (Double(widest) * pixelsPerColumn + 12).rounded(.up))
    let barWidth = 420.0
    let height = Double(items.count) * rowHeight + 10
    let largest = max(items.map(\.value).max() ?? 0, 1e-9)
    var svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" data-chart=\"\(escaped(id))\" width=\"\(Int(labelWidth + barWidth + 150))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(labelWidth + barWidth + 150)) \(Int(height))\" role=\"img\" aria-label=\"\(escaped(title))\">\n"
    for (index, item) in items.enumerated() {
      let y = Double(index) * rowHeight + 5
      let width = max(1, item.value / largest * barWidth)
      let shown = truncated(item.label, toWidth: maximumColumns)
      let title = shown == item.label ? "" : "<title>\(escaped(item.label))</title>"
      svg +=
        "<text x=\"0\" y=\"\(y + 16)\" font-size=\"13\">\(title)\(escaped(shown))</text>\n"
      svg +=
        "<rect class=\"bar\" data-key=\"\(escaped(item.key))\" x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(String(format2Decimals: width))\" height=\"\(rowHeight - 8)\"/>\n"
      svg +=
        "<text x=\"\(String(format2Decimals: labelWidth + width + 6))\" y=\"\(y + 15)\" font-size=\"12\">\(escaped(item.text))</text>\n"
    }
    return "<h2>\(escaped(title))</h2>\n" + svg + "</svg>\n"
  }
}

extension String {
  /// A number with two decimals, for SVG coordinates.
  init(format2Decimals value: Double) {
    let hundredths = Int64((value * 100).rounded())
    let fraction = abs(hundredths % 100)
    self = "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
  }
}
