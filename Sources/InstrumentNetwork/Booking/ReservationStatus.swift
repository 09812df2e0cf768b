/// Where a reservation stands in its lifecycle.
public enum ReservationStatus: String, CaseIterable, Sendable, Codable {
  /// Waiting for the lab manager's approval (flagship instruments).
  case pending
  /// Booked.
  case confirmed
  /// Withdrawn by the booker or the manager.
  case cancelled
  /// Refused by the manager.
  case rejected
  /// Used; the charge comes from the actual use.
  case completed
  /// The booker did not come; the quoted fee is charged.
  case noShow = "no_show"

  /// The status in words, for messages: `no-show`, not the key `no_show`.
  public var words: String { rawValue.replacingUnderscores }

  /// Whether the reservation holds its time: no other may overlap it.
  public var holdsTime: Bool { self == .pending || self == .confirmed || self == .completed }

  /// Parses the key, ignoring case; `-` or a space may replace `_`.
  public init(parsing text: String) throws(LabNetError) {
    guard let status = ReservationStatus.allCases.first(where: { $0.rawValue == text.spellingKey })
    else {
      throw .invalidData(
        "status must be one of "
          + ReservationStatus.allCases.map(\.rawValue).joined(separator: ", ")
          + "; got \(quoted(text))")
    }
    self = status
  }
}

extension String {
  /// The text with each `_` a `-`: a key as people write it.
  var replacingUnderscores: String { String(map { $0 == "_" ? "-" : $0 }) }
}
