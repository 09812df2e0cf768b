import InstrumentNetwork

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where an export goes: standard output, or a file written through a
/// temporary file renamed into place at the end, so a reader never sees half
/// an export and a failed one leaves nothing. Writes are buffered; nothing is
/// collected in memory.
final class ExportSink {
  private let file: UnsafeMutablePointer<FILE>
  private let path: String?
  private let temporary: String?
  private var finished = false

  init(path: String?) throws {
    self.path = path
    if let path {
      let temporary = path + ".labnet-\(getpid()).tmp"
      guard let file = fopen(temporary, "wb") else {
        throw LabNetError.storeUnavailable(
          "cannot write \(path): \(String(cString: strerror(errno)))")
      }
      self.file = file
      self.temporary = temporary
    } else {
      guard let file = fdopen(dup(1), "wb") else {
        throw LabNetError.storeUnavailable("cannot write to standard output")
      }
      self.file = file
      self.temporary = nil
    }
    setvbuf(file, nil, _IOFBF, 1 << 16)
  }

  deinit {
    if !finished {
      fclose(file)
      if let temporary { unlink(temporary) }
    }
  }

  func write(_ text: String) {
    var text = text
    text.withUTF8 { _ = fwrite($0.baseAddress, 1, $0.count, file) }
  }

  /// Flushes and, for a file, moves it into place.
  func finish() throws {
    finished = true
    let failed = ferror(file) != 0
    let closed = fclose(file)
    guard let path, let temporary else { return }
    guard !failed, closed == 0, rename(temporary, path) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw LabNetError.storeUnavailable("cannot write \(path): \(reason)")
    }
  }
}
