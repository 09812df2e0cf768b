import ArgumentParser
import LabNetPresentation

/// `--limit N` of every list command: at most N rows (default 50).
struct ListLimit: ParsableArguments {
  @Option(help: "At most this many (default 50).") var limit: Int = 50

  func validate() throws {
    if limit < 1 { throw ValidationError("--limit must be 1 or more") }
  }

  /// Under a table cut at the limit, "50 of 812 shown" on standard error.
  /// JSON and CSV stay whole documents on standard output, so nothing is
  /// added to them (nor to their standard error: a script reads the count
  /// it asked for).
  func note(shown: Int, total: @autoclosure () throws -> Int, format: OutputFormat) rethrows {
    guard format == .table, shown >= limit else { return }
    let total = try total()
    guard shown < total else { return }
    var standardError = StandardError()
    print("\(shown) of \(total) shown; --limit N shows more", to: &standardError)
  }
}
