import InstrumentNetwork

/// An instrument with the unit that owns it, as lists and `show` print it.
public struct InstrumentListing: Sendable, Hashable {
  public var instrument: Instrument
  public var unit: Unit

  public init(instrument: Instrument, unit: Unit) {
    self.instrument = instrument
    self.unit = unit
  }
}

/// What `instrument list` narrows by; nil means any.
public struct InstrumentFilter: Sendable, Hashable {
  public var unitID: Int64?
  public var province: Province?
  public var city: String?
  public var category: InstrumentCategory?
  public var tier: ValueTier?
  /// Text found in the name, model or manufacturer.
  public var search: String?
  /// Retired instruments are left out unless asked for.
  public var includeRetired = false
  /// Only instruments with a greater id: a page's last id, for the next page.
  public var afterID: Int64?
  public var limit: Int?

  public init(
    unitID: Int64? = nil, province: Province? = nil, city: String? = nil,
    category: InstrumentCategory? = nil, tier: ValueTier? = nil, search: String? = nil,
    includeRetired: Bool = false, limit: Int? = nil
  ) {
    self.unitID = unitID
    self.province = province
    self.city = city
    self.category = category
    self.tier = tier
    self.search = search
    self.includeRetired = includeRetired
    self.limit = limit
  }
}

extension NetworkStore {
  static let instrumentColumns = """
    i.id, i.unit_id, i.name, i.model, i.manufacturer, i.category, i.value_fen,
    i.hourly_rate_fen, i.location, i.opening_hours, i.status, i.shared, i.granularity_minutes,
    i.approval_required, i.max_booking_minutes, i.min_notice_minutes, i.horizon_days,
    i.billing_basis, i.late_cancel_hours, i.late_cancel_percent, i.asset_number,
    i.training_required, i.accepts_external_qualifications
    """

  /// How many columns `instrumentColumns` names: a listing's unit follows them.
  static let instrumentColumnCount = 23

  static func instrument(from row: any SQLRow) throws -> Instrument {
    let hours = try row.text(9)
    let openingHours: OpeningHours
    do {
      openingHours = try OpeningHours(parsing: hours)
    } catch {
      throw Self.unreadable(
        "instrument.opening_hours",
        "of instrument \(row.int64(0)) holds \"\(hours)\", which labnet cannot read")
    }
    return Instrument(
      id: try row.integer(0), unitID: try row.integer(1), name: try row.text(2),
      model: try row.text(3), manufacturer: try row.text(4),
      category: try decode(InstrumentCategory.self, try row.text(5), column: "instrument.category"),
      value: Money(fen: try row.integer(6)), hourlyRate: Money(fen: try row.integer(7)),
      location: try row.text(8), openingHours: openingHours,
      status: try decode(InstrumentStatus.self, try row.text(10), column: "instrument.status"),
      isShared: try row.flag(11), granularityMinutes: Int(try row.integer(12)),
      rules: InstrumentRules(
        approvalRequired: try row.flag(13), maximumMinutes: Int(try row.integer(14)),
        minimumNoticeMinutes: Int(try row.integer(15)), horizonDays: Int(try row.integer(16)),
        billing: try decode(
          BillingBasis.self, try row.text(17), column: "instrument.billing_basis"),
        lateCancellation: LateCancellation(
          hoursBefore: Int(try row.integer(18)), percent: Int(try row.integer(19))),
        trainingRequired: try row.flag(21), acceptsExternalQualifications: try row.flag(22)),
      assetNumber: row.optionalString(20))
  }

  static func listing(instrumentRow row: any SQLRow) throws -> InstrumentListing {
    InstrumentListing(
      instrument: try Self.instrument(from: row),
      unit: try Self.unit(from: row, at: instrumentColumnCount))
  }

  /// Inserts a new instrument; the database assigns its id.
  public func insertInstrument(_ draft: InstrumentDraft) throws -> Instrument {
    var instrument = draft.instrument(id: 0)
    let columns = Self.columns(of: instrument, at: now().seconds).dropFirst()
    instrument.id =
      try database.scalar(
        "INSERT INTO instrument (\(Self.writtenColumns.dropFirst().joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", "))) RETURNING id",
        Array(columns)) ?? 0
    return instrument
  }

  /// The columns `columns(of:at:)` fills, in order.
  static let writtenColumns = [
    "id", "unit_id", "name", "model", "manufacturer", "category", "value_fen", "hourly_rate_fen",
    "location", "opening_hours", "status", "shared", "granularity_minutes", "approval_required",
    "max_booking_minutes", "min_notice_minutes", "horizon_days", "billing_basis",
    "late_cancel_hours", "late_cancel_percent", "asset_number", "training_required",
    "accepts_external_qualifications", "created_at", "updated_at",
  ]

  /// An instrument's values for `writtenColumns`.
  static func columns(of instrument: Instrument, at time: Int64) -> [SQLValue] {
    [
      .integer(instrument.id), .integer(instrument.unitID), .text(instrument.name),
      .text(instrument.model), .text(instrument.manufacturer), .text(instrument.category.rawValue),
      .integer(instrument.value.fen), .integer(instrument.hourlyRate.fen),
      .text(instrument.location), .text(instrument.openingHours.text),
      .text(instrument.status.rawValue), .flag(instrument.isShared),
      .integer(Int64(instrument.granularityMinutes)), .flag(instrument.rules.approvalRequired),
      .integer(Int64(instrument.rules.maximumMinutes)),
      .integer(Int64(instrument.rules.minimumNoticeMinutes)),
      .integer(Int64(instrument.rules.horizonDays)), .text(instrument.rules.billing.rawValue),
      .integer(Int64(instrument.rules.lateCancellation.hoursBefore)),
      .integer(Int64(instrument.rules.lateCancellation.percent)),
      .optional(instrument.assetNumber), .flag(instrument.rules.trainingRequired),
      .flag(instrument.rules.acceptsExternalQualifications), .integer(time), .integer(time),
    ]
  }

  /// A batch writer of instrument rows: with their ids (seed), or without,
  /// letting the database assign them (import).
  func instrumentBatch(assigningIDs: Bool = false) -> BatchInsert {
    BatchInsert(
      into: "instrument",
      columns: assigningIDs ? Array(Self.writtenColumns.dropFirst()) : Self.writtenColumns,
      database: database)
  }

  /// Instruments matching `filter`, by id.
  public func instruments(matching filter: InstrumentFilter) throws -> [InstrumentListing] {
    let (conditions, parameters) = Self.conditions(of: filter)
    var sql = """
      SELECT \(Self.instrumentColumns), \(Self.unitColumns)
      FROM instrument AS i JOIN unit AS u ON u.id = i.unit_id WHERE \(conditions) ORDER BY i.id
      """
    var all = parameters
    if let limit = filter.limit {
      sql += " LIMIT ?"
      all.append(.integer(Int64(limit)))
    }
    return try database.rows(sql, all, Self.listing(instrumentRow:))
  }

  /// How many instruments match `filter`, whatever its limit and cursor.
  public func instrumentCount(matching filter: InstrumentFilter) throws -> Int {
    var unpaged = filter
    unpaged.afterID = nil
    let (conditions, parameters) = Self.conditions(of: unpaged)
    return Int(
      try database.scalar(
        "SELECT count(*) FROM instrument AS i JOIN unit AS u ON u.id = i.unit_id WHERE \(conditions)",
        parameters) ?? 0)
  }

  /// The asset numbers of `unitID`'s instruments, each with its instrument's id.
  public func assetNumbers(unitID: Int64) throws -> [String: Int64] {
    let pairs = try database.rows(
      "SELECT asset_number, id FROM instrument WHERE unit_id = ? AND asset_number IS NOT NULL",
      [.integer(unitID)]
    ) { (try $0.text(0), try $0.integer(1)) }
    return Dictionary(pairs, uniquingKeysWith: { first, _ in first })
  }

  /// The id of `unitID`'s instrument with `assetNumber`, if there is one.
  public func instrumentID(unitID: Int64, assetNumber: String) throws -> Int64? {
    try database.scalar(
      "SELECT id FROM instrument WHERE unit_id = ? AND asset_number = ?",
      [.integer(unitID), .text(assetNumber)])
  }

  /// The listings of instruments `ids`, by id (one query).
  func instruments(ids: [Int64]) throws -> [Int64: InstrumentListing] {
    guard !ids.isEmpty else { return [:] }
    let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
    let listings = try database.rows(
      """
      SELECT \(Self.instrumentColumns), \(Self.unitColumns)
      FROM instrument AS i JOIN unit AS u ON u.id = i.unit_id WHERE i.id IN (\(marks))
      """, ids.map(SQLValue.integer), Self.listing(instrumentRow:))
    return Dictionary(uniqueKeysWithValues: listings.map { ($0.instrument.id, $0) })
  }

  /// The WHERE conditions of `filter` over `instrument AS i JOIN unit AS u`.
  static func conditions(of filter: InstrumentFilter) -> (String, [SQLValue]) {
    var conditions: [String] = []
    var parameters: [SQLValue] = []
    if let unitID = filter.unitID {
      conditions.append("i.unit_id = ?")
      parameters.append(.integer(unitID))
    }
    if let province = filter.province {
      conditions.append("u.province = ?")
      parameters.append(.text(province.rawValue))
    }
    if let city = filter.city {
      conditions.append("u.city = ?")
      parameters.append(.text(city))
    }
    if let category = filter.category {
      conditions.append("i.category = ?")
      parameters.append(.text(category.rawValue))
    }
    if let tier = filter.tier {
      conditions.append("i.value_fen >= ?")
      parameters.append(.integer(tier.lowerBound.fen))
      if let upper = tier.upperBound {
        conditions.append("i.value_fen < ?")
        parameters.append(.integer(upper.fen))
      }
    }
    if let search = filter.search, !search.isEmpty {
      conditions.append(
        #"(lower(i.name) LIKE ? ESCAPE '\' OR lower(i.model) LIKE ? ESCAPE '\' OR lower(i.manufacturer) LIKE ? ESCAPE '\')"#
      )
      parameters += Array(repeating: .text(containsPattern(search)), count: 3)
    }
    if !filter.includeRetired { conditions.append("i.status <> 'retired'") }
    if let afterID = filter.afterID {
      conditions.append("i.id > ?")
      parameters.append(.integer(afterID))
    }
    return (conditions.isEmpty ? "1 = 1" : conditions.joined(separator: " AND "), parameters)
  }

  /// A LIKE pattern matching text that contains `search`, wildcards escaped.
  static func containsPattern(_ search: String) -> String {
    var pattern = "%"
    for character in search.lowercased() {
      if character == "%" || character == "_" || character == "\\" { pattern.append("\\") }
      pattern.append(character)
    }
    return pattern + "%"
  }

  /// The instrument with `id` and its unit, or a not-found error. With
  /// `lockingRow`, its row stays locked until the transaction ends, so
  /// bookings and changes of one instrument queue up behind each other
  /// (PostgreSQL; SQLite's write transaction already holds the whole file).
  public func instrument(id: Int64, lockingRow: Bool = false) throws -> InstrumentListing {
    let found = try database.first(
      """
      SELECT \(Self.instrumentColumns), \(Self.unitColumns)
      FROM instrument AS i JOIN unit AS u ON u.id = i.unit_id WHERE i.id = ?
      """ + (lockingRow ? database.dialect.lockingRows("i") : ""), [.integer(id)],
      Self.listing(instrumentRow:))
    guard let found else {
      throw LabNetError.notFound("no instrument with id \(id)", hint: .listInstruments)
    }
    return found
  }

  /// Writes the fields `changes` names, and only those, from `updated`.
  public func updateInstrument(_ updated: Instrument, fields changes: InstrumentChanges) throws {
    var assignments: [String] = []
    var values: [SQLValue] = []
    func set(_ column: String, _ value: SQLValue, if changed: Bool) {
      guard changed else { return }
      assignments.append("\(column) = ?")
      values.append(value)
    }
    set("name", .text(updated.name), if: changes.name != nil)
    set("model", .text(updated.model), if: changes.model != nil)
    set("manufacturer", .text(updated.manufacturer), if: changes.manufacturer != nil)
    set("category", .text(updated.category.rawValue), if: changes.category != nil)
    set("value_fen", .integer(updated.value.fen), if: changes.value != nil)
    set("hourly_rate_fen", .integer(updated.hourlyRate.fen), if: changes.hourlyRate != nil)
    set("location", .text(updated.location), if: changes.location != nil)
    set("opening_hours", .text(updated.openingHours.text), if: changes.openingHours != nil)
    set("status", .text(updated.status.rawValue), if: changes.status != nil)
    set("shared", .flag(updated.isShared), if: changes.isShared != nil)
    set(
      "granularity_minutes", .integer(Int64(updated.granularityMinutes)),
      if: changes.granularityMinutes != nil)
    let rules = updated.rules
    let ruleChanges = changes.rules
    set(
      "approval_required", .flag(rules.approvalRequired),
      if: ruleChanges.approvalRequired != nil)
    set(
      "max_booking_minutes", .integer(Int64(rules.maximumMinutes)),
      if: ruleChanges.maximumMinutes != nil)
    set(
      "min_notice_minutes", .integer(Int64(rules.minimumNoticeMinutes)),
      if: ruleChanges.minimumNoticeMinutes != nil)
    set("horizon_days", .integer(Int64(rules.horizonDays)), if: ruleChanges.horizonDays != nil)
    set("billing_basis", .text(rules.billing.rawValue), if: ruleChanges.billing != nil)
    set(
      "late_cancel_hours", .integer(Int64(rules.lateCancellation.hoursBefore)),
      if: ruleChanges.lateCancellationHours != nil)
    set(
      "late_cancel_percent", .integer(Int64(rules.lateCancellation.percent)),
      if: ruleChanges.lateCancellationPercent != nil)
    set(
      "training_required", .flag(rules.trainingRequired), if: ruleChanges.trainingRequired != nil)
    set(
      "accepts_external_qualifications", .flag(rules.acceptsExternalQualifications),
      if: ruleChanges.acceptsExternalQualifications != nil)
    set("asset_number", .optional(updated.assetNumber), if: changes.assetNumber != nil)
    set("updated_at", .integer(now().seconds), if: true)
    try database.execute(
      "UPDATE instrument SET \(assignments.joined(separator: ", ")) WHERE id = ?",
      values + [.integer(updated.id)])
  }
}

/// Writes imported instruments in multi-row batches; the database assigns
/// their ids, so imports and registrations may run side by side.
public final class InstrumentWriter {
  private let batch: BatchInsert
  private let time: Int64

  init(batch: BatchInsert, time: Int64) {
    self.batch = batch
    self.time = time
  }

  /// Queues one instrument; writes a batch when it is full.
  public func add(_ draft: InstrumentDraft) throws {
    try batch.add(Array(NetworkStore.columns(of: draft.instrument(id: 0), at: time).dropFirst()))
  }

  /// Writes what is queued.
  public func flush() throws { try batch.flush() }
}

extension NetworkStore {
  /// A writer of new instruments inside the current transaction.
  public func instrumentWriter() -> InstrumentWriter {
    InstrumentWriter(batch: instrumentBatch(assigningIDs: true), time: now().seconds)
  }
}

extension NetworkStore {
  /// The ids of shared instruments in service with `hours` and steps of
  /// `granularityMinutes`, by id: a light query for workloads (the bench).
  public func instrumentIDs(openingHours hours: OpeningHours, granularityMinutes: Int) throws
    -> [Int64]
  {
    try database.rows(
      "SELECT id FROM instrument WHERE opening_hours = ? AND granularity_minutes = ? AND shared = 1 AND status = 'in_service' ORDER BY id",
      [.text(hours.text), .integer(Int64(granularityMinutes))]
    ) { try $0.integer(0) }
  }
}
