import ArgumentParser
import InstrumentNetwork
import NetworkStore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension LabNet {
  /// `labnet serve [--listen HOST:PORT] [--workers N]`.
  struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Serve the network over HTTP: the JSON API (docs/server.md).",
      discussion: """
        Listens on 127.0.0.1:8080 by default (port 0 picks a free one) and prints the URL
        when ready; one access-log line per request on stderr. Stops cleanly on SIGINT or
        SIGTERM. People sign in with their labnet password (`labnet account password`).
        The server runs as labnet-serve, installed beside labnet.
        """)
    @Option(help: "Address and port to listen on, like 127.0.0.1:8080.") var listen =
      "127.0.0.1:8080"
    @Option(help: "Store connections and threads for store calls (default 8).") var workers = 8
    @OptionGroup var global: GlobalOptions

    func validate() throws {
      guard (1...256).contains(workers) else { throw ValidationError("--workers must be 1 to 256") }
      guard Self.address(listen) != nil else {
        throw ValidationError("--listen must be HOST:PORT, like 127.0.0.1:8080")
      }
    }

    static func address(_ text: String) -> (host: String, port: Int)? {
      guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
        (0...65_535).contains(port), colon != text.startIndex
      else { return nil }
      return (String(text[..<colon]), port)
    }

    /// Becomes `labnet-serve` (same process, same signals): only the server
    /// links the HTTP stack, so every other command starts as small as before.
    func run() throws {
      guard let (host, port) = Self.address(listen) else { throw ExitCode(64) }
      try reporting {
        let location = try global.location
        let url: String
        switch location {
        case .sqlite(let path): url = "sqlite:" + path
        case .postgres(let text): url = text
        }
        let server = Self.serverBinary()
        guard access(server, X_OK) == 0 else {
          throw LabNetError.storeUnavailable(
            "labnet serve needs labnet-serve beside labnet (\(server)); build it with `swift build --product labnet-serve`"
          )
        }
        let arguments = [server, url, host, String(port), String(workers)]
        var pointers = arguments.map { strdup($0) } + [nil]
        execv(server, &pointers)
        throw LabNetError.storeUnavailable(
          "cannot start \(server): \(String(cString: strerror(errno)))")
      }
    }

    /// `labnet-serve` in the folder of the running `labnet`.
    static func serverBinary() -> String {
      var buffer = [CChar](repeating: 0, count: 4096)
      let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
      let me = count > 0 ? String(cString: buffer) : CommandLine.arguments[0]
      let folder = me.lastIndex(of: "/").map { String(me[..<$0]) } ?? "."
      return folder + "/labnet-serve"
    }
  }
}
