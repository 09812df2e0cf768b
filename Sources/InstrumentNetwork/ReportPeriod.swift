/// The period a report covers, as an auditor writes it: `--month 2026-11`,
/// `--year 2026`, or `--from`/`--to` with times or bare dates, in China
/// Standard Time. A bare `--to` date includes that day; a time is exclusive.
public enum ReportPeriod {
  /// The period the options give, nil when none is given (all bookings).
  public static func parse(
    from: String?, to: String?, month: String? = nil, year: String? = nil
  ) throws(LabNetError) -> Range<Instant>? {
    let given = [from, to, month, year].compactMap { $0 }
    if month != nil || year != nil {
      guard given.count == 1 else {
        throw .invalidData(
          "give one of --month, --year or --from with --to; they name the period in different ways")
      }
      if let month { return try Self.month(month) }
      if let year { return try Self.year(year) }
    }
    guard from != nil || to != nil else { return nil }
    guard let from, let to else {
      throw .invalidData("give both --from and --to, or neither (all bookings)")
    }
    return try BookingRules.interval(from: try start(from), to: try end(to))
  }

  /// `2026-11`: from the first of the month to the first of the next (a
  /// statement's month, the same rule).
  public static func month(_ text: String) throws(LabNetError) -> Range<Instant> {
    try StatementMonth(parsing: text).interval
  }

  /// `2026`: the calendar year.
  public static func year(_ text: String) throws(LabNetError) -> Range<Instant> {
    let trimmed = text.trimmedWhitespace
    guard trimmed.count == 4, let year = Int(trimmed),
      let first = try? LocalDate(year: year, month: 1, day: 1)
    else {
      throw .invalidData("--year must look like 2026; got \(quoted(text))")
    }
    return first.startInstant..<(try LocalDate(year: year + 1, month: 1, day: 1)).startInstant
  }

  /// A start: a bare date is its midnight.
  static func start(_ text: String) throws(LabNetError) -> Instant {
    if let day = try? LocalDate(parsing: text) { return day.startInstant }
    return try Instant(parsing: text)
  }

  /// An end: a bare date includes that day, so the period ends at the next midnight.
  static func end(_ text: String) throws(LabNetError) -> Instant {
    if let day = try? LocalDate(parsing: text) { return day.adding(days: 1).startInstant }
    return try Instant(parsing: text)
  }
}
