/// How often a recurring booking repeats.
public enum RepeatEvery: String, Sendable, Hashable, CaseIterable {
  case daily, weekly

  var days: Int64 { self == .daily ? 1 : 7 }

  /// `daily` or `weekly`, or a refusal naming both.
  public init(parsing text: String) throws(LabNetError) {
    guard let every = RepeatEvery(rawValue: text.trimmedWhitespace.lowercased()) else {
      throw .invalidData("--repeat must be daily or weekly; got \(quoted(text))")
    }
    self = every
  }
}

/// A recurring booking: the first occurrence's time again every day or
/// every week, a number of times or through a last day. China keeps no
/// daylight saving, so a day is always 86,400 seconds.
public struct Recurrence: Sendable, Hashable {
  /// The most occurrences one series may hold.
  public static let maximumOccurrences = 100

  public var every: RepeatEvery
  /// How many occurrences, the first included.
  public var count: Int?
  /// The last day an occurrence may start on (China Standard Time).
  public var lastDay: LocalDate?

  public init(every: RepeatEvery, count: Int? = nil, lastDay: LocalDate? = nil) {
    self.every = every
    self.count = count
    self.lastDay = lastDay
  }

  /// The occurrences of a series whose first is `first`, in order; refused
  /// unless exactly one of count and last day is given and the series holds
  /// from 2 to 100 occurrences.
  public func occurrences(of first: Range<Instant>) throws(LabNetError) -> [Range<Instant>] {
    let step = every.days * 86_400
    guard first.upperBound - first.lowerBound <= step else {
      throw .invalidData(
        "the occurrences of a \(every.rawValue) series would overlap: each may last at most \(every == .daily ? "24h" : "a week")"
      )
    }
    let total: Int
    switch (count, lastDay) {
    case (let count?, nil):
      total = count
    case (nil, let lastDay?):
      let days = lastDay.daysSinceEpoch - first.lowerBound.localDate.daysSinceEpoch
      guard days >= 0 else {
        throw .invalidData(
          "--until \(lastDay.iso) is before the first occurrence (\(first.lowerBound.localDate.iso))"
        )
      }
      total = Int(days / every.days) + 1
    default:
      throw .invalidData("a repeated booking takes --count N or --until DATE (one of them)")
    }
    guard (2...Self.maximumOccurrences).contains(total) else {
      throw .invalidData(
        "a series holds 2 to \(Self.maximumOccurrences) occurrences; this one would hold \(total)")
    }
    return (0..<Int64(total)).map { index in
      (first.lowerBound + index * step)..<(first.upperBound + index * step)
    }
  }
}

/// An occurrence of a series that could not be booked, and why.
public struct SkippedOccurrence: Sendable, Hashable {
  public var interval: Range<Instant>
  public var reason: String

  public init(interval: Range<Instant>, reason: String) {
    self.interval = interval
    self.reason = reason
  }

  /// "2026-12-22T09:00:00+08:00: that time is taken …", for messages.
  public var text: String { "\(interval.lowerBound.iso8601): \(reason)" }
}
