import ArgumentParser
import InstrumentNetwork
import LabNetPresentation
import LabNetService
import NetworkStore

extension LabNet {
  /// `labnet qualification grant|revoke|list`.
  struct QualificationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "qualification",
      abstract: "Who is trained on which instrument model: grant, revoke, list.",
      discussion: """
        An instrument that needs training (`instrument update ID --training yes`) is booked \
        only by someone holding a valid qualification for its model (manufacturer and \
        model, else its category). A grant by any unit's manager is accepted by every \
        instrument of that model that accepts other units' training (the default; \
        `--external-qualifications no` to refuse them). A qualification holds two years \
        unless --expires says otherwise, and lapses after twelve months without a booking.
        """,
      subcommands: [Grant.self, Revoke.self, List.self])

    struct Grant: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract:
          "Record that a person is trained on the model of an instrument of your unit (its manager)."
      )
      @Argument(help: "The trained person's login.") var login: String
      @Option(help: "An instrument of your unit of that model.") var instrument: Int64
      @Option(help: "Last valid day, like 2028-12-31 (default: two years from now).")
      var expires: String?
      @OptionGroup var global: GlobalOptions

      func run() throws {
        try global.withService { service in
          let grant = QualificationGrant(
            login: login, instrumentID: instrument,
            lastDay: try expires.map { text throws(LabNetError) in try LocalDate(parsing: text) })
          let made = try service.grantQualification(grant, as: global.principal)
          Renderer.write(
            global.renderer.text(
              of: QualificationPresentation.fields(
                of: QualificationEntry(listing: made), now: service.now)))
        }
      }
    }

    struct Revoke: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract:
          "Withdraw what your unit granted a person for the model of an instrument of your unit.")
      @Argument(help: "The person's login.") var login: String
      @Option(help: "An instrument of your unit of that model.") var instrument: Int64
      @OptionGroup var global: GlobalOptions

      func run() throws {
        try global.withService { service in
          let count = try service.revokeQualification(
            login: login, instrumentID: instrument, as: global.principal)
          Renderer.write(
            global.renderer.text(of: [
              Field("login", "Login", .text(login)),
              Field("revoked", "Revoked", .number(Int64(count))),
            ]))
        }
      }
    }

    struct List: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract:
          "List qualifications: yours with where they let you book (--mine), one person's, or those your unit granted."
      )
      @Flag(help: "Your own, with the instruments each lets you book.") var mine = false
      @Option(help: "One person's (a manager: those your units granted).") var login: String?
      @OptionGroup var global: GlobalOptions

      func validate() throws {
        if mine && login != nil { throw ValidationError("give --mine or --login, not both") }
      }

      func run() throws {
        try global.withService { service in
          let found = try service.qualifications(mine: mine, login: login, as: global.principal)
          let now = service.now
          // A table shows the main columns; JSON and CSV carry every key.
          let columns =
            global.format == .table
            ? QualificationPresentation.columns : QualificationPresentation.allColumns
          Renderer.write(
            global.renderer.text(
              of: Listing(
                columns: columns,
                rows: found.map {
                  QualificationPresentation.row(of: $0, now: now, columns: columns)
                })))
        }
      }
    }
  }
}
