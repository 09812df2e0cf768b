import InstrumentNetwork

/// Where the network lives: a SQLite file or a PostgreSQL server.
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
  case sqlite(path: String)
  case postgres(url: String)

  /// The default: `labnet.sqlite` in the current folder.
  public static let standard = StoreLocation.sqlite(path: "labnet.sqlite")

  /// Reads `sqlite:PATH`, a path ending `.sqlite`/`.db`, or `postgres://…`/`postgresql://…`.
  public init(parsing text: String) throws(LabNetError) {
    let lowered = text.lowercased()
    if lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") {
      self = .postgres(url: text)
    } else if lowered.hasPrefix("sqlite:") {
      let path = String(text.dropFirst("sqlite:".count))
      let trimmed = path.hasPrefix("//") ? String(path.dropFirst(2)) : path
      guard !trimmed.isEmpty else {
        throw .invalidData("--database sqlite: needs a file path, like sqlite:labnet.sqlite")
      }
      self = .sqlite(path: trimmed)
    } else if lowered.hasSuffix(".sqlite") || lowered.hasSuffix(".db")
      || lowered.hasSuffix(".sqlite3")
    {
      self = .sqlite(path: text)
    } else {
      throw .invalidData(
        "--database must be sqlite:PATH, a path ending .sqlite or .db, or postgres://…; got \"\(Self.hidingPassword(text))\""
      )
    }
  }

  /// The location for messages, with any password hidden.
  public var description: String {
    switch self {
    case .sqlite(let path): return path
    case .postgres(let url): return Self.hidingPassword(url)
    }
  }

  static func hidingPassword(_ url: String) -> String {
    hidingPasswordParameter(hidingUserPassword(url))
  }

  /// postgres://user:secret@host/db → postgres://user:***@host/db
  private static func hidingUserPassword(_ url: String) -> String {
    guard let scheme = url.firstRange(of: "://"), let at = url.firstRange(of: "@") else {
      return url
    }
    let credentials = url[scheme.upperBound..<at.lowerBound]
    guard let colon = credentials.firstIndex(of: ":") else { return url }
    return String(url[..<colon]) + ":***" + String(url[at.lowerBound...])
  }

  /// …/db?sslmode=require&password=secret → …/db?sslmode=require&password=***
  private static func hidingPasswordParameter(_ url: String) -> String {
    guard let query = url.firstIndex(of: "?") else { return url }
    let parameters = url[url.index(after: query)...].split(
      separator: "&", omittingEmptySubsequences: false
    )
    .map { parameter -> String in
      let key = parameter.split(separator: "=", maxSplits: 1).first ?? ""
      return key.lowercased() == "password" ? "\(key)=***" : String(parameter)
    }
    return String(url[...query]) + parameters.joined(separator: "&")
  }
}
