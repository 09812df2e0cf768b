/// Whether an instrument can be booked now.
public enum InstrumentStatus: String, CaseIterable, Sendable, Codable {
  /// Bookable within its opening hours.
  case inService = "in_service"
  /// Temporarily not bookable.
  case underMaintenance = "under_maintenance"
  /// Permanently withdrawn; never bookable again.
  case retired

  /// The Chinese name, e.g. `在用`.
  public var chineseName: String {
    switch self {
    case .inService: return "在用"
    case .underMaintenance: return "维修中"
    case .retired: return "已退役"
    }
  }

  /// Parses the key or Chinese name, ignoring case; `-` or spaces may replace `_`.
  public init(parsing text: String) throws(LabNetError) {
    let key = text.spellingKey
    let match = InstrumentStatus.allCases.first {
      $0.rawValue == key || $0.chineseName == key
    }
    guard let match else {
      throw .invalidData(
        "instrument status must be one of in_service, under_maintenance, retired; "
          + "got \(quoted(text))")
    }
    self = match
  }
}
