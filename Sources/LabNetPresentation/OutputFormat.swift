/// How a command prints what it found.
public enum OutputFormat: String, CaseIterable, Sendable {
  case table, json, csv, html
}
