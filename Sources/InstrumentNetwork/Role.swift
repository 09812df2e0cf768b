/// What an account may do in the network.
///
/// ```swift
/// try Role(parsing: "auditor of ZJ")  // .auditor(.zhejiang)
/// Role.manager(unitID: 12).text       // "manager of unit 12"
/// ```
/// It encodes as its `text`.
public enum Role: Sendable, Hashable, Codable, CustomStringConvertible {
  /// Creates units and accounts, runs seed, import and migrations.
  case admin
  /// Runs one unit's instruments and bookings.
  case manager(unitID: Int64)
  /// Books instruments for the account's own unit.
  case researcher
  /// Reads usage and voucher flows of one province, or of the whole network when nil.
  case auditor(Province?)
  /// Issues one province's innovation vouchers and sets its voucher policy.
  case issuer(Province)

  /// The kind of role without its scope.
  public var kind: RoleKind {
    switch self {
    case .admin: return .admin
    case .manager: return .manager
    case .researcher: return .researcher
    case .auditor: return .auditor
    case .issuer: return .issuer
    }
  }

  /// The role in words, like `manager of unit 12`, `auditor of ZJ` or `auditor of the network`.
  public var text: String {
    switch self {
    case .admin: return "admin"
    case .manager(let unitID): return "manager of unit \(unitID)"
    case .researcher: return "researcher"
    case .auditor(let province?): return "auditor of \(province.code)"
    case .auditor(nil): return "auditor of the network"
    case .issuer(let province): return "issuer of \(province.code)"
    }
  }

  public var description: String { text }

  /// Parses the forms `text` produces; `auditor` alone means the whole network.
  public init(parsing text: String) throws(LabNetError) {
    let words = text.trimmedWhitespace.lowercased().split(whereSeparator: \.isWhitespace)
    let shape = LabNetError.invalidData(
      "role must be admin, researcher, \"manager of unit 12\", \"auditor of ZJ\", "
        + "\"auditor of the network\" or \"issuer of SH\"; got \(quoted(text))")
    guard let first = words.first, let kind = try? RoleKind(parsing: String(first)) else {
      throw shape
    }
    let scope = words.dropFirst().first == "of" ? Array(words.dropFirst(2)) : nil
    switch (kind, scope) {
    case (.admin, nil) where words.count == 1: self = .admin
    case (.researcher, nil) where words.count == 1: self = .researcher
    case (.manager, let scope?):
      guard scope.count == 2, scope[0] == "unit", let id = Int64(scope[1]), id > 0 else {
        throw shape
      }
      self = .manager(unitID: id)
    case (.auditor, nil) where words.count == 1: self = .auditor(nil)
    case (.auditor, let scope?) where Role.networkScopes.contains(scope.joined(separator: " ")):
      self = .auditor(nil)
    case (.auditor, let scope?) where scope.count == 1:
      self = .auditor(try Province(parsing: String(scope[0])))
    case (.issuer, let scope?) where scope.count == 1:
      self = .issuer(try Province(parsing: String(scope[0])))
    default:
      throw shape
    }
  }

  /// Spellings of "the whole network" after `auditor of`.
  private static let networkScopes: Set<String> = ["the network", "network", "all"]

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    do {
      self = try Role(parsing: text)
    } catch {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(text)
  }
}

/// A role without its scope, as named on the command line (`--role manager`).
public enum RoleKind: String, CaseIterable, Sendable, Hashable, Codable {
  case admin
  case manager
  case researcher
  case auditor
  case issuer

  /// Parses `admin`, `manager`, `researcher`, `auditor` or `issuer`, ignoring case.
  public init(parsing text: String) throws(LabNetError) {
    guard let kind = RoleKind(rawValue: text.trimmedWhitespace.lowercased()) else {
      throw .invalidData(
        "role must be one of admin, manager, researcher, auditor, issuer; got \(quoted(text))")
    }
    self = kind
  }
}
