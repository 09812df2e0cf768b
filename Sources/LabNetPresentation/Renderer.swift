/// Renders listings and records in the chosen format to standard output.
public struct Renderer {
  let format: OutputFormat
  /// Widest a table cell may be before it is cut with "…".
  var maximumCellWidth = 40

  public init(format: OutputFormat) {
    self.format = format
  }

  /// A list: a table, a JSON array of objects, or CSV with a header row.
  public func text(of listing: Listing) -> String {
    switch format {
    case .json:
      return JSONText.array(
        listing.rows.map { row in
          JSONText.object(
            zip(listing.columns, row).map { ($0.key, JSONText.value($1)) }, indent: 2)
        }) + "\n"
    case .csv:
      return CSVText.header(listing.columns.map(\.key)) + listing.rows.map(CSVText.line).joined()
    case .table, .xlsx:  // a listing has no workbook: the front ends refuse xlsx
      return table(listing)
    case .html:
      return HTMLReport.page(title: "labnet", body: HTMLReport.table(listing))
    }
  }

  /// One record: `Title: value` lines, a JSON object, or a one-row CSV.
  public func text(of record: [Field]) -> String {
    switch format {
    case .json: return JSONText.record(record) + "\n"
    case .csv: return CSVText.header(record.map(\.key)) + CSVText.line(record.map(\.value))
    case .html:
      return HTMLReport.page(
        title: "labnet",
        body: HTMLReport.table(
          Listing(
            columns: [("field", "Field"), ("value", "Value")],
            rows: record.map { [.text($0.title), $0.value] })))
    case .table, .xlsx:
      let width = record.map { displayWidth(of: $0.title) }.max() ?? 0
      return record.map { field in
        let value = field.value.tableText
        return padded(field.title + ":", toWidth: width + 1) + " " + (value.isEmpty ? "-" : value)
      }.joined(separator: "\n") + "\n"
    }
  }

  private func table(_ listing: Listing) -> String {
    guard !listing.rows.isEmpty else { return "(none)\n" }
    let cells = listing.rows.map { row in
      row.map { truncated($0.tableText, toWidth: maximumCellWidth) }
    }
    var widths = listing.columns.map { displayWidth(of: $0.title) }
    for row in cells {
      for (index, text) in row.enumerated() {
        widths[index] = max(widths[index], displayWidth(of: text))
      }
    }
    let numeric = listing.columns.indices.map { column in
      listing.rows.allSatisfy { $0[column].isNumeric || $0[column] == .none }
    }
    func line(_ texts: [String]) -> String {
      let cells = texts.indices.map {
        padded(texts[$0], toWidth: widths[$0], right: numeric[$0])
      }
      var text = cells.joined(separator: "  ")
      while text.last == " " { text.removeLast() }
      return text + "\n"
    }
    var output = line(listing.columns.map(\.title))
    output += line(widths.map { String(repeating: "-", count: $0) })
    for row in cells { output += line(row) }
    return output
  }
}
