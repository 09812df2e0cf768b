import NetworkStore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Progress of a long command on one rewritten stderr line, only when stderr
/// is a terminal; silent otherwise (logs and pipes stay clean).
enum ProgressLine {
  static var report: ProgressReport? {
    guard isatty(2) == 1 else { return nil }
    return { phase, done, total in
      var standardError = StandardError()
      let amount = total > 0 ? "\(done)/\(total)" : "\(done)"
      print("\r\u{1B}[2K\(phase): \(amount)", terminator: "", to: &standardError)
      if total > 0 && done == total { print("", to: &standardError) }
    }
  }
}
