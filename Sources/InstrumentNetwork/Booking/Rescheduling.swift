/// Moving a booking to another time (`booking move`): the same booking (its
/// id, booker, purpose and vouchers) at a new time, every booking rule checked
/// again and the fee quoted again at the instrument's rate of now.
public enum Rescheduling {
  /// The statuses a booking may be moved from: it has not taken place.
  public static let allowedFrom: [ReservationStatus] = [.pending, .confirmed]

  /// Refuses when a booking in `status` cannot be moved.
  public static func check(_ status: ReservationStatus, bookingID: Int64) throws(LabNetError) {
    guard allowedFrom.contains(status) else {
      throw .refused(
        "booking \(bookingID) is \(status.words); only a pending or confirmed booking can be moved",
        code: "wrong_status")
    }
  }

  /// `booking` at `interval`. `status` is what the booking rules give a new
  /// booking there (pending where the instrument needs approval): an approval
  /// was for the old time, so it holds only when the instrument's manager
  /// (`approver`) makes the move.
  public static func moved(
    _ booking: Reservation, to interval: Range<Instant>, status: ReservationStatus,
    hourlyRate: Money, approver: Int64?, now: Instant
  ) -> Reservation {
    var moved = booking
    moved.start = interval.lowerBound
    moved.end = interval.upperBound
    moved.hourlyRate = hourlyRate
    moved.quotedFee = Money.fee(
      hourlyRate: hourlyRate, seconds: interval.upperBound - interval.lowerBound)
    if status == .pending, let approver {
      moved.status = .confirmed
      moved.approvedBy = approver
      moved.approvedAt = now
    } else {
      moved.status = status
      if status == .pending {
        moved.approvedBy = nil
        moved.approvedAt = nil
      }
    }
    return moved
  }
}
