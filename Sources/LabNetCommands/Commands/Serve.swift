import ArgumentParser
import InstrumentNetwork
import LabNetPresentation
import LabNetService
import NetworkStore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension LabNet {
  /// `labnet serve [--listen HOST:PORT] [--workers N]` and `labnet serve --demo`.
  struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Serve the network over HTTP: the JSON API (docs/server.md).",
      discussion: """
        Listens on 127.0.0.1:8080 by default (port 0 picks a free one) and prints the URL \
        when ready; one access-log line per request on stderr. Stops cleanly on SIGINT or \
        SIGTERM. People sign in with their labnet password (`labnet account password`). \
        The server runs as labnet-serve, installed beside labnet. With --smtp (or \
        LABNET_SMTP) it also delivers the outbox every 30 seconds, as `labnet notify send`.

        --demo serves ./labnet-demo.sqlite, seeding it first when it is missing (the 2018 \
        network, 20,000 past bookings), and gives the demo accounts the password \
        labnet-demo-password, which everyone knows: never use --demo for real data.
        """)
    @Option(help: "Address and port to listen on, like 127.0.0.1:8080.") var listen =
      "127.0.0.1:8080"
    @Option(help: "Store connections and threads for store calls (default 8).") var workers = 8
    @Flag(help: "Serve ./labnet-demo.sqlite, seeding it when missing, with demo passwords.")
    var demo = false
    @Option(
      help:
        "Deliver the outbox by e-mail in the background through this SMTP server, HOST:PORT (as `notify send`; also LABNET_SMTP)."
    )
    var smtp: String?
    @OptionGroup var global: GlobalOptions

    /// The demo's file, in the current folder.
    static let demoFile = "labnet-demo.sqlite"
    /// The password every demo account gets: known to all, for the demo only.
    static let demoPassword = "labnet-demo-password"
    /// Accounts the demo names, one per role (the seed makes them all).
    static let demoLogins: [(role: String, login: String)] = [
      ("admin", "admin"), ("manager of unit 1", "m0001"), ("researcher of unit 1", "r0001"),
      ("voucher issuer, Zhejiang", "issuer-zj"), ("auditor, Shanghai", "auditor-sh"),
      ("auditor, whole network", "auditor"),
    ]

    func validate() throws {
      if global.serverURL != nil {
        throw ValidationError("labnet serve runs on the database host; leave out --server")
      }
      if demo && global.database != nil {
        throw ValidationError("--demo serves ./\(Self.demoFile); leave out --database")
      }
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
        let location = demo ? StoreLocation.sqlite(path: Self.demoFile) : try global.location
        if demo { try prepareDemo() }
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
        if let smtp { setenv("LABNET_SMTP", smtp, 1) }
        let arguments = [server, url, host, String(port), String(workers)]
        var pointers = arguments.map { strdup($0) } + [nil]
        execv(server, &pointers)
        throw LabNetError.storeUnavailable(
          "cannot start \(server): \(String(cString: strerror(errno)))")
      }
    }

    /// `labnet-serve` in the folder of the running `labnet`.
    static func serverBinary() -> String { siblingBinary("labnet-serve") }

    /// Seeds the demo file when it is missing, gives the demo accounts their
    /// password, and says so loudly.
    func prepareDemo() throws {
      let service = NetworkService(
        pool: StorePool(location: .sqlite(path: Self.demoFile), creating: true))
      if try !service.holdsNetwork() {
        Renderer.write(
          "labnet serve --demo: seeding ./\(Self.demoFile) (the 2018 network; ~20 s)…\n")
        _ = try service.initialise()
        _ = try service.seed(
          SeedRequest(seed: 2018, scale: 1, replace: false, bookings: 20_000),
          as: .storeHolder(claimedLogin: "admin"), progress: ProgressLine.report)
      }
      for (_, login) in Self.demoLogins {
        try service.setPassword(
          login: login, password: Self.demoPassword, as: .storeHolder(claimedLogin: "admin"))
      }
      var text = """

        ************************************************************************
        DEMO ONLY: these accounts have the password \(Self.demoPassword),
        which everyone knows. Never serve real data with --demo.

        """
      for (role, login) in Self.demoLogins {
        text += "  " + login + String(repeating: " ", count: max(1, 12 - login.count)) + role + "\n"
      }
      text += """
        Sign in: curl -X POST URL/api/v1/session -H 'Content-Type: application/json' \\
                   -d '{"login":"r0001","password":"\(Self.demoPassword)"}'
        ************************************************************************


        """
      Renderer.write(text)
    }
  }
}
