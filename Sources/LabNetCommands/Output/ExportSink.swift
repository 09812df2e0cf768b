import InstrumentNetwork
import NetworkStore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where an export or a calendar goes: standard output, or a file written
/// so that output can never destroy data.
///
/// - A regular file (or a new one) is written to a temporary file beside it,
///   fsynced, and renamed into place at the end: a reader never sees half a
///   file, a failure leaves none, and the temporary file goes if the command
///   is interrupted (SIGINT, SIGTERM, SIGHUP).
/// - A symlink is followed: its target is what gets replaced, never the link.
/// - A device or a FIFO is written through, never renamed over.
/// - The open database itself (or its `-wal`, `-shm`, `-journal`), by any
///   path or symlink, is refused.
///
/// Every write is checked, and so is the final flush: a full disk or a
/// closed pipe is `outputFailed` (exit 74), with what went wrong.
final class ExportSink {
  private let file: UnsafeMutablePointer<FILE>
  /// What messages call the output.
  private let name: String
  /// The temporary file and where it goes, when renaming into place.
  private let replacing: (temporary: String, destination: String)?
  private var failure: Int32 = 0
  private var finished = false

  init(path: String?, store: StoreLocation? = nil) throws {
    guard let path else {
      guard let file = fdopen(dup(1), "wb") else {
        throw LabNetError.outputFailed("cannot write standard output: \(Self.reason(errno))")
      }
      self.file = file
      self.name = "standard output"
      self.replacing = nil
      setvbuf(file, nil, _IOFBF, 1 << 16)
      return
    }
    self.name = path
    let destination = OutputPath.resolved(path)
    if let store, OutputPath.isStoreFile(destination, store: store) {
      throw LabNetError.invalidData(
        "\(path) is the database itself (or one of its files); name another output file")
    }
    var status = stat()
    if stat(destination, &status) == 0 && (status.st_mode & S_IFMT) != S_IFREG {
      // A device, a FIFO or a socket: write through it, never rename over it.
      guard let file = fopen(destination, "wb") else {
        throw LabNetError.outputFailed("cannot write \(path): \(Self.reason(errno))")
      }
      self.file = file
      self.replacing = nil
    } else {
      let temporary = destination + ".labnet-\(getpid()).tmp"
      guard let file = fopen(temporary, "wbx") else {
        throw LabNetError.outputFailed("cannot write \(path): \(Self.reason(errno))")
      }
      self.file = file
      self.replacing = (temporary, destination)
      OutputPath.removeOnSignal(temporary)
    }
    setvbuf(file, nil, _IOFBF, 1 << 16)
  }

  deinit {
    if !finished {
      fclose(file)
      if let replacing {
        unlink(replacing.temporary)
        OutputPath.removeOnSignal(nil)
      }
    }
  }

  func write(_ text: String) {
    guard failure == 0 else { return }
    var text = text
    let count = text.utf8.count
    let written = text.withUTF8 { fwrite($0.baseAddress, 1, $0.count, file) }
    if written != count { failure = errno == 0 ? EIO : errno }
  }

  /// Bytes as they are (a binary document such as xlsx).
  func write(bytes: [UInt8]) {
    guard failure == 0 else { return }
    let written = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
    if written != bytes.count { failure = errno == 0 ? EIO : errno }
  }

  /// Flushes, checks, and for a file fsyncs it and moves it into place.
  func finish() throws {
    finished = true
    defer { OutputPath.removeOnSignal(nil) }
    if failure == 0 && fflush(file) != 0 { failure = errno }
    if failure == 0, replacing != nil, fsync(fileno(file)) != 0 { failure = errno }
    if fclose(file) != 0 && failure == 0 { failure = errno }
    if failure == 0, let replacing, rename(replacing.temporary, replacing.destination) != 0 {
      failure = errno
    }
    guard failure != 0 else { return }
    if let replacing { unlink(replacing.temporary) }
    throw LabNetError.outputFailed("cannot write \(name): \(Self.reason(failure))")
  }

  static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}

/// Path facts for outputs.
enum OutputPath {
  /// The path with symlinks resolved: the file a write would reach (for a
  /// new file, its folder resolved and its name kept).
  static func resolved(_ path: String) -> String {
    if let real = realpath(path, nil) {
      defer { free(real) }
      return String(cString: real)
    }
    let slash = path.lastIndex(of: "/")
    let folder = slash.map { String(path[..<$0]) }.map { $0.isEmpty ? "/" : $0 } ?? "."
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    guard let real = realpath(folder, nil) else { return path }
    defer { free(real) }
    let base = String(cString: real)
    return (base == "/" ? "" : base) + "/" + name
  }

  /// Whether `resolved` is the SQLite store's file or one of its companions.
  static func isStoreFile(_ resolved: String, store: StoreLocation) -> Bool {
    guard case .sqlite(let database) = store else { return false }
    let real = Self.resolved(database)
    return ["", "-wal", "-shm", "-journal"].contains { real + $0 == resolved }
  }

  /// The temporary file a signal removes before the process ends (nil: none).
  static func removeOnSignal(_ path: String?) {
    let old = pendingTemporary
    pendingTemporary = path.map { strdup($0) }
    if let old { free(old) }
    guard path != nil, !handlersInstalled else { return }
    handlersInstalled = true
    for number in [SIGINT, SIGTERM, SIGHUP] {
      signal(number) { received in
        if let temporary = pendingTemporary { unlink(temporary) }
        signal(received, SIG_DFL)
        raise(received)
      }
    }
  }
}

nonisolated(unsafe) private var pendingTemporary: UnsafeMutablePointer<CChar>?
nonisolated(unsafe) private var handlersInstalled = false
