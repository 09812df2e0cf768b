/// How completion turns a booking's time and its actual use into a charge.
public enum BillingBasis: String, Sendable, Hashable, CaseIterable, Codable {
  /// The booked time, whatever was used.
  case booked
  /// The actual use, whatever was booked.
  case actual
  /// The greater of the two: the booked time is the minimum, and an overrun
  /// is charged at the same rate. The network's default.
  case greater

  /// The seconds charged for `booked` seconds booked and `used` seconds used.
  public func chargedSeconds(booked: Int64, used: Int64) -> Int64 {
    switch self {
    case .booked: return booked
    case .actual: return used
    case .greater: return max(booked, used)
    }
  }

  /// The basis named `text` (`booked`, `actual`, `greater`), or a refusal naming the three.
  public init(parsing text: String) throws(LabNetError) {
    guard let basis = BillingBasis(rawValue: text.trimmedWhitespace.lowercased()) else {
      throw .invalidData(
        "the billing basis must be booked, actual or greater; got \(quoted(text))")
    }
    self = basis
  }
}

/// What a booker pays for cancelling shortly before the start: `percent` of
/// the quote when fewer than `hoursBefore` hours are left. A cancellation by
/// the lab (the instrument's manager, an admin) never charges the booker.
public struct LateCancellation: Sendable, Hashable, Codable {
  public var hoursBefore: Int
  public var percent: Int

  /// The network's default: under 24 hours before the start costs half the quote.
  public static let standard = LateCancellation(hoursBefore: 24, percent: 50)

  public init(hoursBefore: Int, percent: Int) {
    self.hoursBefore = hoursBefore
    self.percent = percent
  }

  /// The charge for cancelling at `now` a booking quoted `quote` starting at
  /// `start`, or nil when it is early enough (or the policy charges nothing).
  public func charge(quote: Money, start: Instant, now: Instant) -> Money? {
    guard percent > 0, now > start - Int64(hoursBefore) * 3_600 else { return nil }
    // Rounded half-up to the fen, as every fee is.
    return Money(fen: (quote.fen * Int64(percent) + 50) / 100)
  }

  /// What cancelling `booking` at `now` costs its booker: the charge when
  /// the booker cancels a confirmed booking late; nil when it is early, still
  /// pending, or the lab cancels (`byTheLab`: the instrument's manager, an admin).
  public func charge(cancelling booking: Reservation, byTheLab: Bool, now: Instant) -> Money? {
    guard booking.status == .confirmed, !byTheLab else { return nil }
    return charge(quote: booking.quotedFee, start: booking.start, now: now)
  }

  /// Words for `instrument show`: "under 24 h before the start: 50 % of the quote".
  public var text: String {
    percent == 0 || hoursBefore == 0
      ? "free of charge"
      : "under \(hoursBefore) h before the start: \(percent) % of the quote"
  }
}

/// One instrument's booking rules. Each defaults to the network's value of
/// today, and a lab may only tighten the network's ceilings: a booking lasts
/// at most 72 hours (the schema's CHECK, which availability's index range
/// relies on) and opens at most 90 days ahead.
public struct InstrumentRules: Sendable, Hashable, Codable {
  /// The network's ceilings, also the defaults.
  public static let longestMinutes = 72 * 60
  public static let furthestHorizonDays = 90
  public static let longestNoticeMinutes = 30 * 24 * 60
  public static let longestLateCancellationHours = 30 * 24

  /// Bookings wait for a manager's approval (flagship instruments by default).
  public var approvalRequired: Bool
  /// The longest booking, in minutes.
  public var maximumMinutes: Int
  /// How long before its start a booking must be made, in minutes.
  public var minimumNoticeMinutes: Int
  /// How far ahead a booking may start, in days.
  public var horizonDays: Int
  public var billing: BillingBasis
  public var lateCancellation: LateCancellation
  /// Booking it takes a qualification for its model (`Qualification`).
  public var trainingRequired: Bool
  /// It recognises qualifications granted by other units (the passport); its
  /// own unit's always hold.
  public var acceptsExternalQualifications: Bool

  public init(
    approvalRequired: Bool, maximumMinutes: Int = InstrumentRules.longestMinutes,
    minimumNoticeMinutes: Int = 0, horizonDays: Int = InstrumentRules.furthestHorizonDays,
    billing: BillingBasis = .greater, lateCancellation: LateCancellation = .standard,
    trainingRequired: Bool = false, acceptsExternalQualifications: Bool = true
  ) {
    self.approvalRequired = approvalRequired
    self.maximumMinutes = maximumMinutes
    self.minimumNoticeMinutes = minimumNoticeMinutes
    self.horizonDays = horizonDays
    self.billing = billing
    self.lateCancellation = lateCancellation
    self.trainingRequired = trainingRequired
    self.acceptsExternalQualifications = acceptsExternalQualifications
  }

  /// The network's defaults for an instrument of `tier`: approval for flagship ones.
  public static func standard(for tier: ValueTier) -> InstrumentRules {
    InstrumentRules(approvalRequired: tier.needsApproval)
  }

  public var maximumSeconds: Int64 { Int64(maximumMinutes) * 60 }
  public var minimumNoticeSeconds: Int64 { Int64(minimumNoticeMinutes) * 60 }
  public var horizonSeconds: Int64 { Int64(horizonDays) * 86_400 }

  /// These rules, refused when one is outside what the network allows.
  public func checked() throws(LabNetError) -> InstrumentRules {
    func within(_ value: Int, _ range: ClosedRange<Int>, _ what: String) throws(LabNetError) {
      guard range.contains(value) else {
        throw .invalidData(
          "\(what) must be from \(range.lowerBound) to \(range.upperBound); got \(value)")
      }
    }
    try within(maximumMinutes, 1...Self.longestMinutes, "the maximum booking length in minutes")
    try within(
      minimumNoticeMinutes, 0...Self.longestNoticeMinutes, "the minimum notice in minutes")
    try within(horizonDays, 1...Self.furthestHorizonDays, "the booking horizon in days")
    try within(
      lateCancellation.hoursBefore, 0...Self.longestLateCancellationHours,
      "the late-cancellation window in hours")
    try within(lateCancellation.percent, 0...100, "the late-cancellation charge in percent")
    return self
  }
}

/// Changes to an instrument's rules; nil leaves a rule as it is.
public struct InstrumentRuleChanges: Sendable, Hashable {
  public var approvalRequired: Bool?
  public var maximumMinutes: Int?
  public var minimumNoticeMinutes: Int?
  public var horizonDays: Int?
  public var billing: BillingBasis?
  public var lateCancellationHours: Int?
  public var lateCancellationPercent: Int?
  public var trainingRequired: Bool?
  public var acceptsExternalQualifications: Bool?

  public init(
    approvalRequired: Bool? = nil, maximumMinutes: Int? = nil, minimumNoticeMinutes: Int? = nil,
    horizonDays: Int? = nil, billing: BillingBasis? = nil, lateCancellationHours: Int? = nil,
    lateCancellationPercent: Int? = nil, trainingRequired: Bool? = nil,
    acceptsExternalQualifications: Bool? = nil
  ) {
    self.trainingRequired = trainingRequired
    self.acceptsExternalQualifications = acceptsExternalQualifications
    self.approvalRequired = approvalRequired
    self.maximumMinutes = maximumMinutes
    self.minimumNoticeMinutes = minimumNoticeMinutes
    self.horizonDays = horizonDays
    self.billing = billing
    self.lateCancellationHours = lateCancellationHours
    self.lateCancellationPercent = lateCancellationPercent
  }

  /// Whether any rule changes.
  public var isEmpty: Bool { self == InstrumentRuleChanges() }

  /// `rules` with these changes, checked.
  public func applied(to rules: InstrumentRules) throws(LabNetError) -> InstrumentRules {
    var changed = rules
    changed.approvalRequired = approvalRequired ?? rules.approvalRequired
    changed.maximumMinutes = maximumMinutes ?? rules.maximumMinutes
    changed.minimumNoticeMinutes = minimumNoticeMinutes ?? rules.minimumNoticeMinutes
    changed.horizonDays = horizonDays ?? rules.horizonDays
    changed.billing = billing ?? rules.billing
    changed.lateCancellation.hoursBefore =
      lateCancellationHours ?? rules.lateCancellation.hoursBefore
    changed.lateCancellation.percent = lateCancellationPercent ?? rules.lateCancellation.percent
    changed.trainingRequired = trainingRequired ?? rules.trainingRequired
    changed.acceptsExternalQualifications =
      acceptsExternalQualifications ?? rules.acceptsExternalQualifications
    return try changed.checked()
  }
}

/// The checks on a booking's actual use, as a manager records it.
public enum ActualUse {
  /// How far actual use may reach outside the booking before it is taken for a typo.
  public static let slackSeconds: Int64 = 2 * 3_600

  /// Refuses actual use ending in the future, or more than two hours
  /// before the booking's start or after its end.
  public static func check(_ used: Range<Instant>, of booking: Reservation, now: Instant)
    throws(LabNetError)
  {
    if used.upperBound > now {
      throw .refused(
        "actual use cannot end in the future: its end \(used.upperBound.iso8601) is after now")
    }
    let allowed = (booking.start - slackSeconds)..<(booking.end + slackSeconds)
    if used.lowerBound < allowed.lowerBound || used.upperBound > allowed.upperBound {
      throw .refused(
        "actual use \(used.lowerBound.iso8601) to \(used.upperBound.iso8601) reaches more than 2 hours outside booking \(booking.id) (\(booking.start.iso8601) to \(booking.end.iso8601)); check the times",
        code: "use_out_of_range")
    }
  }

  /// The refusal when actual use runs into `conflict`: another booking or a block.
  public static func overrun(_ conflict: TimeConflict, bookingID: Int64) -> LabNetError {
    switch conflict {
    case .booking(let time):
      return .refused(
        "actual use of booking \(bookingID) runs into another booking, from \(time.lowerBound.iso8601) to \(time.upperBound.iso8601); record the use that fits",
        code: "use_overlaps")
    case .block(let time, let reason):
      return .refused(
        "actual use of booking \(bookingID) runs into a maintenance block, from \(time.lowerBound.iso8601) to \(time.upperBound.iso8601) (\(reason)); record the use that fits",
        code: "use_overlaps")
    }
  }
}
