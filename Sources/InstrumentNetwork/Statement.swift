/// A calendar month in China Standard Time, like `2026-11`.
public struct StatementMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
  public var year: Int
  /// 1–12.
  public var month: Int

  /// Parses `YYYY-MM`, like `2026-11`.
  public init(parsing text: String) throws(LabNetError) {
    let trimmed = text.trimmedWhitespace
    var cursor = TextCursor(Substring(trimmed))
    guard let year = cursor.digits(4), cursor.take(UInt8(ascii: "-")),
      let month = cursor.digits(2), cursor.isAtEnd
    else {
      throw .invalidData("month must look like 2026-11 (YYYY-MM); got \(quoted(text))")
    }
    try LocalDate.validate(year: year, month: month, day: 1, in: text)
    self.year = year
    self.month = month
  }

  /// The first day of the month.
  public var firstDay: LocalDate {
    LocalDate(daysSinceEpoch: CivilCalendar.daysFromCivil(year: year, month: month, day: 1))
  }

  /// `[00:00 on the 1st, 00:00 on the 1st of the next month)`, China Standard Time.
  public var interval: Range<Instant> {
    let days = Int64(CivilCalendar.daysInMonth(year: year, month: month))
    let first = firstDay
    return first.startInstant..<LocalDate(daysSinceEpoch: first.daysSinceEpoch + days).startInstant
  }

  /// `YYYY-MM`.
  public var text: String { "\(padded(year, width: 4))-\(padded(month, width: 2))" }
  public var description: String { text }

  public static func < (lhs: StatementMonth, rhs: StatementMonth) -> Bool {
    (lhs.year, lhs.month) < (rhs.year, rhs.month)
  }
}

/// Which side of its bookings a statement shows a unit.
public enum StatementSide: String, Sendable, Hashable, CaseIterable {
  /// What other units (and the unit itself) owe for the unit's instruments.
  case provider
  /// What the unit owes for its people's bookings, per instrument's unit.
  case customer
}

/// A unit as a statement names it: the other side of a line.
public struct StatementParty: Sendable, Hashable {
  public var id: Int64
  public var name: String
  public var province: Province

  public init(id: Int64, name: String, province: Province) {
    self.id = id
    self.name = name
    self.province = province
  }
}

/// One charged booking on a statement (结算单).
public struct StatementLine: Sendable, Hashable {
  public var bookingID: Int64
  public var instrumentID: Int64
  public var instrumentName: String
  /// The other side: the booker's unit on a provider's statement, the
  /// instrument's unit on a customer's.
  public var counterpart: StatementParty
  public var bookerLogin: String
  public var start: Instant
  public var end: Instant
  public var status: ReservationStatus
  /// The time charged for, in seconds: actual use of a completed booking,
  /// the booked time otherwise (a no-show, a charged cancellation).
  public var seconds: Int64
  public var charge: Money
  /// What vouchers paid of the charge (redemptions net of refunds and settlements).
  public var voucherShare: Money

  public init(
    bookingID: Int64, instrumentID: Int64, instrumentName: String, counterpart: StatementParty,
    bookerLogin: String, start: Instant, end: Instant, status: ReservationStatus, seconds: Int64,
    charge: Money, voucherShare: Money
  ) {
    self.bookingID = bookingID
    self.instrumentID = instrumentID
    self.instrumentName = instrumentName
    self.counterpart = counterpart
    self.bookerLogin = bookerLogin
    self.start = start
    self.end = end
    self.status = status
    self.seconds = seconds
    self.charge = charge
    self.voucherShare = voucherShare
  }

  /// The statuses a booking on a statement may have: those that can carry a
  /// charge (a line needs a charge recorded as well).
  public static let chargedStatuses: [ReservationStatus] = [.completed, .noShow, .cancelled]

  /// What the customer unit owes: the charge less the voucher share.
  public var owed: Money { charge - voucherShare }
}

/// The sums of some lines.
public struct StatementTotals: Sendable, Hashable {
  public var bookings = 0
  public var seconds: Int64 = 0
  public var charge = Money.zero
  public var voucherShare = Money.zero
  public var owed = Money.zero

  public init() {}

  public init(_ lines: [StatementLine]) {
    for line in lines { add(line) }
  }

  public mutating func add(_ line: StatementLine) {
    bookings += 1
    seconds += line.seconds
    charge += line.charge
    voucherShare += line.voucherShare
    owed += line.owed
  }
}

/// The lines with one counterpart unit, and their subtotal.
public struct StatementGroup: Sendable, Hashable {
  public var counterpart: StatementParty
  public var lines: [StatementLine]
  public var subtotal: StatementTotals
}

/// A unit's statement (结算单) for one month: as a provider, what each
/// customer unit owes for bookings of the unit's instruments; as a customer,
/// what the unit owes each provider unit. A booking belongs to the month
/// (China Standard Time) its booked start falls in; only bookings carrying a
/// charge appear: completed, no-shows, cancellations that were charged.
public struct Statement: Sendable, Hashable {
  public var unit: Unit
  public var month: StatementMonth
  public var side: StatementSide
  /// By counterpart unit name (then id); lines by start, then booking id.
  public var groups: [StatementGroup]
  public var total: StatementTotals
  public var generatedAt: Instant
  /// The login of the account it was made for.
  public var generatedBy: String

  /// Groups `lines` by counterpart and adds them up.
  public init(
    unit: Unit, month: StatementMonth, side: StatementSide, lines: [StatementLine],
    generatedAt: Instant, generatedBy: String
  ) {
    self.unit = unit
    self.month = month
    self.side = side
    self.generatedAt = generatedAt
    self.generatedBy = generatedBy
    var byParty: [Int64: [StatementLine]] = [:]
    var parties: [Int64: StatementParty] = [:]
    for line in lines {
      byParty[line.counterpart.id, default: []].append(line)
      parties[line.counterpart.id] = line.counterpart
    }
    groups = parties.values.sorted { ($0.name, $0.id) < ($1.name, $1.id) }.map { party in
      let lines = (byParty[party.id] ?? []).sorted {
        ($0.start, $0.bookingID) < ($1.start, $1.bookingID)
      }
      return StatementGroup(counterpart: party, lines: lines, subtotal: StatementTotals(lines))
    }
    total = StatementTotals(lines)
  }
}
