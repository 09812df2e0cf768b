import ArgumentParser
import InstrumentNetwork
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

  @Option(name: .long, help: "Output format: table, json, csv or html.")
  var format: OutputFormat = .table

  static let names: Set<String> = ["--database", "--as", "--format"]

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

  /// Opens the store, runs `body`, and turns any failure into its one-line
  /// message on stderr and the documented exit code.
  func withStore(creating: Bool = false, _ body: (NetworkStore) throws -> Void) throws {
    var store: NetworkStore?
    do {
      let opened = try NetworkStore.open(
        try location, claimedLogin: claimedLogin, creating: creating)
      if let now = environment("LABNET_NOW"), !now.isEmpty {
        // For tests and rehearsals: the rules read this moment as "now".
        let fixed = try Instant(parsing: now)
        opened.now = { fixed }
      }
      store = opened
      try body(opened)
    } catch let exit as ExitCode {
      throw exit
    } catch {
      let failure =
        store?.explain(error) ?? (error as? LabNetError) ?? .storeUnavailable("\(error)")
      throw fail(failure)
    }
  }
}

/// Prints `failure` on stderr and returns the exit code to throw.
func fail(_ failure: LabNetError) -> ExitCode {
  var standardError = StandardError()
  print("labnet: \(failure.message)", to: &standardError)
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
