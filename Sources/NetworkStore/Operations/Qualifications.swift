import InstrumentNetwork

/// A qualification with the names a list shows.
public struct QualificationListing: Sendable, Hashable {
  public var qualification: Qualification
  public var login: String
  public var grantedByLogin: String
  public var grantedUnitName: String

  public init(
    qualification: Qualification, login: String, grantedByLogin: String, grantedUnitName: String
  ) {
    self.qualification = qualification
    self.login = login
    self.grantedByLogin = grantedByLogin
    self.grantedUnitName = grantedUnitName
  }
}

extension NetworkStore {
  static let qualificationColumns = """
    q.id, q.account_id, q.manufacturer, q.model, q.category, q.granted_by, q.granted_unit_id,
    q.granted_at, q.expires_at, q.last_used_at, q.revoked_at
    """

  static func qualification(from row: any SQLRow) throws -> Qualification {
    Qualification(
      id: try row.integer(0), accountID: try row.integer(1),
      instrumentModel: InstrumentModel(
        manufacturer: try row.text(2), model: try row.text(3),
        category: try decode(
          InstrumentCategory.self, try row.text(4), column: "qualification.category")),
      grantedBy: try row.integer(5), grantedUnitID: try row.integer(6),
      grantedAt: Instant(seconds: try row.integer(7)),
      expiresAt: Instant(seconds: try row.integer(8)),
      lastUsedAt: row.isNull(9) ? nil : Instant(seconds: row.int64(9)),
      revokedAt: row.isNull(10) ? nil : Instant(seconds: row.int64(10)))
  }

  /// The SQL condition over the rows named `table` (qualifications `q` or
  /// instruments `i`) and its parameters, matching `model`: the same
  /// manufacturer and model, letter case aside; or, for a model that names
  /// neither, no model named and the same category.
  static func matching(_ model: InstrumentModel, in table: String = "q") -> (String, [SQLValue]) {
    model.namesModel
      ? (
        "lower(\(table).manufacturer) = lower(?) AND lower(\(table).model) = lower(?)",
        [.text(model.manufacturer), .text(model.model)]
      )
      : (
        "(\(table).model = '' OR \(table).manufacturer = '') AND \(table).category = ?",
        [.text(model.category.rawValue)]
      )
  }

  /// Everything account `accountID` holds for `model`, revoked ones too.
  public func qualifications(accountID: Int64, for model: InstrumentModel) throws
    -> [Qualification]
  {
    let (condition, parameters) = Self.matching(model)
    return try database.rows(
      "SELECT \(Self.qualificationColumns) FROM qualification AS q WHERE q.account_id = ? AND \(condition) ORDER BY q.id",
      [.integer(accountID)] + parameters, Self.qualification(from:))
  }

  /// Records a grant; returns it with its id.
  public func insertQualification(_ qualification: Qualification) throws -> Qualification {
    var made = qualification
    let model = qualification.instrumentModel
    made.id =
      try database.scalar(
        """
        INSERT INTO qualification (account_id, manufacturer, model, category, granted_by,
          granted_unit_id, granted_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
        """,
        [
          .integer(qualification.accountID), .text(model.manufacturer), .text(model.model),
          .text(model.category.rawValue), .integer(qualification.grantedBy),
          .integer(qualification.grantedUnitID), .integer(qualification.grantedAt.seconds),
          .integer(qualification.expiresAt.seconds),
        ]) ?? 0
    return made
  }

  /// Stamps a qualification's use by a booking — only while it is not
  /// revoked (a revocation that got there first wins); returns whether it did.
  public func useQualification(id: Int64, at time: Instant) throws -> Bool {
    try database.execute(
      "UPDATE qualification SET last_used_at = ? WHERE id = ? AND revoked_at IS NULL",
      [.integer(time.seconds), .integer(id)]) == 1
  }

  /// Revokes what `accountID` holds for `model` and is not yet revoked,
  /// granted by one of `grantedUnitIDs` (any unit when nil); returns the ids.
  public func revokeQualifications(
    accountID: Int64, for model: InstrumentModel, grantedUnitIDs: [Int64]?, at time: Instant,
    by actorID: Int64
  ) throws -> [Int64] {
    let (condition, parameters) = Self.matching(model)
    var sql =
      "UPDATE qualification AS q SET revoked_at = ?, revoked_by = ? WHERE q.account_id = ? AND q.revoked_at IS NULL AND \(condition)"
    var values: [SQLValue] =
      [.integer(time.seconds), .integer(actorID), .integer(accountID)] + parameters
    if let units = grantedUnitIDs {
      sql += " AND q.granted_unit_id IN (\(units.map { _ in "?" }.joined(separator: ", ")))"
      values += units.map(SQLValue.integer)
      if units.isEmpty { return [] }
    }
    return try database.rows(sql + " RETURNING id", values) { try $0.integer(0) }
  }

  /// The qualifications in `scope`, newest first, with their names.
  public func qualifications(in scope: QualificationScope) throws -> [QualificationListing] {
    var conditions = ["1 = 1"]
    var values: [SQLValue] = []
    if let accountID = scope.accountID {
      conditions.append("q.account_id = ?")
      values.append(.integer(accountID))
    }
    if let units = scope.grantedUnitIDs {
      if units.isEmpty { return [] }
      conditions.append(
        "q.granted_unit_id IN (\(units.map { _ in "?" }.joined(separator: ", ")))")
      values += units.map(SQLValue.integer)
    }
    return try database.rows(
      """
      SELECT \(Self.qualificationColumns), a.login, g.login, u.name
      FROM qualification AS q JOIN account AS a ON a.id = q.account_id
        JOIN account AS g ON g.id = q.granted_by JOIN unit AS u ON u.id = q.granted_unit_id
      WHERE \(conditions.joined(separator: " AND ")) ORDER BY q.granted_at DESC, q.id DESC
      """, values
    ) {
      QualificationListing(
        qualification: try Self.qualification(from: $0), login: try $0.text(11),
        grantedByLogin: try $0.text(12), grantedUnitName: try $0.text(13))
    }
  }

  /// The instruments in service of `model` that need training: where a
  /// qualification for it may be wanted.
  public func instrumentsNeedingTraining(on model: InstrumentModel) throws -> [Instrument] {
    let (condition, parameters) = Self.matching(model, in: "i")
    return try database.rows(
      "SELECT \(Self.instrumentColumns) FROM instrument AS i WHERE i.status = 'in_service' AND i.training_required = 1 AND \(condition) ORDER BY i.id",
      parameters, Self.instrument(from:))
  }
}
