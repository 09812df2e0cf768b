/// An amount of renminbi held as integer fen (分), exact end to end.
///
/// ```swift
/// let rate = try Money(yuan: "1200.50")  // Money(fen: 120_050)
/// rate.groupedYuan                        // "1,200.50"
/// ```
/// It encodes as a bare JSON integer of fen.
public struct Money: Sendable, Hashable, Comparable, Codable {
  /// The amount in fen; negative only for ledger refunds and differences.
  public var fen: Int64

  /// An amount of `fen` fen.
  public init(fen: Int64) {
    self.fen = fen
  }

  /// A whole number of yuan; traps if it does not fit in Int64 fen.
  public init(yuanWhole: Int64) {
    let (product, overflow) = yuanWhole.multipliedReportingOverflow(by: 100)
    precondition(!overflow, "Money(yuanWhole: \(yuanWhole)) overflows Int64 fen")
    self.fen = product
  }

  /// No money at all.
  public static let zero = Money(fen: 0)

  /// The largest amount that fits, 92,233,720,368,547,758.07 yuan.
  public static let max = Money(fen: Int64.max)

  /// Parses yuan written as digits with an optional `.` and one or two decimals, like `1200.50`.
  public init(yuan text: String) throws(LabNetError) {
    let trimmed = text.trimmedWhitespace
    let example = "money must be yuan with at most two decimals, like 1200.50; got \(quoted(text))"
    guard !trimmed.isEmpty else { throw .invalidData(example) }
    if trimmed.hasPrefix("-") {
      throw .invalidData("money must not be negative; write yuan like 1200.50; got \(quoted(text))")
    }
    if trimmed.contains(",") {
      throw .invalidData(
        "money must be written without thousands separators, like 1200.50; got \(quoted(text))")
    }
    let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count <= 2, parts.allSatisfy({ $0.allSatisfy(Money.isDigit) }) else {
      throw .invalidData(example)
    }
    let whole = parts[0]
    let decimals = parts.count == 2 ? parts[1] : ""
    guard !whole.isEmpty else {
      throw .invalidData(
        "money needs a digit before the decimal point, like 0.50; got \(quoted(text))")
    }
    if parts.count == 2 && decimals.isEmpty {
      throw .invalidData(
        "money needs one or two digits after the decimal point, like 1200.50; got \(quoted(text))")
    }
    guard decimals.count <= 2 else { throw .invalidData(example) }
    let tooLarge = LabNetError.invalidData(
      "money is too large: at most \(Money.max.groupedYuan) yuan; got \(quoted(text))")
    var fen: Int64 = 0
    for digit in whole.utf8 {
      let (times10, overflow1) = fen.multipliedReportingOverflow(by: 10)
      let (next, overflow2) = times10.addingReportingOverflow(Int64(digit &- 48))
      guard !overflow1, !overflow2 else { throw tooLarge }
      fen = next
    }
    let cents = Int64(decimals.utf8.reduce(0) { $0 * 10 + Int($1 &- 48) })
    let (scaled, overflow1) = fen.multipliedReportingOverflow(by: 100)
    let (total, overflow2) = scaled.addingReportingOverflow(
      decimals.count == 1 ? cents * 10 : cents)
    guard !overflow1, !overflow2 else { throw tooLarge }
    self.fen = total
  }

  private static func isDigit(_ character: Character) -> Bool {
    guard let ascii = character.asciiValue else { return false }
    return ascii >= 48 && ascii <= 57
  }

  /// Yuan with two decimals and no grouping, like `1200.50` or `-3.00`, for JSON and CSV.
  public var yuanText: String {
    let magnitude = fen.magnitude
    let sign = fen < 0 ? "-" : ""
    return "\(sign)\(magnitude / 100).\(padded(magnitude % 100, width: 2))"
  }

  /// Yuan with two decimals and thousands separators, like `1,200.50`, for tables and messages.
  public var groupedYuan: String {
    let magnitude = fen.magnitude
    let sign = fen < 0 ? "-" : ""
    let digits = Array(String(magnitude / 100))
    var grouped = ""
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
      grouped.append(digit)
    }
    return "\(sign)\(grouped).\(padded(magnitude % 100, width: 2))"
  }

  public static func < (lhs: Money, rhs: Money) -> Bool {
    lhs.fen < rhs.fen
  }

  /// The sum; traps on overflow.
  public static func + (lhs: Money, rhs: Money) -> Money {
    Money(fen: lhs.fen + rhs.fen)
  }

  /// The difference; traps on overflow.
  public static func - (lhs: Money, rhs: Money) -> Money {
    Money(fen: lhs.fen - rhs.fen)
  }

  /// The negated amount, as used for refunds in a ledger.
  public static prefix func - (amount: Money) -> Money {
    Money(fen: -amount.fen)
  }

  /// Adds in place; traps on overflow.
  public static func += (lhs: inout Money, rhs: Money) {
    lhs = lhs + rhs
  }

  /// Subtracts in place; traps on overflow.
  public static func -= (lhs: inout Money, rhs: Money) {
    lhs = lhs - rhs
  }

  public init(from decoder: any Decoder) throws {
    fen = try decoder.singleValueContainer().decode(Int64.self)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(fen)
  }
}

extension Money: CustomStringConvertible {
  /// The grouped yuan text, like `1,200.50`.
  public var description: String { groupedYuan }
}

extension Sequence where Element == Money {
  /// The total of all amounts; traps on overflow.
  public func sum() -> Money {
    reduce(.zero, +)
  }
}
