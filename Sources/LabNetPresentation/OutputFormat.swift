/// How a command prints what it found. `xlsx` is a binary workbook, for
/// documents that have one (the statement); everything else refuses it.
public enum OutputFormat: String, CaseIterable, Sendable {
  case table, json, csv, html, xlsx
}
