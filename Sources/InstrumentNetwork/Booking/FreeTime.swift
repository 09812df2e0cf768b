/// The free-slot algebra: opening hours minus maintenance blocks minus
/// reservations that hold their time, inside a window.
///
/// ```swift
/// let free = FreeTime.slots(open: hours.openIntervals(from: a, to: b), busy: taken, step: 900)
/// let run = FreeTime.firstRun(of: 4 * 3_600, in: free)
/// ```
public enum FreeTime {
  /// `open` minus `busy`, each free interval shrunk to start and end on
  /// `step`-second steps from local midnight (nil: no shrinking). Intervals
  /// shorter than one step vanish. `open` must be sorted and disjoint, as
  /// `OpeningHours.openIntervals` gives them; `busy` may be in any order.
  public static func slots(open: [Range<Instant>], busy: [Range<Instant>], step: Int64?)
    -> [Range<Instant>]
  {
    let taken = merged(busy)
    var free: [Range<Instant>] = []
    var index = 0
    for interval in open {
      var cursor = interval.lowerBound
      while index < taken.count, taken[index].upperBound <= cursor { index += 1 }
      var scan = index
      while cursor < interval.upperBound {
        guard scan < taken.count, taken[scan].lowerBound < interval.upperBound else {
          append(cursor..<interval.upperBound, to: &free, step: step)
          break
        }
        let busy = taken[scan]
        if busy.lowerBound > cursor { append(cursor..<busy.lowerBound, to: &free, step: step) }
        cursor = max(cursor, busy.upperBound)
        scan += 1
      }
    }
    return free
  }

  /// The earliest `seconds`-long run inside `free`, or nil.
  public static func firstRun(of seconds: Int64, in free: [Range<Instant>]) -> Range<Instant>? {
    for interval in free where interval.upperBound - interval.lowerBound >= seconds {
      return interval.lowerBound..<(interval.lowerBound + seconds)
    }
    return nil
  }

  /// Sorted, overlapping and touching intervals joined.
  public static func merged(_ intervals: [Range<Instant>]) -> [Range<Instant>] {
    var result: [Range<Instant>] = []
    for interval in intervals.sorted(by: { $0.lowerBound < $1.lowerBound }) where !interval.isEmpty
    {
      if let last = result.last, interval.lowerBound <= last.upperBound {
        result[result.count - 1] = last.lowerBound..<max(last.upperBound, interval.upperBound)
      } else {
        result.append(interval)
      }
    }
    return result
  }

  private static func append(
    _ interval: Range<Instant>, to free: inout [Range<Instant>], step: Int64?
  ) {
    guard let step, step > 1 else {
      if !interval.isEmpty { free.append(interval) }
      return
    }
    let offset = CivilCalendar.chinaOffsetSeconds
    let lower = ceilingToStep(interval.lowerBound.seconds + offset, step) - offset
    let upper = floorToStep(interval.upperBound.seconds + offset, step) - offset
    if lower < upper { free.append(Instant(seconds: lower)..<Instant(seconds: upper)) }
  }

  private static func floorToStep(_ value: Int64, _ step: Int64) -> Int64 {
    let remainder = value % step
    return remainder >= 0 ? value - remainder : value - remainder - step
  }

  private static func ceilingToStep(_ value: Int64, _ step: Int64) -> Int64 {
    let floor = floorToStep(value, step)
    return floor == value ? value : floor + step
  }
}
