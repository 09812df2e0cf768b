import ArgumentParser
import InstrumentNetwork
import LabNetPresentation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension LabNet {
  /// `labnet login --server URL [--login LOGIN]`.
  struct Login: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Sign in to a labnet server; later commands with --server act as you.",
      discussion: """
        Reads the password from standard input (asked for without echo on a terminal). \
        Keeps the session's token in ~/.config/labnet/credentials (mode 0600; also \
        $XDG_CONFIG_HOME or LABNET_CREDENTIALS); `labnet logout` forgets it. No database \
        login is needed: the server applies its rules to what you do.
        """)
    @Option(help: "Your labnet login (asked for on a terminal when left out).") var login: String?
    @OptionGroup var global: GlobalOptions

    func run() throws {
      try reporting {
        let (server, remote) = try global.connection(for: "login")
        let name = try login ?? Self.ask("Login: ")
        let password = try Self.secret("Password: ")
        let session = try remote.signIn(server: server, login: name, password: password)
        Renderer.write(
          global.renderer.text(of: [
            Field("server", "Server", .text(server)),
            Field("login", "Signed in as", .text(session.login)),
            Field("expires_at", "Until", .text(session.expiresAt)),
          ]))
      }
    }

    static func ask(_ prompt: String) throws -> String {
      if isatty(0) == 1 { Renderer.write(prompt) }
      guard let line = readLine(strippingNewline: true), !line.isEmpty else {
        throw LabNetError.invalidData("no login given; pass --login LOGIN")
      }
      return line
    }

    /// A line of standard input, not echoed when it is a terminal.
    static func secret(_ prompt: String) throws -> String {
      guard isatty(0) == 1 else { return try readPassword() }
      Renderer.write(prompt)
      var settings = termios()
      tcgetattr(0, &settings)
      var silent = settings
      silent.c_lflag &= ~tcflag_t(ECHO)
      tcsetattr(0, TCSANOW, &silent)
      defer {
        tcsetattr(0, TCSANOW, &settings)
        Renderer.write("\n")
      }
      return try readPassword()
    }
  }

  /// `labnet logout [--server URL]`.
  struct Logout: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Sign out of a labnet server and forget its token.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
      try reporting {
        let (server, remote) = try global.connection(for: "logout")
        let ended = try remote.signOut(server: server)
        Renderer.write(
          global.renderer.text(of: [
            Field("server", "Server", .text(server)),
            Field("signed_out", "Signed out", .flag(ended)),
          ]))
      }
    }
  }
}

extension GlobalOptions {
  /// The server `command` names (`--server` or LABNET_SERVER) and the way to reach it.
  func connection(for command: String) throws -> (server: String, remote: any RemoteConnection) {
    guard let server = serverURL else {
      throw LabNetError.invalidData(
        "name the server: labnet \(command) --server https://labnet.example.cn")
    }
    guard let remote = LabNet.remote else {
      throw LabNetError.storeUnavailable(
        "this labnet cannot reach servers: labnet-remote is not installed beside it")
    }
    return (server, remote)
  }
}
