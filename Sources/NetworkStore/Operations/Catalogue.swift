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
    i.hourly_rate_fen, i.location, i.opening_hours, i.status, i.shared, i.granularity_minutes
    """

  static func instrument(from row: any SQLRow) -> Instrument {
    Instrument(
      id: row.int64(0), unitID: row.int64(1), name: row.string(2), model: row.string(3),
      manufacturer: row.string(4),
      category: InstrumentCategory(rawValue: row.string(5)) ?? .other,
      value: Money(fen: row.int64(6)), hourlyRate: Money(fen: row.int64(7)),
      location: row.string(8),
      openingHours: (try? OpeningHours(parsing: row.string(9))) ?? .standard,
      status: InstrumentStatus(rawValue: row.string(10)) ?? .retired, isShared: row.bool(11),
      granularityMinutes: row.int(12))
  }

  /// Registers an instrument for its unit (that unit's manager, or an admin).
  public func registerInstrument(_ draft: InstrumentDraft) throws -> Instrument {
    _ = try ValueTier.admit(value: draft.value)
    let unit = try unit(id: draft.unitID)
    try actingAccount().requireManager(of: unit, to: "register instruments of \(unit.name)")
    return try write {
      var instrument = draft.instrument(id: 0)
      let columns = Self.columns(of: instrument, at: now().seconds).dropFirst()
      instrument.id =
        try database.scalar(
          "INSERT INTO instrument (\(Self.writtenColumns.dropFirst().joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", "))) RETURNING id",
          Array(columns)) ?? 0
      return instrument
    }
  }

  /// The columns `columns(of:at:)` fills, in order.
  static let writtenColumns = [
    "id", "unit_id", "name", "model", "manufacturer", "category", "value_fen", "hourly_rate_fen",
    "location", "opening_hours", "status", "shared", "granularity_minutes", "created_at",
    "updated_at",
  ]

  /// An instrument's values for `writtenColumns`.
  static func columns(of instrument: Instrument, at time: Int64) -> [SQLValue] {
    [
      .integer(instrument.id), .integer(instrument.unitID), .text(instrument.name),
      .text(instrument.model), .text(instrument.manufacturer), .text(instrument.category.rawValue),
      .integer(instrument.value.fen), .integer(instrument.hourlyRate.fen),
      .text(instrument.location), .text(instrument.openingHours.text),
      .text(instrument.status.rawValue), .flag(instrument.isShared),
      .integer(Int64(instrument.granularityMinutes)), .integer(time), .integer(time),
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
    return try database.rows(sql, all) { row in
      InstrumentListing(instrument: Self.instrument(from: row), unit: Self.unit(from: row, at: 13))
    }
  }

  /// The listings of instruments `ids`, by id (one query).
  func instruments(ids: [Int64]) throws -> [Int64: InstrumentListing] {
    guard !ids.isEmpty else { return [:] }
    let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
    let listings = try database.rows(
      """
      SELECT \(Self.instrumentColumns), \(Self.unitColumns)
      FROM instrument AS i JOIN unit AS u ON u.id = i.unit_id WHERE i.id IN (\(marks))
      """, ids.map(SQLValue.integer)
    ) { row in
      InstrumentListing(instrument: Self.instrument(from: row), unit: Self.unit(from: row, at: 13))
    }
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
  /// bookings of one instrument queue up behind each other (PostgreSQL).
  public func instrument(id: Int64, lockingRow: Bool = false) throws -> InstrumentListing {
    let found = try database.first(
      """
      SELECT \(Self.instrumentColumns), \(Self.unitColumns)
      FROM instrument AS i JOIN unit AS u ON u.id = i.unit_id WHERE i.id = ?
      """ + (lockingRow ? database.dialect.lockingRows("i") : ""), [.integer(id)]
    ) { row in
      InstrumentListing(instrument: Self.instrument(from: row), unit: Self.unit(from: row, at: 13))
    }
    guard let found else {
      throw LabNetError.notFound("no instrument with id \(id); `labnet instrument list` shows them")
    }
    return found
  }

  /// Changes an instrument (its unit's manager, or an admin): `change` edits
  /// a copy, which is checked and written back whole.
  public func updateInstrument(id: Int64, _ change: (inout Instrument) throws -> Void) throws
    -> Instrument
  {
    try write {
      let current = try instrument(id: id)
      try actingAccount().requireManager(of: current.unit, to: "change instrument \(id)")
      var updated = current.instrument
      try change(&updated)
      updated.id = current.instrument.id
      updated.unitID = current.instrument.unitID
      _ = try ValueTier.admit(value: updated.value)
      if current.instrument.status == .retired {
        throw LabNetError.refused("instrument \(id) is retired; a retired instrument cannot change")
      }
      try database.execute(
        """
        UPDATE instrument SET name = ?, model = ?, manufacturer = ?, category = ?, value_fen = ?,
          hourly_rate_fen = ?, location = ?, opening_hours = ?, status = ?, shared = ?,
          granularity_minutes = ?, updated_at = ?
        WHERE id = ?
        """,
        [
          .text(updated.name), .text(updated.model), .text(updated.manufacturer),
          .text(updated.category.rawValue), .integer(updated.value.fen),
          .integer(updated.hourlyRate.fen), .text(updated.location),
          .text(updated.openingHours.text), .text(updated.status.rawValue),
          .flag(updated.isShared), .integer(Int64(updated.granularityMinutes)),
          .integer(now().seconds), .integer(id),
        ])
      return updated
    }
  }

  /// Retires an instrument for good (its unit's manager, or an admin).
  public func retireInstrument(id: Int64) throws -> Instrument {
    try updateInstrument(id: id) { $0.status = .retired }
  }
}
