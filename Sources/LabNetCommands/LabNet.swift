import ArgumentParser
import InstrumentNetwork

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
      VoucherCommand.self, ExportCommand.self, Serve.self,
    ]
  )

  public init() {}

  /// Runs `labnet` with the process arguments, accepting global options
  /// anywhere on the line.
  public static func runFromCommandLine() {
    let arguments = Array(CommandLine.arguments.dropFirst())
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
}
