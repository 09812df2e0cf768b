import ArgumentParser
import Foundation
import Testing

@testable import LabNetCommands
@testable import LabNetPresentation

@Suite("Help text fits 80 columns")
struct HelpWidthTests {
  /// Every command's path below `labnet`, groups and leaves: ["instrument", "import"], ….
  static func paths(of command: ParsableCommand.Type, prefix: [String] = []) -> [[String]] {
    command.configuration.subcommands.flatMap { sub -> [[String]] in
      let path = prefix + [sub._commandName]
      return [path] + paths(of: sub, prefix: path)
    }
  }

  static let commands = [[]] + paths(of: LabNet.self)

  @Test("the walk finds every command group and leaf")
  func walk() {
    #expect(Self.commands.contains(["instrument", "import"]))
    #expect(Self.commands.contains(["voucher", "policy", "set"]))
    #expect(Self.commands.count > 30, "\(Self.commands)")
  }

  @Test("`labnet CMD --help` and `labnet help CMD` wrap at 80 columns (COLUMNS=80)")
  func fits() throws {
    var checked = 0
    for path in Self.commands {
      for arguments in [path + ["--help"], ["help"] + path] {
        let outcome = try LabNetProcess.run(arguments, environment: ["COLUMNS": "80"])
        #expect(outcome.status == 0, "labnet \(arguments.joined(separator: " ")): \(outcome)")
        #expect(!outcome.stdout.isEmpty, "labnet \(arguments.joined(separator: " "))")
        for line in outcome.stdout.split(separator: "\n", omittingEmptySubsequences: false) {
          #expect(
            displayWidth(of: String(line)) <= 80,
            "labnet \(arguments.joined(separator: " ")): \(displayWidth(of: String(line))) columns: \(line)"
          )
        }
        checked += 1
      }
    }
    #expect(checked == 2 * Self.commands.count)
  }
}
