import InstrumentNetwork

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reports how far a long operation has come: a phase, done and total.
public typealias ProgressReport = (_ phase: String, _ done: Int, _ total: Int) -> Void

/// What `labnet seed` built.
public struct SeedReport: Sendable {
  public var targets: SeedTargets
  public var accounts: Int
  /// Historical bookings stored (at most one per weekday half-day of an instrument).
  public var bookings: Int
  /// Logins to try each role with, as (role, login, whose).
  public var sampleLogins: [(role: String, login: String, detail: String)]
}

extension NetworkStore {
  /// Builds the synthetic 2018 network deterministically from `seed`,
  /// shrunk by `scale`. Refuses a store that already holds units unless
  /// `replace`, which rebuilds the schema empty first and gives `admins`
  /// back their accounts.
  public func seedNetwork(
    seed: UInt64, scale: Double, replace: Bool, bookings: Int = 0, admins: [String],
    progress: ProgressReport? = nil
  ) throws -> SeedReport {
    let report = try transaction {
      let existing = try database.scalar("SELECT count(*) FROM unit") ?? 0
      if existing > 0 {
        guard replace else {
          throw LabNetError.refused(
            "\(location) already holds a network of \(existing) units", code: "already_seeded",
            hint: .replaceToReseed)
        }
        try resetSchema()
        _ = try ensureAdmins(admins)
      }
      var network = SyntheticNetwork(seed: seed, targets: .scaled(scale))
      let seedUnits = network.units(firstID: 1)
      try insertUnits(seedUnits.map(\.unit), progress: progress)
      let instruments = try insertInstruments(of: seedUnits, network: &network, progress: progress)
      let (accounts, samples, researchers) = try insertAccounts(
        for: seedUnits.map(\.unit), network: &network)
      var voucherBook = try insertSeedVouchers(for: seedUnits.map(\.unit), network: &network)
      // The SQLite overlap trigger looks bookings up by (instrument_id, ends_at).
      let booked = try database.deferringIndexes(
        of: "reservation", keeping: ["reservation_instrument_ends"]
      ) {
        try insertBookings(
          bookings, of: instruments, units: seedUnits.map(\.unit), researchers: researchers,
          vouchers: &voucherBook, network: &network, progress: progress)
      }
      try insertSeedLedger(&voucherBook)
      if let catchUp = database.dialect.identityCatchUp {
        for table in ["unit", "instrument", "account", "reservation", "voucher"] {
          try database.executeScript(catchUp(table))
        }
      }
      // Fresh statistics, so the planner picks the indexes from the first query on.
      try database.executeScript("ANALYZE")
      return SeedReport(
        targets: network.targets, accounts: accounts, bookings: booked, sampleLogins: samples)
    }
    if let maintenance = database.dialect.afterBulkLoad {
      // A concurrent snapshot (autovacuum's own ANALYZE of the new rows, say)
      // keeps VACUUM from marking pages all-visible, and then every index-only
      // scan visits the table: vacuum again until the map is whole, a while.
      for attempt in 0..<5 {
        if attempt > 0 { usleep(500_000) }
        try database.executeScript(maintenance)
        guard let check = database.dialect.pagesNotAllVisible,
          try database.scalar(check) ?? 0 > 0
        else { break }
      }
    }
    return report
  }

  private func insertUnits(_ units: [Unit], progress: ProgressReport?) throws {
    let batch = BatchInsert(
      into: "unit", columns: ["id", "name", "province", "city", "kind", "created_at"],
      database: database)
    let time = now().seconds
    for unit in units {
      try batch.add([
        .integer(unit.id), .text(unit.name), .text(unit.province.rawValue), .text(unit.city),
        .text(unit.kind.rawValue), .integer(time),
      ])
    }
    try batch.flush()
    progress?("units", units.count, units.count)
  }

  private func insertInstruments(
    of units: [SyntheticNetwork.SeedUnit], network: inout SyntheticNetwork,
    progress: ProgressReport?
  ) throws -> [Instrument] {
    let values = network.values()
    var instruments: [Instrument] = []
    instruments.reserveCapacity(values.count)
    let batch = instrumentBatch()
    let time = now().seconds
    var next = 0
    for seedUnit in units {
      for _ in 0..<seedUnit.instrumentCount {
        let instrument = network.instrument(
          id: Int64(next + 1), unit: seedUnit.unit, value: values[next])
        try batch.add(Self.columns(of: instrument, at: time))
        instruments.append(instrument)
        next += 1
        if next % 5_000 == 0 { progress?("instruments", next, values.count) }
      }
    }
    try batch.flush()
    progress?("instruments", next, values.count)
    return instruments
  }

  /// Inserts the accounts; returns their count, logins to try, and each
  /// unit's researcher account id.
  private func insertAccounts(for units: [Unit], network: inout SyntheticNetwork) throws -> (
    Int, [(role: String, login: String, detail: String)], [Int64: Int64]
  ) {
    let firstID = (try database.scalar("SELECT coalesce(max(id), 0) FROM account") ?? 0) + 1
    let accounts = BatchInsert(
      into: "account", columns: ["id", "login", "display_name", "unit_id", "created_at"],
      database: database)
    let roles = BatchInsert(
      into: "account_role", columns: ["account_id", "role", "unit_id", "province"],
      database: database)
    let time = now().seconds
    var id = firstID
    var researchers: [Int64: Int64] = [:]
    func add(_ login: String, _ name: String, unit: Int64?, _ role: Role) throws {
      try accounts.add(
        [.text(login), .text(name), .optional(unit), .integer(time)].prepending(.integer(id)))
      let columns = Self.columns(of: role)
      try roles.add([.integer(id), .text(columns.kind), columns.unitID, columns.province])
      id += 1
    }
    for unit in units {
      let number = String(unit.id).leftPadded(to: 4)
      try add("m\(number)", network.personName(), unit: unit.id, .manager(unitID: unit.id))
      researchers[unit.id] = id
      try add("r\(number)", network.personName(), unit: unit.id, .researcher)
    }
    for province in Province.allCases {
      let code = province.code.lowercased()
      try add("issuer-\(code)", "\(province.chineseName)科技厅创新券管理员", unit: nil, .issuer(province))
      try add("auditor-\(code)", "\(province.chineseName)审计员", unit: nil, .auditor(province))
    }
    try add("auditor", "长三角网络审计员", unit: nil, .auditor(nil))
    try accounts.flush()
    try roles.flush()
    var samples: [(role: String, login: String, detail: String)] = []
    if let first = units.first {
      samples.append(("manager", "m" + String(first.id).leftPadded(to: 4), first.name))
      samples.append(("researcher", "r" + String(first.id).leftPadded(to: 4), first.name))
    }
    if let enterprise = units.first(where: { $0.kind == .enterprise }) {
      let number = String(enterprise.id).leftPadded(to: 4)
      samples.append(("researcher (enterprise)", "r\(number)", enterprise.name))
    }
    samples.append(("issuer", "issuer-zj", "浙江 vouchers (likewise issuer-sh, -js, -ah)"))
    samples.append(("auditor", "auditor-sh", "上海 (likewise auditor-js, -zj, -ah)"))
    samples.append(("auditor", "auditor", "the whole network"))
    return (Int(id - firstID), samples, researchers)
  }
}

extension NetworkStore {
  static let reservationWrittenColumns = [
    "id", "instrument_id", "booker_id", "booker_unit_id", "starts_at", "ends_at", "purpose",
    "status", "quoted_fee_fen", "used_from", "used_to", "charged_fee_fen", "status_reason",
    "created_at", "updated_at", "hourly_rate_fen",
  ]

  /// Historical bookings over 2018, spread over the instruments; about one
  /// in three booked from another province than the instrument's.
  fileprivate func insertBookings(
    _ total: Int, of instruments: [Instrument], units: [Unit], researchers: [Int64: Int64],
    vouchers: inout SeedVoucherBook, network: inout SyntheticNetwork, progress: ProgressReport?
  ) throws -> Int {
    guard total > 0, !instruments.isEmpty else { return 0 }
    var random = SeedRandom(seed: UInt64(total) &* 0x9E37_79B9)
    let counts = HistoricalBookings.perInstrument(
      total: total, instruments: instruments.count, random: &random)
    let unitsByProvince = Dictionary(grouping: units, by: \.province)
    let provinceOfUnit = Dictionary(uniqueKeysWithValues: units.map { ($0.id, $0.province) })
    let batch = BatchInsert(
      into: "reservation", columns: Self.reservationWrittenColumns, database: database)
    var id: Int64 = 1
    for (instrument, count) in zip(instruments, counts) where count > 0 {
      let home = provinceOfUnit[instrument.unitID] ?? .shanghai
      for index in 0..<count {
        let spacing = HistoricalBookings.placesPerYear / count
        let place = index * HistoricalBookings.placesPerYear / count + random.below(max(1, spacing))
        // A non-shared instrument is only for its own unit's researchers.
        let province = random.below(3) == 0 ? random.pick(Province.allCases) : home
        let unitID =
          instrument.isShared
          ? random.pick(unitsByProvince[province] ?? units).id : instrument.unitID
        let booker = (researchers[unitID] ?? 1, unitID)
        let booking = network.historicalBooking(
          id: id, instrument: instrument, place: place, booker: booker)
        try batch.add(Self.columns(of: booking))
        vouchers.consider(booking, instrumentProvince: home)
        id += 1
        if id % 50_000 == 0 { progress?("bookings", Int(id), total) }
      }
    }
    try batch.flush()
    progress?("bookings", Int(id - 1), total)
    return Int(id - 1)
  }

  static func columns(of booking: Reservation) -> [SQLValue] {
    [
      .integer(booking.id), .integer(booking.instrumentID), .integer(booking.bookerID),
      .integer(booking.bookerUnitID), .integer(booking.start.seconds),
      .integer(booking.end.seconds), .text(booking.purpose), .text(booking.status.rawValue),
      .integer(booking.quotedFee.fen), .optional(booking.usedFrom?.seconds),
      .optional(booking.usedTo?.seconds), .optional(booking.chargedFee?.fen),
      .optional(booking.statusReason), .integer(booking.start.seconds - 7 * 86_400),
      .integer(booking.end.seconds), .integer(booking.hourlyRate.fen),
    ]
  }
}

extension Array where Element == SQLValue {
  fileprivate func prepending(_ value: SQLValue) -> [SQLValue] { [value] + self }
}

extension String {
  /// The text with zeros in front up to `width` characters.
  func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: Swift.max(0, width - count)) + self
  }
}
