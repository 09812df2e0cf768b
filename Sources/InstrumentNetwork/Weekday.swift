/// A day of the week, numbered as in ISO 8601 (Monday = 1).
public enum Weekday: Int, CaseIterable, Sendable, Hashable, Codable, Comparable {
  case monday = 1
  case tuesday
  case wednesday
  case thursday
  case friday
  case saturday
  case sunday

  /// The three-letter English name, e.g. `Mon`.
  public var shortName: String {
    switch self {
    case .monday: return "Mon"
    case .tuesday: return "Tue"
    case .wednesday: return "Wed"
    case .thursday: return "Thu"
    case .friday: return "Fri"
    case .saturday: return "Sat"
    case .sunday: return "Sun"
    }
  }

  /// The full English name, e.g. `Monday`.
  public var name: String {
    switch self {
    case .monday: return "Monday"
    case .tuesday: return "Tuesday"
    case .wednesday: return "Wednesday"
    case .thursday: return "Thursday"
    case .friday: return "Friday"
    case .saturday: return "Saturday"
    case .sunday: return "Sunday"
    }
  }

  /// The Chinese name, e.g. `周一`.
  public var chineseName: String {
    let numerals = ["一", "二", "三", "四", "五", "六", "日"]
    return "周" + numerals[rawValue - 1]
  }

  /// Days since Monday: 0 for Monday, 6 for Sunday.
  public var offsetFromMonday: Int { rawValue - 1 }

  /// Parses `Mon`, `monday`, `周一` or `星期一`, ignoring case and surrounding whitespace.
  public init(parsing text: String) throws(LabNetError) {
    let key = text.trimmedWhitespace.lowercased()
    let match = Weekday.allCases.first { day in
      key == day.shortName.lowercased() || key == day.name.lowercased()
        || key == day.chineseName || key == "星期" + day.chineseName.dropFirst()
    }
    guard let match else {
      throw .invalidData(
        "weekday must be one of Mon, Tue, Wed, Thu, Fri, Sat, Sun (or the full name); "
          + "got \(quoted(text))")
    }
    self = match
  }

  public static func < (lhs: Weekday, rhs: Weekday) -> Bool {
    lhs.rawValue < rhs.rawValue
  }
}
