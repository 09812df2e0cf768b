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

      Exit codes: 0 done, 64 usage, 65 invalid data, 66 not found, 67 refused by a rule, \
      69 store unavailable, 75 busy, 77 permission.
      """,
    version: "0.1.0",
    subcommands: [
      Init.self, Demo.self, Seed.self, NetworkCommand.self, AccountCommand.self, UnitCommand.self,
      InstrumentCommand.self, AvailabilityCommand.self, Book.self, BookingCommand.self,
      QualificationCommand.self, WaitlistCommand.self, NotifyCommand.self, VoucherCommand.self,
      ExportCommand.self,
      StatementCommand.self,
      Serve.self, Login.self, Logout.self,
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
    let hoisted = hoistingGlobalOptions(arguments)
    do {
      var command = try parseAsRoot(hoisted)
      try command.run()
    } catch {
      // Help (`--help`, `labnet help …`) exits 0 with a message: printed
      // here, its usage line wrapped like the rest (the parser leaves it whole).
      let message = fullMessage(for: error)
      guard exitCode(for: error) == .success, !message.isEmpty else { exit(withError: error) }
      print(wrappingUsage(message, width: helpWidth()))
      Self.exit()
    }
  }

  /// The columns help wraps at: COLUMNS when set, else 80.
  static func helpWidth() -> Int {
    environment("COLUMNS").flatMap { Int($0) }.map { max(40, $0) } ?? 80
  }

  /// `text` with each `USAGE:` line longer than `width` broken between
  /// its words (never inside `[…]` or `<…>`), continued under its first word.
  static func wrappingUsage(_ text: String, width: Int) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
      guard line.hasPrefix("USAGE: "), line.count > width else { return String(line) }
      var words: [String] = []
      var depth = 0
      var word = ""
      for character in line.dropFirst("USAGE: ".count) {
        if character == "[" || character == "<" { depth += 1 }
        if character == "]" || character == ">" { depth -= 1 }
        if character == " " && depth == 0 {
          words.append(word)
          word = ""
        } else {
          word.append(character)
        }
      }
      words.append(word)
      let indent = String(repeating: " ", count: "USAGE: ".count + (words.first?.count ?? 0) + 1)
      var lines: [String] = []
      var current = "USAGE:"
      for word in words where !word.isEmpty {
        if current != "USAGE:" && current.count + 1 + word.count > width {
          lines.append(current)
          current = indent + word
        } else {
          current += " " + word
        }
      }
      lines.append(current)
      return lines.joined(separator: "\n")
    }.joined(separator: "\n")
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
  let me =
    count > 0
    ? String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    : CommandLine.arguments[0]
  let folder = me.lastIndex(of: "/").map { String(me[..<$0]) } ?? "."
  return folder + "/" + name
}
