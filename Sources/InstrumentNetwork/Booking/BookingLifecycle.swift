/// A change to a booking after it was made, and the lifecycle's transitions:
/// which statuses it may leave from and which it leads to.
public enum BookingAction: String, Sendable, CaseIterable {
  case cancel, approve, reject, complete
  case noShow = "no-show"

  /// The statuses a booking may be in for this change.
  public var allowedFrom: [ReservationStatus] {
    switch self {
    case .cancel: return [.pending, .confirmed]
    case .approve, .reject: return [.pending]
    case .complete, .noShow: return [.confirmed]
    }
  }

  /// The status the change leads to.
  public var result: ReservationStatus {
    switch self {
    case .cancel: return .cancelled
    case .approve: return .confirmed
    case .reject: return .rejected
    case .complete: return .completed
    case .noShow: return .noShow
    }
  }

  /// Whether only the manager of the instrument's unit (or an admin) may do it.
  public var needsManager: Bool { self != .cancel }

  /// The action in words, for messages: "approve booking 12".
  public func phrase(_ bookingID: Int64) -> String {
    switch self {
    case .noShow: return "mark booking \(bookingID) as a no-show"
    default: return "\(rawValue) booking \(bookingID)"
    }
  }

  private var passive: String {
    switch self {
    case .cancel: return "be cancelled"
    case .approve: return "be approved"
    case .reject: return "be rejected"
    case .complete: return "be completed"
    case .noShow: return "be marked a no-show"
    }
  }

  /// Refuses when a booking in `status` cannot take this change.
  public func check(_ status: ReservationStatus, bookingID: Int64) throws(LabNetError) {
    guard allowedFrom.contains(status) else {
      throw .refused(
        "booking \(bookingID) is \(status.words); only a "
          + allowedFrom.map(\.words).joined(separator: " or ") + " booking can \(passive)",
        code: "wrong_status")
    }
  }
}

extension ReservationStatus {
  /// The statuses that hold an instrument's time: no other booking may overlap
  /// them. The schema's overlap trigger and exclusion constraint name the
  /// same three; a store test checks they agree.
  public static let holdingTime: [ReservationStatus] = allCases.filter(\.holdsTime)

  /// The statuses a voucher may still be applied in (before completion).
  public static let payable: [ReservationStatus] = [.pending, .confirmed]
}
