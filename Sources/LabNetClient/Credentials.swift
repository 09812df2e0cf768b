import Foundation
import InstrumentNetwork
import LabNetCommands
import LabNetPresentation

/// The tokens `labnet login` keeps, one per server, in
/// `~/.config/labnet/credentials` (or `$XDG_CONFIG_HOME/labnet/credentials`,
/// or the file `LABNET_CREDENTIALS` names): JSON, readable by its owner only.
struct Credentials {
  struct Entry {
    var login: String
    var token: String
  }

  static var path: String {
    let environment = ProcessInfo.processInfo.environment
    if let path = environment["LABNET_CREDENTIALS"], !path.isEmpty { return path }
    let config =
      environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
      ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
    return config + "/labnet/credentials"
  }

  /// A server's address as the file keys it: without a trailing slash.
  static func key(_ server: String) -> String {
    var key = server
    while key.hasSuffix("/") { key.removeLast() }
    return key
  }

  static func all() throws -> [String: Entry] {
    guard let data = FileManager.default.contents(atPath: path) else { return [:] }
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw LabNetError.invalidData(
        "\(path) is not labnet's credentials file; remove it and sign in again")
    }
    var entries: [String: Entry] = [:]
    for (server, value) in object {
      guard let value = value as? [String: Any], let login = value["login"] as? String,
        let token = value["token"] as? String
      else { continue }
      entries[server] = Entry(login: login, token: token)
    }
    return entries
  }

  static func entry(for server: String) throws -> Entry? {
    try all()[key(server)]
  }

  /// Writes the entries, creating the folder; the file is mode 0600 from
  /// its first byte.
  static func save(_ entries: [String: Entry]) throws {
    let file = URL(fileURLWithPath: path)
    do {
      try FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true,
        attributes: [.posixPermissions: 0o700])
      let object = entries.mapValues { ["login": $0.login, "token": $0.token] }
      let data = try JSONSerialization.data(
        withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
      let temporary = path + ".tmp-\(getpid())"
      guard
        FileManager.default.createFile(
          atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600])
      else { throw CocoaError(.fileWriteUnknown) }
      // rename(2) replaces the old file at once: a reader sees the old or the new one.
      guard rename(temporary, path) == 0 else {
        throw LabNetError.outputFailed(String(cString: strerror(errno)))
      }
    } catch {
      throw LabNetError.outputFailed("cannot write \(path): \(error.localizedDescription)")
    }
  }
}

/// What `labnet-remote` gives the CLI: the server's use cases with the
/// token kept for it, and signing in and out.
public struct ClientConnection: RemoteConnection {
  public init() {}

  public func useCases(server: String) throws -> any LabNetUseCases {
    RemoteService(
      server: Credentials.key(server), token: try Credentials.entry(for: server)?.token)
  }

  public func signIn(server: String, login: String, password: String) throws -> (
    login: String, expiresAt: String
  ) {
    let key = Credentials.key(server)
    let reply = try HTTPClient(server: key, token: nil).send(
      "POST", "/session", json: ["login": login, "password": password]
    ).object()
    var entries = try Credentials.all()
    entries[key] = Credentials.Entry(login: try reply.text("login"), token: try reply.text("token"))
    try Credentials.save(entries)
    return (try reply.text("login"), try reply.text("expires_at"))
  }

  public func signOut(server: String) throws -> Bool {
    let key = Credentials.key(server)
    var entries = try Credentials.all()
    guard let entry = entries[key] else { return false }
    // Ending the session on the server is best effort: the token is forgotten anyway.
    _ = try? HTTPClient(server: key, token: entry.token).send("DELETE", "/session")
    entries[key] = nil
    try Credentials.save(entries)
    return true
  }
}
