/// Where a waitlist entry stands.
public enum WaitlistStatus: String, Sendable, Hashable, CaseIterable {
  /// Still waiting for a free run.
  case waiting
  /// Freed time fitted: a booking was made for the waiter.
  case booked
  /// The waiter left.
  case left
  /// It can no longer be booked (the window passed, a rule refuses the
  /// waiter); the waiter was told why.
  case skipped
}

/// A person waiting for any free run of `durationMinutes` inside `window`
/// of one instrument.
public struct WaitlistEntry: Sendable, Hashable {
  public var id: Int64
  public var instrumentID: Int64
  public var accountID: Int64
  public var bookerUnitID: Int64
  public var window: Range<Instant>
  public var durationMinutes: Int
  public var purpose: String
  public var status: WaitlistStatus
  public var statusReason: String?
  public var bookingID: Int64?
  public var createdAt: Instant

  public init(
    id: Int64, instrumentID: Int64, accountID: Int64, bookerUnitID: Int64,
    window: Range<Instant>, durationMinutes: Int, purpose: String,
    status: WaitlistStatus = .waiting, statusReason: String? = nil, bookingID: Int64? = nil,
    createdAt: Instant
  ) {
    self.id = id
    self.instrumentID = instrumentID
    self.accountID = accountID
    self.bookerUnitID = bookerUnitID
    self.window = window
    self.durationMinutes = durationMinutes
    self.purpose = purpose
    self.status = status
    self.statusReason = statusReason
    self.bookingID = bookingID
    self.createdAt = createdAt
  }
}

/// The waitlist's rules: what may be waited for, and which free run a
/// waiter gets.
public enum WaitlistRule {
  /// The longest window one may wait in, in days: the longest availability reads.
  public static let longestWindowDays: Int64 = 92

  /// Refuses a window already over, longer than 92 days, or shorter than the
  /// duration, and a duration outside one minute to 72 hours.
  public static func checkJoin(window: Range<Instant>, minutes: Int, now: Instant)
    throws(LabNetError)
  {
    try BookingRules.checkOrder(window)
    guard (1...InstrumentRules.longestMinutes).contains(minutes) else {
      throw .invalidData("the duration must be from 1 minute to 72 hours")
    }
    guard window.upperBound > now else {
      throw .invalidData("the window ended at \(window.upperBound.iso8601); wait for a later one")
    }
    guard window.upperBound - window.lowerBound <= longestWindowDays * 86_400 else {
      throw .invalidData("a waitlist window spans at most \(longestWindowDays) days; narrow it")
    }
    guard window.upperBound - window.lowerBound >= Int64(minutes) * 60 else {
      throw .invalidData("the window is shorter than the duration waited for")
    }
  }

  /// The earliest run of the entry's duration (rounded up to whole steps)
  /// free on `instrument` inside the entry's window, from now and its notice
  /// up to its horizon, given the time `busy` (bookings holding time and
  /// blocks); nil when none fits.
  public static func firstRun(
    for entry: WaitlistEntry, on instrument: Instrument, busy: [Range<Instant>], now: Instant
  ) -> Range<Instant>? {
    let step = Int64(instrument.granularityMinutes) * 60
    let needed = (Int64(entry.durationMinutes) * 60 + step - 1) / step * step
    let from = max(entry.window.lowerBound, now + instrument.rules.minimumNoticeSeconds)
    let latestStart = now + instrument.rules.horizonSeconds
    guard from < entry.window.upperBound else { return nil }
    let open = instrument.openingHours.openIntervals(from: from, to: entry.window.upperBound)
    let gap = FreeTime.slots(open: open, busy: busy, step: step).first {
      $0.upperBound - $0.lowerBound >= needed
    }
    guard let gap, gap.lowerBound <= latestStart else { return nil }
    return gap.lowerBound..<(gap.lowerBound + needed)
  }
}

/// A message for a person, in Chinese with the English below (the outbox's
/// rows, delivered by e-mail and shown on the pages and the API).
public struct Notice: Sendable, Hashable {
  public var kind: String
  public var subject: String
  public var body: String

  public init(kind: String, chinese: (subject: String, body: String), english: (String, String)) {
    self.kind = kind
    subject = "\(chinese.subject) / \(english.0)"
    body = "\(chinese.body)\n\n\(english.1)"
  }

  /// The waiter's booking was made from the waitlist.
  public static func waitlistBooked(entry: WaitlistEntry, booking: Reservation) -> Notice {
    let when = "\(booking.start.localText) – \(booking.end.localText)"
    return Notice(
      kind: "waitlist_booked",
      chinese: (
        "候补成功：仪器 \(entry.instrumentID) 已为您预约",
        "您在候补名单上等待的仪器 \(entry.instrumentID) 有了空闲时段，已为您预约 \(when)（预约号 \(booking.id)，状态：\(booking.status.rawValue)）。如不再需要，请取消预约。"
      ),
      english: (
        "Waitlist: instrument \(entry.instrumentID) is booked for you",
        "Time freed up on instrument \(entry.instrumentID), which you were waiting for: booking \(booking.id) is yours, \(when) (China Standard Time), \(booking.status.rawValue). Cancel it if you no longer need it."
      ))
  }

  /// A booking waits for the manager's approval (to each manager of the instrument's unit).
  public static func approvalNeeded(_ booking: Reservation, instrumentName: String) -> Notice {
    let when = "\(booking.start.localText) – \(booking.end.localText)"
    return Notice(
      kind: "approval_needed",
      chinese: (
        "待审批：\(instrumentName) 的预约 \(booking.id)",
        "仪器 \(booking.instrumentID)（\(instrumentName)）有一条新预约等待您审批：预约号 \(booking.id)，\(when)。"
      ),
      english: (
        "Approval needed: booking \(booking.id) of \(instrumentName)",
        "Booking \(booking.id) of instrument \(booking.instrumentID) (\(instrumentName)), \(when) (China Standard Time), waits for your approval."
      ))
  }

  /// What became of a booking, for its booker: approved, rejected, or
  /// cancelled by the lab (a manager, an admin, a maintenance block).
  public static func bookingChanged(_ booking: Reservation, instrumentName: String) -> Notice {
    let when = "\(booking.start.localText) – \(booking.end.localText)"
    let reason = booking.statusReason.map { "（\($0)）" } ?? ""
    let because = booking.statusReason.map { " (\($0))" } ?? ""
    switch booking.status {
    case .confirmed:
      return Notice(
        kind: "booking_approved",
        chinese: ("预约已批准：\(booking.id)", "您对\(instrumentName)的预约 \(booking.id)（\(when)）已获批准。"),
        english: (
          "Booking approved: \(booking.id)",
          "Your booking \(booking.id) of \(instrumentName), \(when) (China Standard Time), is approved."
        ))
    case .rejected:
      return Notice(
        kind: "booking_rejected",
        chinese: (
          "预约被驳回：\(booking.id)", "您对\(instrumentName)的预约 \(booking.id)（\(when)）被驳回\(reason)。"
        ),
        english: (
          "Booking rejected: \(booking.id)",
          "Your booking \(booking.id) of \(instrumentName), \(when) (China Standard Time), was rejected\(because)."
        ))
    default:
      return Notice(
        kind: "booking_cancelled",
        chinese: (
          "预约被取消：\(booking.id)",
          "您对\(instrumentName)的预约 \(booking.id)（\(when)）已被实验室取消\(reason)，所用创新券已退回。"
        ),
        english: (
          "Booking cancelled: \(booking.id)",
          "Your booking \(booking.id) of \(instrumentName), \(when) (China Standard Time), was cancelled by the lab\(because); vouchers it used were refunded."
        ))
    }
  }

  /// A booking starts within a day (to its booker).
  public static func reminder(_ booking: Reservation, instrumentName: String) -> Notice {
    let when = "\(booking.start.localText) – \(booking.end.localText)"
    return Notice(
      kind: "booking_reminder",
      chinese: (
        "明日预约提醒：\(instrumentName)",
        "提醒：您对\(instrumentName)的预约 \(booking.id) 将于 \(when) 开始（状态：\(booking.status.rawValue)）。如不能前来，请提前取消。"
      ),
      english: (
        "Reminder: \(instrumentName) within a day",
        "Your booking \(booking.id) of \(instrumentName) starts \(when) (China Standard Time), \(booking.status.rawValue). Cancel it if you cannot come."
      ))
  }

  /// A voucher of the person's unit expires within 30 days with money left.
  public static func voucherExpiring(code: String, balance: Money, lastDay: LocalDate) -> Notice {
    Notice(
      kind: "voucher_expiring",
      chinese: (
        "创新券即将到期：\(code)",
        "贵单位的创新券 \(code) 将于 \(lastDay.iso) 后失效，余额 \(balance.groupedYuan) 元，请尽快使用。"
      ),
      english: (
        "Voucher expiring: \(code)",
        "Your unit's voucher \(code) expires after \(lastDay.iso) with \(balance.groupedYuan) yuan left; use it before then."
      ))
  }

  /// The waiter can no longer be booked, and why.
  public static func waitlistSkipped(entry: WaitlistEntry, reason: String) -> Notice {
    Notice(
      kind: "waitlist_skipped",
      chinese: (
        "候补已取消：仪器 \(entry.instrumentID)",
        "您对仪器 \(entry.instrumentID) 的候补（\(entry.window.lowerBound.localText) – \(entry.window.upperBound.localText)）已无法预约，已移出候补名单。原因：\(reason)"
      ),
      english: (
        "Waitlist closed: instrument \(entry.instrumentID)",
        "Your wait for instrument \(entry.instrumentID) (\(entry.window.lowerBound.localText) – \(entry.window.upperBound.localText)) can no longer be booked and was closed. Why: \(reason)"
      ))
  }
}
