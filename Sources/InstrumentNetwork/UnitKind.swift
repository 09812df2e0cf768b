/// What sort of organisation a member unit (成员单位) is.
public enum UnitKind: String, CaseIterable, Sendable, Codable {
  case university
  case institute
  case enterprise
  case hospital
  case other

  /// The Chinese name, e.g. `高校`.
  public var chineseName: String {
    switch self {
    case .university: return "高校"
    case .institute: return "科研院所"
    case .enterprise: return "企业"
    case .hospital: return "医院"
    case .other: return "其他"
    }
  }

  /// Whether units of this kind may hold innovation vouchers.
  public var holdsVouchers: Bool { self == .enterprise }

  /// Parses the key (`university`, …) or Chinese name (`高校`, …), ignoring case.
  public init(parsing text: String) throws(LabNetError) {
    let key = text.spellingKey
    guard let kind = UnitKind.allCases.first(where: { $0.rawValue == key || $0.chineseName == key })
    else {
      throw .invalidData(
        "unit kind must be one of university, institute, enterprise, hospital, other "
          + "(or 高校, 科研院所, 企业, 医院, 其他); got \(quoted(text))")
    }
    self = kind
  }
}
