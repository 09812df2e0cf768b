import LabNetPresentation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Renderer {
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
