/// What already holds an instrument's time when a booking or a block wants it.
public enum TimeConflict: Sendable, Hashable {
  /// A maintenance block, with its reason.
  case block(Range<Instant>, reason: String)
  /// A booking that holds its time (who booked it is never said).
  case booking(Range<Instant>)

  /// The refusal a person reads: when, never by whom.
  public func refusal(instrumentID: Int64) -> LabNetError {
    switch self {
    case .block(let time, let reason):
      return .refused(
        "instrument \(instrumentID) is blocked for maintenance from \(time.lowerBound.iso8601) to \(time.upperBound.iso8601) (\(reason))",
        code: "blocked")
    case .booking(let time):
      return Self.slotTaken(instrumentID: instrumentID, time)
    }
  }

  /// "That time is taken", saying when.
  public static func slotTaken(instrumentID: Int64, _ taken: Range<Instant>) -> LabNetError {
    .refused(
      "that time is taken: instrument \(instrumentID) is booked from \(taken.lowerBound.iso8601) to \(taken.upperBound.iso8601)",
      code: "slot_taken", hint: .availability(instrumentID: instrumentID))
  }
}
