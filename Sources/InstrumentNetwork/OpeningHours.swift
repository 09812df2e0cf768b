/// When an instrument may be booked each week, in China Standard Time.
///
/// ```swift
/// let hours = try OpeningHours(parsing: "Mon-Fri 08:00-20:00; Sat 09:00-12:00")
/// hours.weeklyRanges  // [480..<1200, 1920..<2640, …, 7740..<7920]
/// ```
/// Held as sorted, merged minute ranges of the week (Monday 00:00 = 0); encodes as its `text`.
public struct OpeningHours: Sendable, Hashable, Codable, CustomStringConvertible {
  /// Minutes in a week, 7 × 1440.
  public static let minutesPerWeek = 10_080

  static let minutesPerDay = 1_440

  /// Sorted, non-overlapping, non-adjacent minute-of-week ranges inside `0..<10080`.
  public private(set) var weeklyRanges: [Range<Int>]

  /// Hours made of the given minute-of-week ranges, clamped to the week, sorted and merged.
  public init(weeklyRanges ranges: [Range<Int>]) {
    let clamped = ranges.map { $0.clamped(to: 0..<OpeningHours.minutesPerWeek) }
      .filter { !$0.isEmpty }
      .sorted { $0.lowerBound < $1.lowerBound }
    var merged: [Range<Int>] = []
    for range in clamped {
      if let last = merged.last, range.lowerBound <= last.upperBound {
        merged[merged.count - 1] = last.lowerBound..<Swift.max(last.upperBound, range.upperBound)
      } else {
        merged.append(range)
      }
    }
    weeklyRanges = merged
  }

  /// The network default, `Mon-Fri 08:00-20:00`.
  public static let standard = OpeningHours(
    weeklyRanges: (0..<5).map { day in day * minutesPerDay + 480..<day * minutesPerDay + 1200 })

  /// Always open, `24/7`.
  public static let allWeek = OpeningHours(weeklyRanges: [0..<minutesPerWeek])

  /// Whether the instrument is open around the clock, every day.
  public var is24x7: Bool { weeklyRanges == [0..<OpeningHours.minutesPerWeek] }

  /// Total open minutes in a week.
  public var weeklyOpenMinutes: Int { weeklyRanges.reduce(0) { $0 + $1.count } }

  /// Whether the instrument is open at `instant`.
  public func isOpen(at instant: Instant) -> Bool {
    let minute =
      (instant.weekday.offsetFromMonday) * OpeningHours.minutesPerDay
      + instant.minuteOfDay
    return weeklyRanges.contains { $0.contains(minute) }
  }

  /// The concrete open intervals inside `[from, to)`, merged across midnight and week ends.
  public func openIntervals(from: Instant, to: Instant) -> [Range<Instant>] {
    guard from < to, !weeklyRanges.isEmpty else { return [] }
    let secondsPerWeek = Int64(OpeningHours.minutesPerWeek) * 60
    var weekStart = OpeningHours.mondayMidnight(onOrBefore: from).seconds
    var result: [Range<Instant>] = []
    while weekStart < to.seconds {
      for range in weeklyRanges {
        let lower = Swift.max(weekStart + Int64(range.lowerBound) * 60, from.seconds)
        let upper = Swift.min(weekStart + Int64(range.upperBound) * 60, to.seconds)
        guard lower < upper else { continue }
        if let last = result.last, last.upperBound.seconds >= lower {
          result[result.count - 1] = last.lowerBound..<Instant(seconds: upper)
        } else {
          result.append(Instant(seconds: lower)..<Instant(seconds: upper))
        }
      }
      weekStart += secondsPerWeek
    }
    return result
  }

  /// Whether every moment of the non-empty `interval` is inside opening hours.
  public func covers(_ interval: Range<Instant>) -> Bool {
    guard !interval.isEmpty else { return false }
    return openIntervals(from: interval.lowerBound, to: interval.upperBound) == [interval]
  }

  /// The Monday 00:00 China Standard Time that starts the week of `instant`.
  static func mondayMidnight(onOrBefore instant: Instant) -> Instant {
    let day = instant.localDay - Int64(instant.weekday.offsetFromMonday)
    return LocalDate(daysSinceEpoch: day).startInstant
  }

  public var description: String { text }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    do {
      self = try OpeningHours(parsing: text)
    } catch {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(text)
  }
}
