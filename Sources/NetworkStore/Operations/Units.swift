import InstrumentNetwork

/// A unit with what it holds, for `unit show`.
public struct UnitSummary: Sendable, Hashable {
  public var unit: Unit
  /// Instruments not retired.
  public var instrumentCount: Int
  /// Their total purchase value.
  public var totalValue: Money
  /// Logins of the unit's managers.
  public var managers: [String]

  public init(
    unit: Unit, instrumentCount: Int, totalValue: Money, managers: [String]
  ) {
    self.unit = unit
    self.instrumentCount = instrumentCount
    self.totalValue = totalValue
    self.managers = managers
  }
}

extension NetworkStore {
  static let unitColumns = "u.id, u.name, u.province, u.city, u.kind"

  static func unit(from row: any SQLRow, at offset: Int = 0) throws -> Unit {
    Unit(
      id: try row.integer(offset), name: try row.text(offset + 1),
      province: try decode(Province.self, try row.text(offset + 2), column: "unit.province"),
      city: try row.text(offset + 3),
      kind: try decode(UnitKind.self, try row.text(offset + 4), column: "unit.kind"))
  }

  /// Adds a member unit; a unit of the same name is refused.
  public func insertUnit(name: String, province: Province, city: String, kind: UnitKind) throws
    -> Unit
  {
    if try database.scalar("SELECT count(*) FROM unit WHERE name = ?", [.text(name)]) != 0 {
      throw LabNetError.refused("a unit named \"\(name)\" already exists", code: "already_exists")
    }
    let id =
      try database.scalar(
        "INSERT INTO unit (name, province, city, kind, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
        [
          .text(name), .text(province.rawValue), .text(city), .text(kind.rawValue),
          .integer(now().seconds),
        ]) ?? 0
    return Unit(id: id, name: name, province: province, city: city, kind: kind)
  }

  /// Units, optionally of one province, by id.
  public func units(in province: Province? = nil) throws -> [Unit] {
    let filter = province == nil ? "" : " WHERE u.province = ?"
    return try database.rows(
      "SELECT \(Self.unitColumns) FROM unit AS u\(filter) ORDER BY u.id",
      province.map { [.text($0.rawValue)] } ?? []
    ) { try Self.unit(from: $0) }
  }

  /// The unit with `id`, or a not-found error.
  public func unit(id: Int64) throws -> Unit {
    guard
      let unit = try database.first(
        "SELECT \(Self.unitColumns) FROM unit AS u WHERE u.id = ?", [.integer(id)],
        { try Self.unit(from: $0) })
    else {
      throw LabNetError.notFound("no unit with id \(id)", hint: .listUnits)
    }
    return unit
  }

  /// The unit named by an id or its exact name.
  public func unit(named reference: String) throws -> Unit {
    let trimmed = String(
      reference.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    if let id = Int64(trimmed) { return try unit(id: id) }
    guard
      let unit = try database.first(
        "SELECT \(Self.unitColumns) FROM unit AS u WHERE u.name = ?", [.text(trimmed)],
        { try Self.unit(from: $0) })
    else {
      throw LabNetError.notFound(
        "no unit named \"\(trimmed)\"; give its id or exact name", hint: .listUnits)
    }
    return unit
  }

  /// A unit with its instrument count, value and managers.
  public func summary(of unit: Unit) throws -> UnitSummary {
    let totals = try database.first(
      "SELECT count(*), coalesce(sum(value_fen), 0) FROM instrument WHERE unit_id = ? AND status <> 'retired'",
      [.integer(unit.id)]
    ) { ($0.int(0), Money(fen: $0.int64(1))) }
    let managers = try database.rows(
      "SELECT a.login FROM account_role AS r JOIN account AS a ON a.id = r.account_id WHERE r.role = 'manager' AND r.unit_id = ? ORDER BY a.login",
      [.integer(unit.id)]
    ) { $0.string(0) }
    return UnitSummary(
      unit: unit, instrumentCount: totals?.0 ?? 0, totalValue: totals?.1 ?? .zero,
      managers: managers)
  }
}
