import ArgumentParser
import InstrumentNetwork
import LabNetPresentation
import LabNetService
import NetworkStore

extension LabNet {
  /// `labnet network stats`.
  struct NetworkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "network", abstract: "Figures about the whole network.",
      subcommands: [Stats.self])

    struct Stats: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Units, instruments, total value, tiers and provinces; no account needed.")
      @OptionGroup var global: GlobalOptions

      func run() throws {
        try global.withService { service in
          Renderer.write(
            NetworkPresentation.text(of: try service.statistics(), format: global.format))
        }
      }
    }
  }
}
