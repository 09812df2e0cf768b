import ArgumentParser
import Foundation
import InstrumentNetwork
import LabNetPresentation
import LabNetService

extension LabNet {
  /// `labnet notify send`: the outbox, delivered by e-mail.
  struct NotifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "notify", abstract: "Deliver people's messages (the outbox) by e-mail.",
      subcommands: [Send.self])

    struct Send: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Send the messages due, by SMTP, at least once each (on the database host).",
        discussion: """
          Each message is claimed, sent (STARTTLS where the server offers it), and only then \
          marked sent; a run killed in between sends it again next time (twice at worst, \
          never not at all). A failure is retried by a later run, waiting 1 minute, then \
          doubling, at most a day. Messages of accounts with no e-mail address \
          (`labnet account email`) stay on the pages and the API. Exits 75 when a message \
          could not be delivered this time.
          """)
      @Option(help: "The SMTP server, HOST:PORT (default: LABNET_SMTP, else 127.0.0.1:25).")
      var smtp: String?
      @Option(help: "The sender's address (default: labnet@localhost).")
      var from = "labnet@localhost"
      @Option(help: "At most this many messages in this run.") var limit = 500
      @OptionGroup var global: GlobalOptions

      func run() throws {
        try global.withLocalService("notify send") { service in
          let server =
            smtp ?? ProcessInfo.processInfo.environment["LABNET_SMTP"] ?? "127.0.0.1:25"
          let report = try service.deliverNotices(
            via: CurlSMTP(server: server), from: try EmailAddress(parsing: from), limit: limit)
          Renderer.write(
            global.renderer.text(of: [
              Field("reminders", "Reminders written", .number(Int64(report.reminders))),
              Field("sent", "Sent", .number(Int64(report.sent))),
              Field("failed", "Failed (retried later)", .number(Int64(report.failed.count))),
              Field(
                "without_address", "No e-mail address", .number(Int64(report.withoutAddress))),
            ]))
          if let first = report.failed.first {
            throw LabNetError.busy(
              "\(report.failed.count) message(s) could not be delivered and will be retried; the first: \(first)",
              code: "mail_refused")
          }
        }
      }
    }
  }
}

extension LabNet.AccountCommand {
  /// `labnet account email LOGIN ADDRESS`.
  struct Email: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Set where an account's messages are e-mailed (the person, or an admin).")
    @Argument(help: "The account's login.") var login: String
    @Argument(help: "The address, like zhangwei@zju.edu.cn.") var address: String
    @OptionGroup var global: GlobalOptions

    func run() throws {
      try global.withService { service in
        let stored = try service.setEmail(login: login, address: address, as: global.principal)
        Renderer.write(
          global.renderer.text(of: [
            Field("login", "Login", .text(login)), Field("email", "E-mail", .text(stored)),
          ]))
      }
    }
  }
}
