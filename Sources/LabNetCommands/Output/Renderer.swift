import ArgumentParser
import InstrumentNetwork

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How a command prints what it found.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
  case table, json, csv, html
}

/// Renders listings and records in the chosen format to standard output.
struct Renderer {
  let format: OutputFormat
  /// Widest a table cell may be before it is cut with "…".
  var maximumCellWidth = 40

  /// A list: a table, a JSON array of objects, or CSV with a header row.
  func text(of listing: Listing) -> String {
    switch format {
    case .json:
      return JSONText.array(
        listing.rows.map { row in
          JSONText.object(
            zip(listing.columns, row).map { ($0.key, JSONText.value($1)) }, indent: 2)
        }) + "\n"
    case .csv:
      return CSVText.header(listing.columns.map(\.key)) + listing.rows.map(CSVText.line).joined()
    case .table:
      return table(listing)
    case .html:
      return HTMLReport.page(title: "labnet", body: HTMLReport.table(listing))
    }
  }

  /// One record: `Title: value` lines, a JSON object, or a one-row CSV.
  func text(of record: [Field]) -> String {
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
    case .table:
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

  /// Writes `text` to standard output.
  /// Writes to standard output, unbuffered and checked: a full disk or a
  /// closed pipe ends the command with exit 74 and what went wrong.
  static func write(_ text: String) {
    var text = text
    let failure: Int32? = text.withUTF8 { bytes in
      guard let base = bytes.baseAddress else { return nil }
      var offset = 0
      while offset < bytes.count {
        let written = Glibc.write(1, base + offset, bytes.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          return errno
        }
        offset += written
      }
      return nil
    }
    guard let failure else { return }
    var standardError = StandardError()
    print(
      "labnet: cannot write standard output: \(String(cString: strerror(failure)))",
      to: &standardError)
    exit(74)
  }
}
