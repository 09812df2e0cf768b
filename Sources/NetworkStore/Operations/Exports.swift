import InstrumentNetwork

/// How `export usage` groups bookings.
public enum UsageGrouping: String, CaseIterable, Sendable {
  case province, unit, tier, category, month
}

/// Usage of one group of instruments in a period (definitions in docs/reports.md).
public struct UsageRow: Sendable, Hashable {
  public var key: String
  public var name: String
  /// Instruments in the group (not retired).
  public var instruments = 0
  /// Bookings starting in the period, whatever their status.
  public var bookings = 0
  public var completed = 0
  /// Booked time of bookings not cancelled or rejected, in seconds.
  public var bookedSeconds: Int64 = 0
  /// Actual use recorded on completion, in seconds.
  public var usedSeconds: Int64 = 0
  /// What was charged (completed and no-show bookings).
  public var fees = Money.zero
  /// What vouchers paid of it, net of refunds and settlements.
  public var voucherPaid = Money.zero
  /// Bookings whose booker's unit is in another province than the instrument.
  public var crossProvince = 0
  /// The group's instruments' opening hours in the period, in seconds.
  public var openSeconds: Int64 = 0

  public init(key: String, name: String) {
    self.key = key
    self.name = name
  }

  /// Cross-province bookings as a share of all, 0…1.
  public var crossProvinceShare: Double {
    bookings == 0 ? 0 : Double(crossProvince) / Double(bookings)
  }
  /// Booked hours over open hours, 0…1 (more when bookings ran outside
  /// opening hours or overlapped).
  public var utilisation: Double {
    openSeconds == 0 ? 0 : Double(bookedSeconds) / Double(openSeconds)
  }

  mutating func add(_ other: UsageRow) {
    instruments += other.instruments
    bookings += other.bookings
    completed += other.completed
    bookedSeconds += other.bookedSeconds
    usedSeconds += other.usedSeconds
    fees += other.fees
    voucherPaid += other.voucherPaid
    crossProvince += other.crossProvince
    openSeconds += other.openSeconds
  }
}

/// When a report was made and by whom (the service's clock, the acting login).
public struct ReportStamp: Sendable, Hashable {
  public var at: Instant
  public var by: String

  public init(at: Instant, by: String) {
    self.at = at
    self.by = by
  }
}

/// `export usage`: rows per group and their total.
public struct UsageReport: Sendable {
  public var grouping: UsageGrouping
  public var period: Range<Instant>
  public var province: Province?
  public var rows: [UsageRow]
  /// The groups past the top N, summed into one row (`key` "others"), when cut.
  public var others: UsageRow?
  /// How many groups `others` sums.
  public var othersCount = 0
  public var total: UsageRow
  /// Set by the service: when and by whom the report was made.
  public var stamp: ReportStamp?

  /// How many units tables and HTML keep with `--by unit` when `--top` is not given.
  public static let defaultTop = 30

  /// The first `count` rows, the rest summed into `others`; the total stays the whole.
  public func limited(toTop count: Int) -> UsageReport {
    guard rows.count > count else { return self }
    var report = self
    report.rows = Array(rows.prefix(count))
    var others = UsageRow(key: "others", name: "others")
    for row in rows.dropFirst(count) { others.add(row) }
    report.othersCount = rows.count - count
    others.name = "others (\(report.othersCount) units)"
    report.others = others
    return report
  }

  public init(
    grouping: UsageGrouping, period: Range<Instant>, province: Province?, rows: [UsageRow],
    total: UsageRow
  ) {
    self.grouping = grouping
    self.period = period
    self.province = province
    self.rows = rows
    self.total = total
  }
}

/// One cell of the voucher settlement matrix: vouchers of `issuer` paying at
/// instruments of `provider`.
public struct VoucherFlow: Sendable, Hashable {
  public var issuer: Province
  public var provider: Province
  /// Bookings a voucher of `issuer` was redeemed on.
  public var bookings: Int
  /// Net amount paid (redemptions minus refunds and settlements).
  public var amount: Money

  public init(
    issuer: Province, provider: Province, bookings: Int, amount: Money
  ) {
    self.issuer = issuer
    self.provider = provider
    self.bookings = bookings
    self.amount = amount
  }
}

/// `export vouchers`: the matrix with its totals and each province's net position.
public struct VoucherFlowReport: Sendable {
  public var period: Range<Instant>
  /// The issuing province the export is limited to, if any.
  public var province: Province?
  public var flows: [VoucherFlow]
  public var stamp: ReportStamp?

  public init(period: Range<Instant>, province: Province?, flows: [VoucherFlow]) {
    self.period = period
    self.province = province
    self.flows = flows
  }

  /// The issuing provinces shown, in order.
  public var issuers: [Province] {
    Province.allCases.filter { p in flows.contains { $0.issuer == p } }
  }

  /// The sum of the cells with this issuer (nil: any) and provider (nil: any).
  public func sum(issuer: Province?, provider: Province?) -> (bookings: Int, amount: Money) {
    let cells = flows.filter {
      (issuer == nil || $0.issuer == issuer) && (provider == nil || $0.provider == provider)
    }
    return (cells.reduce(0) { $0 + $1.bookings }, cells.reduce(Money.zero) { $0 + $1.amount })
  }

  /// A province's net position: what its vouchers paid at other provinces'
  /// instruments minus what other provinces' vouchers paid at its instruments.
  /// Only when every issuer is shown (nil for an export limited to one).
  public func netPosition(of province: Province) -> (paidOut: Money, paidIn: Money, net: Money)? {
    guard self.province == nil else { return nil }
    let paidOut = flows.filter { $0.issuer == province && $0.provider != province }
      .reduce(Money.zero) { $0 + $1.amount }
    let paidIn = flows.filter { $0.provider == province && $0.issuer != province }
      .reduce(Money.zero) { $0 + $1.amount }
    return (paidOut, paidIn, paidOut - paidIn)
  }
}

/// One booking as `export bookings` writes it.
public struct BookingExportRow: Sendable {
  public var reservation: Reservation
  public var instrumentName: String
  public var instrumentProvince: Province
  public var instrumentUnit: String
  public var bookerLogin: String
  public var bookerUnit: String
  public var bookerProvince: Province
  public var voucherPaid: Money

  public init(
    reservation: Reservation, instrumentName: String, instrumentProvince: Province,
    instrumentUnit: String, bookerLogin: String, bookerUnit: String, bookerProvince: Province,
    voucherPaid: Money
  ) {
    self.reservation = reservation
    self.instrumentName = instrumentName
    self.instrumentProvince = instrumentProvince
    self.instrumentUnit = instrumentUnit
    self.bookerLogin = bookerLogin
    self.bookerUnit = bookerUnit
    self.bookerProvince = bookerProvince
    self.voucherPaid = voucherPaid
  }
}

extension NetworkStore {
  /// The span of all bookings, from the local midnight before the first to the one after the last.
  func bookingSpan() throws -> Range<Instant> {
    let span = try database.first("SELECT min(starts_at), max(starts_at) FROM reservation") {
      ($0.optionalInt64(0), $0.optionalInt64(1))
    }
    guard let first = span?.0, let last = span?.1 else {
      let today = now().localDate.startInstant
      return today..<(today + 86_400)
    }
    return Instant(seconds: first).localDate
      .startInstant..<Instant(seconds: last).localDate.adding(days: 1).startInstant
  }

  /// The voucher amount paid per booking, as a joinable subquery `p`.
  static let voucherPaidJoin = """
    LEFT JOIN (SELECT reservation_id, -sum(amount_fen) AS paid FROM voucher_ledger
      WHERE reservation_id IS NOT NULL GROUP BY reservation_id) AS p ON p.reservation_id = r.id
    """

  /// Usage grouped by `grouping`, for bookings starting in `period` (default:
  /// the span of all bookings), limited to instruments of `province`.
  public func usage(
    by grouping: UsageGrouping, period: Range<Instant>?, province requested: Province?
  )
    throws -> UsageReport
  {
    let province = requested
    let period = try period ?? bookingSpan()
    let (keySQL, keyParameters) = Self.groupKey(grouping)
    var scope = ""
    var scopeParameters: [SQLValue] = []
    if let province {
      scope = " AND u.province = ?"
      scopeParameters = [.text(province.rawValue)]
    }
    var rows: [String: UsageRow] = [:]
    func row(_ key: String) -> UsageRow { rows[key] ?? UsageRow(key: key, name: key) }
    try database.query(
      """
      SELECT \(keySQL), count(*),
        sum(CASE WHEN r.status = 'completed' THEN 1 ELSE 0 END),
        sum(CASE WHEN r.status IN ('cancelled', 'rejected') THEN 0 ELSE r.ends_at - r.starts_at END),
        sum(CASE WHEN r.status = 'completed' THEN r.used_to - r.used_from ELSE 0 END),
        sum(coalesce(r.charged_fee_fen, 0)), sum(coalesce(p.paid, 0)),
        sum(CASE WHEN b.province <> u.province THEN 1 ELSE 0 END)
      FROM reservation AS r
      JOIN instrument AS i ON i.id = r.instrument_id
      JOIN unit AS u ON u.id = i.unit_id
      JOIN unit AS b ON b.id = r.booker_unit_id
      \(Self.voucherPaidJoin)
      WHERE r.starts_at >= ? AND r.starts_at < ?\(scope)
      GROUP BY 1
      """,
      keyParameters + [.integer(period.lowerBound.seconds), .integer(period.upperBound.seconds)]
        + scopeParameters
    ) { result in
      let key = grouping == .month ? Self.monthKey(ofDay: result.int64(0)) : result.string(0)
      var entry = row(key)
      entry.bookings += result.int(1)
      entry.completed += result.int(2)
      entry.bookedSeconds += result.int64(3)
      entry.usedSeconds += result.int64(4)
      entry.fees += Money(fen: result.int64(5))
      entry.voucherPaid += Money(fen: result.int64(6))
      entry.crossProvince += result.int(7)
      rows[key] = entry
    }
    try addInstrumentsAndOpenHours(
      to: &rows, grouping: grouping, period: period, scope: scope, scopeParameters: scopeParameters)
    var ordered = rows.values.sorted {
      // Units by booked hours, most first (ties by unit id); the rest in their fixed order.
      grouping == .unit && $0.bookedSeconds != $1.bookedSeconds
        ? $0.bookedSeconds > $1.bookedSeconds : Self.order(grouping, $0.key, $1.key)
    }
    // Unit names come from one query, not one per group.
    let unitNames =
      grouping == .unit
      ? Dictionary(uniqueKeysWithValues: try units().map { (String($0.id), $0.name) }) : [:]
    for index in ordered.indices {
      ordered[index].name = Self.groupName(grouping, ordered[index].key, unitNames: unitNames)
    }
    var total = UsageRow(key: "all", name: "all")
    for entry in ordered { total.add(entry) }
    if grouping == .month, let first = ordered.first {
      total.instruments = first.instruments  // every month counts the same instruments
    }
    return UsageReport(
      grouping: grouping, period: period, province: province, rows: ordered, total: total)
  }

  /// Instruments per group and their open hours in the period (for utilisation).
  private func addInstrumentsAndOpenHours(
    to rows: inout [String: UsageRow], grouping: UsageGrouping, period: Range<Instant>,
    scope: String, scopeParameters: [SQLValue]
  ) throws {
    var openByHours: [String: Int64] = [:]
    func openSeconds(_ hours: String, _ window: Range<Instant>) -> Int64 {
      let key = hours + "|\(window.lowerBound.seconds)"
      if let known = openByHours[key] { return known }
      let parsed = (try? OpeningHours(parsing: hours)) ?? .standard
      let seconds = parsed.openIntervals(from: window.lowerBound, to: window.upperBound).reduce(
        Int64(0)
      ) {
        $0 + ($1.upperBound - $1.lowerBound)
      }
      openByHours[key] = seconds
      return seconds
    }
    let (keySQL, keyParameters) =
      grouping == .month ? ("'all'", []) : Self.groupKey(grouping, catalogue: true)
    let months = grouping == .month ? Self.months(in: period) : []
    try database.query(
      """
      SELECT \(keySQL), i.opening_hours, count(*)
      FROM instrument AS i JOIN unit AS u ON u.id = i.unit_id
      WHERE i.status <> 'retired'\(scope)
      GROUP BY 1, 2
      """, keyParameters + scopeParameters
    ) { result in
      let hours = result.string(1)
      let count = Int64(result.int64(2))
      if grouping == .month {
        for (key, window) in months {
          var entry = rows[key] ?? UsageRow(key: key, name: key)
          entry.instruments += Int(count)
          entry.openSeconds += count * openSeconds(hours, window)
          rows[key] = entry
        }
      } else {
        let key = result.string(0)
        var entry = rows[key] ?? UsageRow(key: key, name: key)
        entry.instruments += Int(count)
        entry.openSeconds += count * openSeconds(hours, period)
        rows[key] = entry
      }
    }
  }

  /// The SQL of a group's key, with its parameters. For months it is the
  /// local day number (folded into months in Swift, the same in both dialects).
  static func groupKey(_ grouping: UsageGrouping, catalogue: Bool = false) -> (String, [SQLValue]) {
    switch grouping {
    case .province: return ("u.province", [])
    case .unit: return ("CAST(i.unit_id AS TEXT)", [])
    case .category: return ("i.category", [])
    case .month: return ("(r.starts_at + 28800) / 86400", [])
    case .tier:
      return (
        "CASE WHEN i.value_fen >= ? THEN 'flagship' WHEN i.value_fen >= ? THEN 'major' WHEN i.value_fen >= ? THEN 'large' ELSE 'standard' END",
        [ValueTier.flagship, .major, .large].map { .integer($0.lowerBound.fen) }
      )
    }
  }

  /// `YYYY-MM` of a local day number.
  static func monthKey(ofDay day: Int64) -> String {
    let date = LocalDate(daysSinceEpoch: day)
    return "\(date.year)-" + (date.month < 10 ? "0" : "") + String(date.month)
  }

  /// The months a period touches, each clipped to the period.
  static func months(in period: Range<Instant>) -> [(String, Range<Instant>)] {
    var result: [(String, Range<Instant>)] = []
    var date = period.lowerBound.localDate
    while date.startInstant < period.upperBound {
      let first = (try? LocalDate(year: date.year, month: date.month, day: 1)) ?? date
      let next =
        (try? LocalDate(
          year: date.month == 12 ? date.year + 1 : date.year, month: date.month % 12 + 1, day: 1))
        ?? first.adding(days: 31)
      let window =
        max(first.startInstant, period.lowerBound)..<min(next.startInstant, period.upperBound)
      result.append((monthKey(ofDay: first.daysSinceEpoch), window))
      date = next
    }
    return result
  }

  static func order(_ grouping: UsageGrouping, _ a: String, _ b: String) -> Bool {
    switch grouping {
    case .province:
      return (Province(rawValue: a) ?? .anhui) < (Province(rawValue: b) ?? .anhui)
    case .tier:
      let tiers = ValueTier.allCases.map(\.rawValue)
      return (tiers.firstIndex(of: a) ?? 9) < (tiers.firstIndex(of: b) ?? 9)
    case .category:
      let categories = InstrumentCategory.allCases.map(\.rawValue)
      return (categories.firstIndex(of: a) ?? 99) < (categories.firstIndex(of: b) ?? 99)
    case .unit: return (Int64(a) ?? 0) < (Int64(b) ?? 0)
    case .month: return a < b
    }
  }

  static func groupName(_ grouping: UsageGrouping, _ key: String, unitNames: [String: String])
    -> String
  {
    switch grouping {
    case .province: return Province(rawValue: key)?.chineseName ?? key
    case .tier: return ValueTier(rawValue: key)?.chineseName ?? key
    case .category: return InstrumentCategory(rawValue: key)?.chineseName ?? key
    case .unit: return unitNames[key] ?? key
    case .month: return key
    }
  }

  /// The settlement matrix of cross-region voucher use: per issuing and
  /// providing province, bookings paid and net amount, for bookings starting in `period`.
  public func voucherFlows(period: Range<Instant>?, province requested: Province?) throws
    -> (period: Range<Instant>, flows: [VoucherFlow])
  {
    let province = requested
    let period = try period ?? bookingSpan()
    var parameters: [SQLValue] = [
      .integer(period.lowerBound.seconds), .integer(period.upperBound.seconds),
    ]
    var scope = ""
    if let province {
      scope = " AND v.province = ?"
      parameters.append(.text(province.rawValue))
    }
    var found: [String: VoucherFlow] = [:]
    try database.query(
      """
      SELECT v.province, u.province,
        count(DISTINCT CASE WHEN l.entry = 'redeem' THEN l.reservation_id END), -sum(l.amount_fen)
      FROM voucher_ledger AS l
      JOIN voucher AS v ON v.id = l.voucher_id
      JOIN reservation AS r ON r.id = l.reservation_id
      JOIN instrument AS i ON i.id = r.instrument_id
      JOIN unit AS u ON u.id = i.unit_id
      WHERE r.starts_at >= ? AND r.starts_at < ?\(scope)
      GROUP BY 1, 2
      """, parameters
    ) { row in
      found[row.string(0) + row.string(1)] = VoucherFlow(
        issuer: try Self.decode(Province.self, try row.text(0), column: "voucher.province"),
        provider: try Self.decode(Province.self, try row.text(1), column: "unit.province"),
        bookings: row.int(2),
        amount: Money(fen: row.int64(3)))
    }
    let issuers = province.map { [$0] } ?? Province.allCases
    let flows = issuers.flatMap { issuer in
      Province.allCases.map { provider in
        found[issuer.rawValue + provider.rawValue]
          ?? VoucherFlow(issuer: issuer, provider: provider, bookings: 0, amount: .zero)
      }
    }
    return (period, flows)
  }

  /// Streams every booking starting in `period` (default: all), of instruments
  /// of `province`, by id, one row in memory at a time.
  public func exportBookings(
    period: Range<Instant>?, province requested: Province?, _ row: (BookingExportRow) throws -> Void
  ) throws {
    let province = requested
    var conditions = "1 = 1"
    var parameters: [SQLValue] = []
    if let period {
      conditions += " AND r.starts_at >= ? AND r.starts_at < ?"
      parameters += [.integer(period.lowerBound.seconds), .integer(period.upperBound.seconds)]
    }
    if let province {
      conditions += " AND u.province = ?"
      parameters.append(.text(province.rawValue))
    }
    try database.stream(
      """
      SELECT \(Self.reservationColumns), i.name, u.province, u.name, a.login, b.name, b.province,
        coalesce(p.paid, 0)
      FROM reservation AS r
      JOIN instrument AS i ON i.id = r.instrument_id
      JOIN unit AS u ON u.id = i.unit_id
      JOIN unit AS b ON b.id = r.booker_unit_id
      JOIN account AS a ON a.id = r.booker_id
      \(Self.voucherPaidJoin)
      WHERE \(conditions)
      ORDER BY r.id
      """, parameters
    ) { result in
      try row(
        BookingExportRow(
          reservation: try Self.reservation(from: result),
          instrumentName: result.string(Self.afterReservation),
          instrumentProvince: try Self.decode(
            Province.self, try result.text(Self.afterReservation + 1), column: "unit.province"),
          instrumentUnit: result.string(Self.afterReservation + 2),
          bookerLogin: result.string(Self.afterReservation + 3),
          bookerUnit: result.string(Self.afterReservation + 4),
          bookerProvince: try Self.decode(
            Province.self, try result.text(Self.afterReservation + 5), column: "unit.province"),
          voucherPaid: Money(fen: result.int64(Self.afterReservation + 6))))
    }
  }
}
