/// A length of time written like `90m`, `4h` or `1h30m`.
public struct BookingDuration: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  /// The length in seconds.
  public var seconds: Int64

  /// A duration of `seconds` seconds.
  public init(seconds: Int64) {
    self.seconds = seconds
  }

  /// A duration of `minutes` minutes.
  public init(minutes: Int64) {
    self.seconds = minutes * 60
  }

  /// The length in whole minutes.
  public var minutes: Int64 { seconds / 60 }

  /// Parses `90m`, `4h` or `1h30m` (minutes below 60 when hours are given); refuses zero.
  public init(parsing text: String) throws(LabNetError) {
    let trimmed = text.trimmedWhitespace.lowercased()
    let shape = LabNetError.invalidData(
      "duration must look like 90m, 4h or 1h30m; got \(quoted(text))")
    var cursor = TextCursor(Substring(trimmed))
    var hours: Int?
    var minutes: Int?
    guard let first = cursor.number() else { throw shape }
    if cursor.take(UInt8(ascii: "h")) {
      hours = first
      if !cursor.isAtEnd {
        guard let second = cursor.number(), cursor.take(UInt8(ascii: "m")) else { throw shape }
        minutes = second
      }
    } else if cursor.take(UInt8(ascii: "m")) {
      minutes = first
    } else {
      throw shape
    }
    guard cursor.isAtEnd else { throw shape }
    if hours != nil, let minutes, minutes >= 60 {
      throw .invalidData(
        "duration minutes must be below 60 after hours, like 2h30m; got \(quoted(text))")
    }
    let total = Int64(hours ?? 0) * 3600 + Int64(minutes ?? 0) * 60
    guard total > 0 else {
      throw .invalidData("duration must be longer than zero, like 30m; got \(quoted(text))")
    }
    self.seconds = total
  }

  /// The canonical text, like `1h30m`, `4h` or `45m` (with `s` only for odd seconds).
  public var text: String {
    guard seconds > 0 else {
      return seconds == 0 ? "0m" : "-" + BookingDuration(seconds: -seconds).text
    }
    let hours = seconds / 3600
    let minutes = seconds % 3600 / 60
    let rest = seconds % 60
    var text = hours > 0 ? "\(hours)h" : ""
    if minutes > 0 || (hours == 0 && rest == 0) { text += "\(minutes)m" }
    if rest > 0 { text += "\(rest)s" }
    return text
  }

  public var description: String { text }

  public static func < (lhs: BookingDuration, rhs: BookingDuration) -> Bool {
    lhs.seconds < rhs.seconds
  }

  public init(from decoder: any Decoder) throws {
    seconds = try decoder.singleValueContainer().decode(Int64.self)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(seconds)
  }
}
