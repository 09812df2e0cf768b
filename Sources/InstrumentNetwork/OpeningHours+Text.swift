/// The text form of opening hours: `24/7`, or segments like `Mon-Fri 08:00-20:00; Sat 09:00-12:00`.
extension OpeningHours {
  /// Parses `24/7`, `closed`, or segments of days and `HH:MM-HH:MM` times separated by `;` or `,`.
  ///
  /// Days are single (`Sat`), ranges (`Mon-Fri`) or lists (`Mon,Wed`); a day may have several
  /// times (`Mon-Fri 08:00-12:00,13:00-17:00`); `24:00` may end a time; overlaps are merged.
  public init(parsing text: String) throws(LabNetError) {
    let trimmed = text.trimmedWhitespace
    switch trimmed.lowercased() {
    case "24/7": self = .allWeek
    case "closed": self = OpeningHours(weeklyRanges: [])
    default: self = OpeningHours(weeklyRanges: try OpeningHours.parseSegments(trimmed, text))
    }
  }

  private static func shapeError(_ text: String) -> LabNetError {
    .invalidData(
      "opening hours must look like \"Mon-Fri 08:00-20:00\" or \"24/7\" "
        + "(several segments separated by \";\"); got \(quoted(text))")
  }

  private static func parseSegments(_ trimmed: String, _ text: String) throws(LabNetError)
    -> [Range<Int>]
  {
    var ranges: [Range<Int>] = []
    var lastDays: [Weekday] = []
    for segment in trimmed.split(separator: ";", omittingEmptySubsequences: false) {
      var pendingDays: [Weekday] = []
      for item in segment.split(separator: ",", omittingEmptySubsequences: false) {
        let words = item.split(whereSeparator: \.isWhitespace)
        guard let first = words.first else { throw shapeError(text) }
        var days = pendingDays
        var times = words[...]
        if let named = parseDays(first) {
          days += named
          times = words.dropFirst()
        } else if days.isEmpty {
          days = lastDays
        }
        guard !days.isEmpty else { throw shapeError(text) }
        if times.isEmpty {
          pendingDays = days
          continue
        }
        for word in times {
          let daily = try parseTimes(word, text)
          ranges += days.map { day in
            let base = day.offsetFromMonday * minutesPerDay
            return base + daily.lowerBound..<base + daily.upperBound
          }
        }
        lastDays = days
        pendingDays = []
      }
      guard pendingDays.isEmpty else { throw shapeError(text) }
    }
    return ranges
  }

  /// `Mon` or a range `Mon-Fri` (which may wrap, like `Sat-Mon`); nil if not days.
  private static func parseDays(_ word: Substring) -> [Weekday]? {
    let ends = word.split(separator: "-", omittingEmptySubsequences: false)
    guard ends.count <= 2, let first = try? Weekday(parsing: String(ends[0])) else { return nil }
    guard ends.count == 2 else { return [first] }
    guard let last = try? Weekday(parsing: String(ends[1])) else { return nil }
    let count = (last.offsetFromMonday - first.offsetFromMonday + 7) % 7 + 1
    return (0..<count).compactMap { Weekday(rawValue: (first.offsetFromMonday + $0) % 7 + 1) }
  }

  /// `HH:MM-HH:MM` as minutes of the day; `24:00` may only end a time.
  private static func parseTimes(_ word: Substring, _ text: String) throws(LabNetError)
    -> Range<Int>
  {
    var cursor = TextCursor(word)
    guard let startHour = cursor.digits(2), cursor.take(UInt8(ascii: ":")),
      let startMinute = cursor.digits(2), cursor.take(UInt8(ascii: "-")),
      let endHour = cursor.digits(2), cursor.take(UInt8(ascii: ":")),
      let endMinute = cursor.digits(2), cursor.isAtEnd
    else { throw shapeError(text) }
    guard startHour < 24, startMinute < 60, endMinute < 60,
      endHour < 24 || endHour == 24 && endMinute == 0
    else {
      throw .invalidData(
        "opening times must be between 00:00 and 24:00, like 08:00-20:00; "
          + "got \(quoted(String(word))) in \(quoted(text))")
    }
    let start = startHour * 60 + startMinute
    let end = endHour * 60 + endMinute
    guard start < end else {
      throw .invalidData(
        "opening time \(quoted(String(word))) must start before it ends (write overnight hours "
          + "as two days, like \"Mon 20:00-24:00; Tue 00:00-08:00\"); got \(quoted(text))")
    }
    return start..<end
  }

  /// The canonical text, like `Mon-Fri 08:00-20:00; Sat 09:00-12:00`, `24/7` or `closed`.
  public var text: String {
    if is24x7 { return "24/7" }
    if weeklyRanges.isEmpty { return "closed" }
    var groups: [(days: [Int], times: [Range<Int>])] = []
    for day in 0..<7 {
      let times = dailyRanges(day: day)
      guard !times.isEmpty else { continue }
      if let index = groups.firstIndex(where: { $0.times == times }) {
        groups[index].days.append(day)
      } else {
        groups.append(([day], times))
      }
    }
    return groups.map { group in
      let times = group.times.map { "\(clock($0.lowerBound))-\(clock($0.upperBound))" }
      return "\(daysText(group.days)) \(times.joined(separator: ","))"
    }.joined(separator: "; ")
  }

  /// The open minutes of day `day` (0 = Monday), as minutes since that midnight.
  private func dailyRanges(day: Int) -> [Range<Int>] {
    let dayRange = day * OpeningHours.minutesPerDay..<(day + 1) * OpeningHours.minutesPerDay
    return weeklyRanges.compactMap { range in
      let part = range.clamped(to: dayRange)
      guard !part.isEmpty else { return nil }
      return part.lowerBound - dayRange.lowerBound..<part.upperBound - dayRange.lowerBound
    }
  }

  /// Sorted day offsets as `Mon-Fri`, `Mon,Wed` or `Mon-Wed,Fri`.
  private func daysText(_ days: [Int]) -> String {
    var runs: [ClosedRange<Int>] = []
    for day in days {
      if let last = runs.last, last.upperBound + 1 == day {
        runs[runs.count - 1] = last.lowerBound...day
      } else {
        runs.append(day...day)
      }
    }
    let names = Weekday.allCases.map(\.shortName)
    return runs.map { run in
      run.count == 1 ? names[run.lowerBound] : "\(names[run.lowerBound])-\(names[run.upperBound])"
    }.joined(separator: ",")
  }

  private func clock(_ minute: Int) -> String {
    "\(padded(minute / 60, width: 2)):\(padded(minute % 60, width: 2))"
  }
}
