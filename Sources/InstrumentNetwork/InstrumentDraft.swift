/// An instrument as a lab manager registers it; the store assigns the id.
public struct InstrumentDraft: Sendable, Hashable {
  public var unitID: Int64
  public var name: String
  public var model = ""
  public var manufacturer = ""
  public var category: InstrumentCategory
  public var value: Money
  public var hourlyRate: Money
  public var location = ""
  public var openingHours = OpeningHours.standard
  public var isShared = true
  public var granularityMinutes = Instrument.defaultGranularityMinutes
  /// Rule changes from the network's defaults for the instrument's tier.
  public var rules = InstrumentRuleChanges()
  /// The unit's asset number (资产编号), unique within the unit; nil when it has none.
  public var assetNumber: String?

  public init(
    unitID: Int64, name: String, category: InstrumentCategory, value: Money, hourlyRate: Money
  ) {
    self.unitID = unitID
    self.name = name
    self.category = category
    self.value = value
    self.hourlyRate = hourlyRate
  }

  /// The instrument this draft registers, in service, with `id`.
  public func instrument(id: Int64) -> Instrument {
    Instrument(
      id: id, unitID: unitID, name: name, model: model, manufacturer: manufacturer,
      category: category, value: value, hourlyRate: hourlyRate, location: location,
      openingHours: openingHours, status: .inService, isShared: isShared,
      granularityMinutes: granularityMinutes,
      rules: (try? checkedRules()) ?? .standard(for: ValueTier(value: value) ?? .standard),
      assetNumber: assetNumber)
  }

  /// The network's rules for this instrument's tier with the draft's
  /// changes, refused when one is out of range. The service calls it before
  /// writing, so `instrument(id:)` never meets a refusal.
  public func checkedRules() throws(LabNetError) -> InstrumentRules {
    try rules.applied(to: .standard(for: ValueTier(value: value) ?? .standard))
  }

  /// Takes the details `changes` gives (model, maker, location, hours,
  /// granularity, sharing, asset number); the others stay. The service checks them.
  public mutating func take(_ changes: InstrumentChanges) {
    model = changes.model ?? model
    manufacturer = changes.manufacturer ?? manufacturer
    location = changes.location ?? location
    openingHours = changes.openingHours ?? openingHours
    granularityMinutes = changes.granularityMinutes ?? granularityMinutes
    isShared = changes.isShared ?? isShared
    rules = changes.rules
    if let asset = changes.assetNumber { assetNumber = asset.isEmpty ? nil : asset }
  }
}
