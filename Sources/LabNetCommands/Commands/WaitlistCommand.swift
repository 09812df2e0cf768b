import ArgumentParser
import InstrumentNetwork
import LabNetPresentation
import LabNetService
import NetworkStore

extension LabNet {
  /// `labnet waitlist join|leave|list`.
  struct WaitlistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "waitlist",
      abstract: "Wait for time on a busy instrument: join, leave, list.",
      discussion: """
        A waiter waits for any free run of --duration inside the window. When time frees up \
        (a cancellation, a rejection, a removed block, a moved booking), the earliest waiter \
        whose run now fits is booked in the same transaction, under every booking rule, and \
        gets a message; a waiter the rules now refuse, or whose window has passed, is taken \
        off and told why.
        """,
      subcommands: [Join.self, Leave.self, List.self])

    struct Join: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Wait for a free run of an instrument inside a window.")
      @Argument(help: "The instrument's id.") var id: Int64
      @OptionGroup var window: TimeWindow
      @Option(help: "How long a run you need, like 2h or 90m.") var duration: String
      @Option(help: "What the time is for.") var purpose: String?
      @OptionGroup var global: GlobalOptions

      func run() throws {
        try global.withService { service in
          let entry = try service.joinWaitlist(
            WaitlistRequest(
              instrumentID: id, window: try window.interval,
              minutes: Int(try BookingDuration(parsing: duration).minutes), purpose: purpose),
            as: global.principal)
          Renderer.write(global.renderer.text(of: WaitlistPresentation.fields(of: entry)))
        }
      }
    }

    struct Leave: ParsableCommand {
      static let configuration = CommandConfiguration(abstract: "Stop waiting.")
      @Argument(help: "The waitlist entry's id.") var entry: Int64
      @OptionGroup var global: GlobalOptions

      func run() throws {
        try global.withService { service in
          let left = try service.leaveWaitlist(entryID: entry, as: global.principal)
          Renderer.write(global.renderer.text(of: WaitlistPresentation.fields(of: left)))
        }
      }
    }

    struct List: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Your entries, and those of the instruments you manage.")
      @OptionGroup var global: GlobalOptions

      func run() throws {
        try global.withService { service in
          let entries = try service.waitlist(as: global.principal)
          Renderer.write(
            global.renderer.text(
              of: Listing(
                columns: WaitlistPresentation.columns,
                rows: entries.map(WaitlistPresentation.row(of:)))))
        }
      }
    }
  }
}
