import InstrumentNetwork
import NetworkStore

/// The network's headline figures and breakdowns, in every format.
public enum NetworkPresentation {
  public static let groupColumns: [(key: String, title: String)] = [
    ("group", "Group"), ("name", "Name"), ("units", "Units"), ("instruments", "Instruments"),
    ("value_yuan", "Value (yuan)"),
  ]

  public static func headline(_ statistics: NetworkStatistics) -> [Field] {
    [
      Field("units", "Units", .number(statistics.units)),
      Field("instruments", "Instruments", .number(statistics.instruments)),
      Field("total_value_yuan", "Total value (yuan)", .money(statistics.totalValue)),
      Field(
        "instruments_500k_or_more", "Instruments ≥ 500,000 yuan",
        .number(statistics.largeOrAbove)),
    ]
  }

  public static func breakdowns(_ statistics: NetworkStatistics) -> [(
    key: String, title: String, rows: [[Cell]]
  )] {
    func rows(_ groups: [NetworkStatistics.Group], name: (String) -> String, units: Bool)
      -> [[Cell]]
    {
      groups.map {
        [
          .text($0.key), .text(name($0.key)), units ? .number($0.units) : .none,
          .number($0.instruments), .money($0.value),
        ]
      }
    }
    return [
      (
        "by_province", "By province",
        rows(
          statistics.byProvince,
          name: { Province(rawValue: $0)?.chineseName ?? $0 }, units: true)
      ),
      (
        "by_tier", "By value tier",
        rows(
          statistics.byTier, name: { ValueTier(rawValue: $0)?.chineseName ?? $0 }, units: false)
      ),
      (
        "by_category", "By category",
        rows(
          statistics.byCategory,
          name: { InstrumentCategory(rawValue: $0)?.chineseName ?? $0 }, units: false)
      ),
    ]
  }

  public static func text(of statistics: NetworkStatistics, format: OutputFormat) -> String {
    let renderer = Renderer(format: format)
    let sections = breakdowns(statistics)
    switch format {
    case .json:
      let fields = headline(statistics).map { ($0.key, JSONText.value($0.value)) }
      let groups = sections.map { section in
        (
          section.key,
          JSONText.array(
            section.rows.map { row in
              JSONText.object(
                zip(groupColumns, row).filter { $1 != .none }.map {
                  ($0.key, JSONText.value($1))
                }, indent: 4)
            }, indent: 2)
        )
      }
      return JSONText.object(fields + groups) + "\n"
    case .csv:
      let columns = [("breakdown", "")] + groupColumns
      let total: [Cell] = [
        .text("network"), .text("all"), .text("长三角"), .number(statistics.units),
        .number(statistics.instruments), .money(statistics.totalValue),
      ]
      let rows =
        [total]
        + sections.flatMap { section in
          section.rows.map { [.text(section.key)] + $0 }
        }
      return renderer.text(of: Listing(columns: columns, rows: rows))
    case .html:
      var body =
        "<h1>labnet network statistics</h1>\n"
        + HTMLReport.table(
          Listing(
            columns: [("field", "Figure"), ("value", "Value")],
            rows: headline(statistics).map { [.text($0.title), $0.value] }))
      for section in sections {
        body +=
          "<h2>\(section.title)</h2>\n"
          + HTMLReport.table(Listing(columns: groupColumns, rows: section.rows))
      }
      return HTMLReport.page(title: "labnet network statistics", body: body)
    case .table, .xlsx:
      var output = renderer.text(of: headline(statistics))
      for section in sections {
        output += "\n\(section.title)\n"
        output += renderer.text(of: Listing(columns: groupColumns, rows: section.rows))
      }
      return output
    }
  }
}
