import ArgumentParser
import InstrumentNetwork
import LabNetPresentation
import LabNetService

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension LabNet.AccountCommand {
  /// `labnet account password LOGIN [--generate]`.
  struct Password: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Set an account's password for signing in to `labnet serve` (admin only).",
      discussion: """
        Reads the new password from standard input (one line, 10 to 72 bytes), or with \
        --generate makes one and prints it once. Stored as a bcrypt hash; the account's \
        sessions end.
        """)
    @Argument(help: "The account's login.") var login: String
    @Flag(help: "Make a random password and print it.") var generate = false
    @OptionGroup var global: GlobalOptions

    func run() throws {
      try global.withService { service in
        let password = generate ? Self.generated() : try readPassword()
        try service.setPassword(login: login, password: password, as: global.principal)
        var record = [Field("login", "Login", .text(login))]
        if generate { record.append(Field("password", "Password", .text(password))) }
        Renderer.write(global.renderer.text(of: record))
      }
    }

    /// 20 characters from 57 that cannot be mistaken for each other (~117 bits).
    static func generated() -> String {
      let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")
      var random = SystemRandomNumberGenerator()
      return String(
        (0..<20).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] })
    }
  }
}

/// One line of standard input, without its line end: a password never
/// appears on the command line, where `ps` would show it.
func readPassword() throws -> String {
  guard let line = readLine(strippingNewline: true) else {
    throw LabNetError.invalidData("no password on standard input; pipe one line in")
  }
  return line.hasSuffix("\r") ? String(line.dropLast()) : line
}
