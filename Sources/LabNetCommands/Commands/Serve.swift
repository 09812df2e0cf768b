import ArgumentParser
import Dispatch
import InstrumentNetwork
import LabNetHTTP
import LabNetPresentation
import LabNetService
import NetworkStore

extension LabNet {
  /// `labnet serve [--listen HOST:PORT] [--workers N]`.
  struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Serve the network over HTTP: the JSON API (docs/server.md).",
      discussion: """
        Listens on 127.0.0.1:8080 by default (port 0 picks a free one) and prints the URL
        when ready; one access-log line per request on stderr. Stops cleanly on SIGINT or
        SIGTERM. People sign in with their labnet password (`labnet account password`).
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

    func run() throws {
      guard let (host, port) = Self.address(listen) else { throw ExitCode(64) }
      try reporting {
        let location = try global.location
        // The server reads its own clock: a request never sets it.
        let service = NetworkService(pool: StorePool(location: location, size: workers))
        _ = try service.expectedSchemaVersion
        let server = LabNetServer(service: service, host: host, port: port, workers: workers)
        let done = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        Task {
          do {
            try await server.run { url in
              Renderer.write("labnet serve: listening on \(url) (\(location))\n")
            }
          } catch {
            failure.error = error
          }
          done.signal()
        }
        done.wait()
        if let error = failure.error {
          throw LabNetError.storeUnavailable("the server stopped: \(error)")
        }
      }
    }
  }
}

/// Where the server's task leaves an error for the waiting thread.
final class FailureBox: @unchecked Sendable {
  var error: (any Error)?
}
