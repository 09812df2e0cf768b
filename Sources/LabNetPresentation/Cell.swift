import InstrumentNetwork

/// One value in command output, rendered per format: JSON keeps its type,
/// CSV and tables print text.
public enum Cell: Sendable, Hashable {
  case text(String)
  case number(Int64)
  /// Yuan with two decimals: a JSON string such as "1200.50", so no precision is lost.
  case money(Money)
  case flag(Bool)
  case list([String])
  /// Hours from whole seconds, two decimals: "1234.50" in CSV and JSON (a
  /// string), grouped "1,234.50" in tables and HTML.
  case hours(Int64)
  /// A share 0…1: four decimals "0.1818" in CSV and JSON (a string), a
  /// percentage "18.2 %" in tables and HTML.
  case share(Double)
  case none

  public static func number(_ value: Int) -> Cell { .number(Int64(value)) }
  public static func optional(_ value: String?) -> Cell { value.map(Cell.text) ?? .none }
  static func optional(_ value: Int64?) -> Cell { value.map(Cell.number) ?? .none }

  /// How a table shows it: money grouped, flags as yes/no, nothing as "-".
  public var tableText: String {
    switch self {
    case .text(let text): return text
    case .number(let number): return String(number)
    case .money(let money): return money.groupedYuan
    case .flag(let flag): return flag ? "yes" : "no"
    case .list(let items): return items.joined(separator: ", ")
    case .hours(let seconds): return Money(fen: Self.hundredths(seconds)).groupedYuan
    case .share(let value): return Self.percent(value)
    case .none: return "-"
    }
  }

  /// How CSV and JSON write hours and shares: plain numbers.
  var machineText: String? {
    switch self {
    case .hours(let seconds):
      let hundredths = Self.hundredths(seconds)
      let rest = hundredths % 100
      return "\(hundredths / 100).\(rest < 10 ? "0" : "")\(rest)"
    case .share(let value):
      let scaled = Int64((value * 10_000).rounded())
      let digits = String(scaled % 10_000)
      return "\(scaled / 10_000)." + String(repeating: "0", count: 4 - digits.count) + digits
    default: return nil
    }
  }

  /// Hundredths of an hour from seconds, rounded half up (integer arithmetic).
  static func hundredths(_ seconds: Int64) -> Int64 { (seconds * 100 + 1_800) / 3_600 }

  /// A share as a percentage with one decimal: 0.1818 is "18.2 %".
  static func percent(_ value: Double) -> String {
    let tenths = Int64((value * 1_000).rounded())
    return "\(tenths / 10).\(abs(tenths % 10)) %"
  }

  /// Whether a table aligns it to the right.
  public var isNumeric: Bool {
    switch self {
    case .number, .money, .hours, .share: return true
    default: return false
    }
  }
}

/// A named value: `key` is the stable snake_case JSON key and CSV header,
/// `title` the table heading.
public struct Field: Sendable {
  public let key: String
  public let title: String
  public let value: Cell

  public init(_ key: String, _ title: String, _ value: Cell) {
    self.key = key
    self.title = title
    self.value = value
  }
}

/// Rows of fields with the same keys, for list commands.
public struct Listing: Sendable {
  let columns: [(key: String, title: String)]
  let rows: [[Cell]]

  public init(columns: [(key: String, title: String)], rows: [[Cell]]) {
    self.columns = columns
    self.rows = rows
  }

  /// A listing from records that all have the same fields.
  public init(records: [[Field]], columns: [(key: String, title: String)]) {
    self.columns = columns
    self.rows = records.map { $0.map(\.value) }
  }
}
