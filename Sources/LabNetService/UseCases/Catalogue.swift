import InstrumentNetwork
import NetworkStore

/// A member unit an admin adds.
public struct UnitRequest: Sendable, Hashable {
  public var name: String
  public var province: Province
  public var city: String
  public var kind: UnitKind

  public init(name: String, province: Province, city: String, kind: UnitKind) {
    self.name = name
    self.province = province
    self.city = city
    self.kind = kind
  }
}

extension NetworkService {
  // MARK: Units

  /// Adds a member unit (admin only).
  public func addUnit(_ request: UnitRequest, as principal: Principal) throws -> Unit {
    let name = try NameRule.validate(request.name, field: "name")
    let city = try NameRule.validate(request.city, field: "city", maxLength: 100)
    return try write { store in
      try actor(principal, in: store).requireAdmin(to: "add units")
      return try store.insertUnit(
        name: name, province: request.province, city: city, kind: request.kind)
    }
  }

  /// Units, optionally of one province (anyone).
  public func units(in province: Province? = nil) throws -> [Unit] {
    try read { try $0.units(in: province) }
  }

  /// The unit named by an id or its exact name (anyone).
  public func unit(named reference: String) throws -> Unit {
    try read { try $0.unit(named: reference) }
  }

  /// A unit with its instrument count, value and managers (anyone).
  public func unitSummary(named reference: String) throws -> UnitSummary {
    try read { store in try store.summary(of: try store.unit(named: reference)) }
  }

  /// The network's headline figures (anyone).
  public func statistics() throws -> NetworkStatistics {
    try read { try $0.statistics() }
  }

  // MARK: Instruments

  /// Instruments matching `filter` (anyone).
  public func instruments(matching filter: InstrumentFilter) throws -> [InstrumentListing] {
    try read { try $0.instruments(matching: filter) }
  }

  /// How many instruments match `filter`, whatever its limit (anyone).
  public func instrumentCount(matching filter: InstrumentFilter) throws -> Int {
    try read { try $0.instrumentCount(matching: filter) }
  }

  /// The ids of bookable instruments with these hours and steps (anyone; for workloads).
  public func instrumentIDs(openingHours hours: OpeningHours, granularityMinutes: Int) throws
    -> [Int64]
  {
    try read { try $0.instrumentIDs(openingHours: hours, granularityMinutes: granularityMinutes) }
  }

  /// One instrument (anyone).
  public func instrument(id: Int64) throws -> InstrumentListing {
    try read { try $0.instrument(id: id) }
  }

  /// Registers an instrument for its unit (that unit's manager, or an admin).
  public func registerInstrument(_ draft: InstrumentDraft, as principal: Principal) throws
    -> InstrumentListing
  {
    var checked = draft
    checked.name = try NameRule.validate(draft.name, field: "name")
    checked.model = try NameRule.optionalDetail(draft.model, field: "model")
    checked.manufacturer = try NameRule.optionalDetail(draft.manufacturer, field: "maker")
    checked.location = try NameRule.optionalDetail(draft.location, field: "location")
    checked.granularityMinutes = try Instrument.validGranularity(draft.granularityMinutes)
    checked.hourlyRate = try Instrument.validRate(draft.hourlyRate)
    checked.assetNumber =
      try draft.assetNumber.map { text throws(LabNetError) in
        try Instrument.validAssetNumber(text)
      } ?? nil
    _ = try ValueTier.admit(value: draft.value)
    _ = try draft.checkedRules()
    return try write { store in
      let actor = try actor(principal, in: store)
      let unit = try store.unit(id: checked.unitID)
      try actor.requireManager(of: unit, to: "register instruments of \(unit.name)")
      try requireAssetNumberFree(checked.assetNumber, unitID: unit.id, store: store)
      let instrument = try store.insertInstrument(checked)
      return InstrumentListing(instrument: instrument, unit: unit)
    }
  }

  /// Changes the fields `changes` names (the unit's manager, or an admin),
  /// under the instrument's row lock; the others stay as they are, so
  /// concurrent changes of different fields all hold.
  public func updateInstrument(id: Int64, _ changes: InstrumentChanges, as principal: Principal)
    throws -> InstrumentListing
  {
    try changes.requireNotRetiring(instrumentID: id)
    return try write { store in
      let actor = try actor(principal, in: store)
      let current = try store.instrument(id: id, lockingRow: true)
      try actor.requireManager(of: current.unit, to: "change instrument \(id)")
      let updated = try changes.applied(to: current.instrument)
      if current.instrument.status == .retired {
        throw LabNetError.refused("instrument \(id) is retired; a retired instrument cannot change")
      }
      if updated.assetNumber != current.instrument.assetNumber {
        try requireAssetNumberFree(updated.assetNumber, unitID: updated.unitID, store: store)
      }
      try store.updateInstrument(updated, fields: changes)
      return try store.instrument(id: id)
    }
  }

  /// Refuses an asset number another instrument of the unit has (the
  /// database's unique index would refuse it too, less clearly).
  private func requireAssetNumberFree(_ asset: String?, unitID: Int64, store: NetworkStore)
    throws
  {
    guard let asset, let other = try store.instrumentID(unitID: unitID, assetNumber: asset) else {
      return
    }
    throw LabNetError.refused(
      "asset number \"\(asset)\" is already instrument \(other)'s in unit \(unitID); asset numbers are unique within a unit",
      code: "asset_number_taken")
  }

  /// Retires an instrument for good (the unit's manager, or an admin).
  /// Refused while bookings of it may still take place (pending or
  /// confirmed, not yet ended), unless `cancellingBookings`, which cancels
  /// them with the reason and refunds their vouchers, as a block does.
  public func retireInstrument(
    id: Int64, cancellingBookings: Bool = false, as principal: Principal
  ) throws -> InstrumentListing {
    try write { store in
      let actor = try actor(principal, in: store)
      let current = try store.instrument(id: id, lockingRow: true)
      try actor.requireManager(of: current.unit, to: "retire instrument \(id)")
      if current.instrument.status == .retired {
        throw LabNetError.refused("instrument \(id) is retired already")
      }
      _ = try clearBookings(
        of: id, in: now..<Instant(seconds: Int64.max / 2), cancelling: cancellingBookings,
        refusal: ("retiring instrument \(id) would leave", "bookings_ahead"),
        reason: "instrument retired", actor: actor, store: store)
      let changes = InstrumentChanges(status: .retired)
      try store.updateInstrument(try changes.applied(to: current.instrument), fields: changes)
      return try store.instrument(id: id)
    }
  }
}
