import InstrumentNetwork

/// The network's headline figures, over instruments in service or maintenance
/// (retired ones have left the network).
public struct NetworkStatistics: Sendable, Hashable {
  /// Instruments and their value within one group of a breakdown.
  public struct Group: Sendable, Hashable {
    /// The group's key: a province code, tier or category key.
    public var key: String
    public var units: Int
    public var instruments: Int
    public var value: Money

    public init(
      key: String, units: Int, instruments: Int, value: Money
    ) {
      self.key = key
      self.units = units
      self.instruments = instruments
      self.value = value
    }
  }

  public var units: Int
  public var instruments: Int
  public var totalValue: Money
  /// Instruments worth 500,000 yuan or more (the national "large instrument" bar).
  public var largeOrAbove: Int
  public var byProvince: [Group]
  public var byTier: [Group]
  public var byCategory: [Group]

  public init(
    units: Int, instruments: Int, totalValue: Money, largeOrAbove: Int, byProvince: [Group],
    byTier: [Group], byCategory: [Group]
  ) {
    self.units = units
    self.instruments = instruments
    self.totalValue = totalValue
    self.largeOrAbove = largeOrAbove
    self.byProvince = byProvince
    self.byTier = byTier
    self.byCategory = byCategory
  }
}

extension NetworkStore {
  /// Counts, value and breakdowns by province, value tier and category.
  public func statistics() throws -> NetworkStatistics {
    let active = "i.status <> 'retired'"
    let units = try database.scalar("SELECT count(*) FROM unit") ?? 0
    let totals = try database.first(
      "SELECT count(*), coalesce(sum(i.value_fen), 0), coalesce(sum(CASE WHEN i.value_fen >= ? THEN 1 ELSE 0 END), 0) FROM instrument AS i WHERE \(active)",
      [.integer(ValueTier.large.lowerBound.fen)]
    ) { (Int($0.int64(0)), Money(fen: $0.int64(1)), Int($0.int64(2))) }
    let unitsByProvince = Dictionary(
      try database.rows("SELECT province, count(*) FROM unit GROUP BY province") {
        ($0.string(0), $0.int(1))
      }, uniquingKeysWith: +)
    var byProvince = try groups(
      "SELECT u.province, count(*), coalesce(sum(i.value_fen), 0) FROM instrument AS i JOIN unit AS u ON u.id = i.unit_id WHERE \(active) GROUP BY u.province",
      keys: Province.allCases.map(\.rawValue))
    for index in byProvince.indices {
      byProvince[index].units = unitsByProvince[byProvince[index].key] ?? 0
    }
    let byCategory = try groups(
      "SELECT i.category, count(*), coalesce(sum(i.value_fen), 0) FROM instrument AS i WHERE \(active) GROUP BY i.category",
      keys: InstrumentCategory.allCases.map(\.rawValue))
    var byTier: [NetworkStatistics.Group] = []
    for tier in ValueTier.allCases {
      let figures = try database.first(
        "SELECT count(*), coalesce(sum(i.value_fen), 0) FROM instrument AS i WHERE \(active) AND i.value_fen >= ? AND i.value_fen < ?",
        [.integer(tier.lowerBound.fen), .integer(tier.upperBound?.fen ?? Int64.max)]
      ) { ($0.int(0), Money(fen: $0.int64(1))) }
      byTier.append(
        .init(
          key: tier.rawValue, units: 0, instruments: figures?.0 ?? 0, value: figures?.1 ?? .zero))
    }
    return NetworkStatistics(
      units: Int(units), instruments: totals?.0 ?? 0, totalValue: totals?.1 ?? .zero,
      largeOrAbove: totals?.2 ?? 0, byProvince: byProvince, byTier: byTier,
      byCategory: byCategory)
  }

  /// Runs a `key, count, value` grouping and lists every key, zero where absent.
  private func groups(_ sql: String, keys: [String]) throws -> [NetworkStatistics.Group] {
    var found: [String: (Int, Money)] = [:]
    try database.query(sql, []) { found[$0.string(0)] = ($0.int(1), Money(fen: $0.int64(2))) }
    return keys.map {
      .init(key: $0, units: 0, instruments: found[$0]?.0 ?? 0, value: found[$0]?.1 ?? .zero)
    }
  }
}
