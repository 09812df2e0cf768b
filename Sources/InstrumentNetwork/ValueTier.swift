/// The tier an instrument falls in by purchase value; derived, never stored by hand.
///
/// ```swift
/// ValueTier(value: Money(yuanWhole: 12_000_000))  // .flagship
/// ```
public enum ValueTier: String, CaseIterable, Sendable, Codable {
  /// 10,000,000 yuan or more; bookings need the lab manager's approval.
  case flagship
  /// 2,000,000 – 9,999,999.99 yuan.
  case major
  /// 500,000 – 1,999,999.99 yuan, the national "large instrument" bar.
  case large
  /// 300,000 – 499,999.99 yuan, the network's admission bar.
  case standard

  /// The smallest purchase value the network admits, 300,000.00 yuan.
  public static let admissionBar = Money(fen: 30_000_000)
  /// The largest purchase value labnet takes, 10,000,000,000.00 yuan: more
  /// than any instrument costs, small enough that no total can overflow.
  public static let maximumValue = Money(yuanWhole: 10_000_000_000)

  /// The tier of an instrument worth `value`, or nil below the admission bar.
  public init?(value: Money) {
    guard let tier = ValueTier.allCases.first(where: { value >= $0.lowerBound }) else {
      return nil
    }
    self = tier
  }

  /// The smallest value in this tier (inclusive).
  public var lowerBound: Money {
    switch self {
    case .flagship: return Money(yuanWhole: 10_000_000)
    case .major: return Money(yuanWhole: 2_000_000)
    case .large: return Money(yuanWhole: 500_000)
    case .standard: return ValueTier.admissionBar
    }
  }

  /// The first value above this tier (exclusive), nil for flagship.
  public var upperBound: Money? {
    switch self {
    case .flagship: return nil
    case .major: return ValueTier.flagship.lowerBound
    case .large: return ValueTier.major.lowerBound
    case .standard: return ValueTier.large.lowerBound
    }
  }

  /// The Chinese name, e.g. `旗舰`.
  public var chineseName: String {
    switch self {
    case .flagship: return "旗舰"
    case .major: return "重大"
    case .large: return "大型"
    case .standard: return "标准"
    }
  }

  /// Whether bookings of this tier start pending until the lab manager approves them.
  public var needsApproval: Bool { self == .flagship }

  /// Parses a tier key (`flagship`, `major`, `large`, `standard`) or Chinese name, ignoring case.
  public init(parsing text: String) throws(LabNetError) {
    let key = text.spellingKey
    guard
      let tier = ValueTier.allCases.first(where: { $0.rawValue == key || $0.chineseName == key })
    else {
      throw .invalidData(
        "value tier must be one of flagship, major, large, standard; got \(quoted(text))")
    }
    self = tier
  }

  /// The tier of an instrument worth `value`, refusing values below the admission bar.
  public static func admit(value: Money) throws(LabNetError) -> ValueTier {
    guard value <= maximumValue else {
      throw .invalidData(
        "instrument value \(value.groupedYuan) yuan is more than labnet takes: "
          + "at most \(maximumValue.groupedYuan) yuan")
    }
    guard let tier = ValueTier(value: value) else {
      throw .invalidData(
        "instrument value \(value.groupedYuan) yuan is below the network's admission bar "
          + "of \(admissionBar.groupedYuan) yuan")
    }
    return tier
  }
}
