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

/// Options every command takes, before or after its name.
struct GlobalOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "sqlite:PATH, a .sqlite/.db path, or postgres://… (also LABNET_DATABASE).",
      valueName: "url"))
  var database: String?

  @Option(
    name: .customLong("as"),
    help: ArgumentHelp("The acting account's login (also LABNET_AS).", valueName: "login"))
  var actor: String?

  @Option(
    name: .customLong("format"),
    help: "Output format: table, json, csv or html (xlsx: labnet statement).")
  var formatGiven: OutputFormat?

  /// The output format asked for, table when none was.
  var format: OutputFormat { formatGiven ?? .table }

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Run the command through a labnet server, as the account `labnet login` signed in (also LABNET_SERVER).",
      valueName: "url"))
  var server: String?

  static let names: Set<String> = ["--database", "--as", "--format", "--server"]

  /// The server to go through, if any: `--server`, else `LABNET_SERVER`.
  var serverURL: String? {
    let url = server ?? environment("LABNET_SERVER")
    return url?.isEmpty == true ? nil : url
  }

  var location: StoreLocation {
    get throws {
      let text = database ?? environment("LABNET_DATABASE")
      guard let text, !text.isEmpty else { return .standard }
      return try StoreLocation(parsing: text)
    }
  }

  var claimedLogin: String? {
    let login = actor ?? environment("LABNET_AS")
    return login?.isEmpty == true ? nil : login
  }

  var renderer: Renderer { Renderer(format: format) }

  /// The principal a command acts as: whoever holds the store, as `--as`.
  var principal: Principal { .storeHolder(claimedLogin: claimedLogin) }

  /// The clock the rules read: `LABNET_NOW` when set (tests and rehearsals).
  func clock() throws -> @Sendable () -> Instant {
    guard let now = environment("LABNET_NOW"), !now.isEmpty else { return { Instant.now() } }
    let fixed = try Instant(parsing: now)
    // A rehearsal's clock is never silent: say so beside the output.
    var standardError = StandardError()
    print("labnet: note: LABNET_NOW fixes the clock at \(fixed.iso8601)", to: &standardError)
    return { fixed }
  }

  /// The service over the store `--database` names (one connection), with
  /// `LABNET_NOW` as its clock. `creating` lets `init` make a missing file.
  func service(creating: Bool = false) throws -> NetworkService {
    NetworkService(
      pool: StorePool(location: try location, size: 1, creating: creating), clock: try clock())
  }

  /// Runs `body` with the use cases — through the server with `--server`,
  /// else over the store — and turns any failure into its one-line message
  /// on stderr and the documented exit code.
  /// `workbook`: the command writes xlsx too (else `--format xlsx` is refused).
  func withService(workbook: Bool = false, _ body: (any LabNetUseCases) throws -> Void) throws {
    try explainingFailures {
      try requireTextFormat(unless: workbook)
      guard let url = serverURL else { return try body(try service()) }
      if database != nil {
        throw LabNetError.invalidData(
          "--database and --server contradict each other: the server holds the store")
      }
      if actor != nil {
        throw LabNetError.invalidData(
          "through a server you act as the account you signed in as (`labnet login --server \(url)`); leave out --as"
        )
      }
      try body(try connection(for: "--server").remote.useCases(server: url))
    }
  }

  /// Runs `body` with the service over the store itself: what only an
  /// operator runs on the database host (init, seed). `creating` lets
  /// `init` make a missing file.
  func withLocalService(
    _ command: String, creating: Bool = false, _ body: (NetworkService) throws -> Void
  ) throws {
    try explainingFailures {
      try requireTextFormat(unless: false)
      if let url = serverURL {
        throw LabNetError.invalidData(
          "labnet \(command) runs on the database host, not through a server (\(url)); leave out --server and LABNET_SERVER"
        )
      }
      try body(try service(creating: creating))
    }
  }

  /// Refuses `--format xlsx` for a command that prints text only.
  private func requireTextFormat(unless workbook: Bool) throws {
    guard format == .xlsx, !workbook else { return }
    throw LabNetError.invalidData(
      "--format xlsx is for labnet statement only; this command prints table, json, csv or html")
  }

  private func explainingFailures(_ body: () throws -> Void) throws {
    do {
      try body()
    } catch let exit as ExitCode {
      throw exit
    } catch {
      throw fail(NetworkStore.explain(error, location: (try? location) ?? .standard))
    }
  }
}

/// Prints `failure` on stderr and returns the exit code to throw.
func fail(_ failure: LabNetError) -> ExitCode {
  var standardError = StandardError()
  print("labnet: \(failure.cliText)", to: &standardError)
  return ExitCode(failure.exitCode)
}

/// Runs `body`, turning a domain error into its message and exit code.
func reporting<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let failure as LabNetError {
    throw fail(failure)
  }
}

func environment(_ name: String) -> String? {
  getenv(name).map { String(cString: $0) }
}

struct StandardError: TextOutputStream {
  mutating func write(_ string: String) {
    var text = string
    text.withUTF8 { bytes in _ = Glibc.write(2, bytes.baseAddress, bytes.count) }
  }
}
