/// A booking of one instrument for a half-open interval `[start, end)`.
public struct Reservation: Sendable, Hashable, Codable {
  public var id: Int64
  public var instrumentID: Int64
  public var bookerID: Int64
  /// The booker's unit when the booking was made.
  public var bookerUnitID: Int64
  public var start: Instant
  public var end: Instant
  public var purpose: String
  public var status: ReservationStatus
  /// The instrument's hourly rate when it was booked: the quote, and any
  /// charge for actual use, hold to it whatever the rate becomes later.
  public var hourlyRate: Money
  /// Hourly rate × booked duration, rounded half-up to the fen.
  public var quotedFee: Money
  /// Actual use, once completed.
  public var usedFrom: Instant?
  public var usedTo: Instant?
  /// What is charged: from actual use when completed, the quoted fee for a no-show.
  public var chargedFee: Money?
  /// Why it was cancelled or rejected, when it was.
  public var statusReason: String?
  /// When it was made (nil only before the store has it).
  public var createdAt: Instant?
  /// Who approved it and when, for a booking that needed approval.
  public var approvedBy: Int64?
  public var approvedAt: Instant?

  public init(
    id: Int64, instrumentID: Int64, bookerID: Int64, bookerUnitID: Int64, start: Instant,
    end: Instant, purpose: String, status: ReservationStatus, hourlyRate: Money,
    quotedFee: Money, usedFrom: Instant? = nil, usedTo: Instant? = nil, chargedFee: Money? = nil,
    statusReason: String? = nil, createdAt: Instant? = nil, approvedBy: Int64? = nil,
    approvedAt: Instant? = nil
  ) {
    self.id = id
    self.instrumentID = instrumentID
    self.bookerID = bookerID
    self.bookerUnitID = bookerUnitID
    self.start = start
    self.end = end
    self.purpose = purpose
    self.status = status
    self.hourlyRate = hourlyRate
    self.quotedFee = quotedFee
    self.usedFrom = usedFrom
    self.usedTo = usedTo
    self.chargedFee = chargedFee
    self.statusReason = statusReason
    self.createdAt = createdAt
    self.approvedBy = approvedBy
    self.approvedAt = approvedAt
  }

  /// The booked interval.
  public var interval: Range<Instant> { start..<end }
}

extension Reservation {
  /// A booking of `interval` on `instrument` not yet stored, quoted at the
  /// instrument's rate of now (which it keeps).
  public static func new(
    _ interval: Range<Instant>, of instrument: Instrument, by bookerID: Int64,
    for bookerUnitID: Int64, purpose: String, status: ReservationStatus
  ) -> Reservation {
    Reservation(
      id: 0, instrumentID: instrument.id, bookerID: bookerID, bookerUnitID: bookerUnitID,
      start: interval.lowerBound, end: interval.upperBound, purpose: purpose, status: status,
      hourlyRate: instrument.hourlyRate,
      quotedFee: Money.fee(
        hourlyRate: instrument.hourlyRate, seconds: interval.upperBound - interval.lowerBound))
  }
}
