import ArgumentParser
import InstrumentNetwork
import LabNetPresentation
import LabNetService

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `labnet`: the shared scientific-instrument network of Shanghai, Jiangsu,
/// Zhejiang and Anhui.
public struct LabNet: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "labnet",
    abstract: "Run the Yangtze River Delta shared scientific-instrument network.",
    discussion: """
      Global options (--database, --as, --format) may stand before or after the command.
      Exit codes: 0 done, 64 usage, 65 invalid data, 66 not found, 67 refused by a rule,
      69 store unavailable, 75 busy, 77 permission.
      """,
    version: "0.1.0",
    subcommands: [
      Init.self, Demo.self, Seed.self, NetworkCommand.self, AccountCommand.self, UnitCommand.self,
      InstrumentCommand.self, AvailabilityCommand.self, Book.self, BookingCommand.self,
      VoucherCommand.self, ExportCommand.self, StatementCommand.self, Serve.self, Login.self,
      Logout.self,
    ]
  )

  public init() {}

  /// How to reach a labnet server: set by `labnet-remote`, the binary that
  /// links the HTTP client, so every other command starts without it.
  nonisolated(unsafe) public static var remote: (any RemoteConnection)?

  /// Runs `labnet` with the process arguments, accepting global options
  /// anywhere on the line.
  public static func runFromCommandLine() {
    let arguments = Array(CommandLine.arguments.dropFirst())
    if remote == nil && goesThroughServer(arguments) { becomeRemote() }
    if let mistake = CommandSpelling.mistake(in: arguments, root: LabNet.self) {
      var standardError = StandardError()
      print("labnet: \(mistake) (`labnet --help` lists the commands)", to: &standardError)
      LabNet.exit(withError: ExitCode(64))
    }
    main(hoistingGlobalOptions(arguments))
  }

  /// Moves global options given before the command name to the end, where
  /// every subcommand's `@OptionGroup` parses them.
  static func hoistingGlobalOptions(_ arguments: [String]) -> [String] {
    var leading: [String] = []
    var index = 0
    while index < arguments.count, arguments[index].hasPrefix("--") {
      let argument = arguments[index]
      let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
      guard GlobalOptions.names.contains(name) else { break }
      leading.append(argument)
      if !argument.contains("="), index + 1 < arguments.count {
        leading.append(arguments[index + 1])
        index += 1
      }
      index += 1
    }
    guard !leading.isEmpty, index < arguments.count else { return arguments }
    let rest = Array(arguments[index...])
    if let terminator = rest.firstIndex(of: "--") {
      return Array(rest[..<terminator]) + leading + Array(rest[terminator...])
    }
    return rest + leading
  }

  /// Whether the command goes through a server: `--server`, LABNET_SERVER,
  /// or login and logout.
  static func goesThroughServer(_ arguments: [String]) -> Bool {
    let options = arguments.prefix { $0 != "--" }
    if options.contains(where: { $0 == "--server" || $0.hasPrefix("--server=") }) { return true }
    if let first = options.first(where: { !$0.hasPrefix("-") }),
      ["login", "logout"].contains(first)
    {
      return true
    }
    return environment("LABNET_SERVER").map { !$0.isEmpty } ?? false
  }

  /// Becomes `labnet-remote` (same arguments, same process), which links
  /// the HTTP client.
  static func becomeRemote() -> Never {
    let binary = siblingBinary("labnet-remote")
    var pointers = CommandLine.arguments.map { strdup($0) } + [nil]
    pointers[0] = strdup(binary)
    execv(binary, &pointers)
    var standardError = StandardError()
    print(
      "labnet: going through a server needs labnet-remote beside labnet (\(binary)): \(String(cString: strerror(errno))); build it with `swift build`",
      to: &standardError)
    LabNet.exit(withError: ExitCode(69))
  }
}

/// A program installed beside the running `labnet`.
func siblingBinary(_ name: String) -> String {
  var buffer = [CChar](repeating: 0, count: 4096)
  let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
  let me = count > 0 ? String(cString: buffer) : CommandLine.arguments[0]
  let folder = me.lastIndex(of: "/").map { String(me[..<$0]) } ?? "."
  return folder + "/" + name
}
