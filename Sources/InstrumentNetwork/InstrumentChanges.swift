/// The fields of an instrument a manager changes; nil leaves a field as it is.
/// The store writes only the fields given, so concurrent changes of
/// different fields all hold.
public struct InstrumentChanges: Sendable, Hashable {
  public var name: String?
  public var model: String?
  public var manufacturer: String?
  public var category: InstrumentCategory?
  public var value: Money?
  public var hourlyRate: Money?
  public var location: String?
  public var openingHours: OpeningHours?
  public var status: InstrumentStatus?
  public var isShared: Bool?
  public var granularityMinutes: Int?
  public var rules = InstrumentRuleChanges()
  /// A new asset number; empty removes it.
  public var assetNumber: String?

  public init(
    name: String? = nil, model: String? = nil, manufacturer: String? = nil,
    category: InstrumentCategory? = nil, value: Money? = nil, hourlyRate: Money? = nil,
    location: String? = nil, openingHours: OpeningHours? = nil, status: InstrumentStatus? = nil,
    isShared: Bool? = nil, granularityMinutes: Int? = nil, assetNumber: String? = nil,
    rules: InstrumentRuleChanges = InstrumentRuleChanges()
  ) {
    self.name = name
    self.model = model
    self.manufacturer = manufacturer
    self.category = category
    self.value = value
    self.hourlyRate = hourlyRate
    self.location = location
    self.openingHours = openingHours
    self.status = status
    self.isShared = isShared
    self.granularityMinutes = granularityMinutes
    self.rules = rules
    self.assetNumber = assetNumber
  }

  /// Refuses changes that retire: retiring is its own use case, which
  /// checks the bookings still to come.
  public func requireNotRetiring(instrumentID id: Int64) throws(LabNetError) {
    if status == .retired {
      throw .invalidData(
        "an update does not retire instrument \(id): retiring checks its bookings still to come; retire it instead"
      )
    }
  }

  /// `instrument` with these changes, every changed field checked.
  public func applied(to instrument: Instrument) throws(LabNetError) -> Instrument {
    var changed = instrument
    if let name { changed.name = try NameRule.validate(name, field: "name") }
    if let model { changed.model = try NameRule.optionalDetail(model, field: "model") }
    if let manufacturer {
      changed.manufacturer = try NameRule.optionalDetail(manufacturer, field: "maker")
    }
    if let location { changed.location = try NameRule.optionalDetail(location, field: "location") }
    if let category { changed.category = category }
    if let value { changed.value = value }
    if let hourlyRate { changed.hourlyRate = try Instrument.validRate(hourlyRate) }
    if let openingHours { changed.openingHours = openingHours }
    if let status { changed.status = status }
    if let isShared { changed.isShared = isShared }
    if let granularityMinutes {
      changed.granularityMinutes = try Instrument.validGranularity(granularityMinutes)
    }
    changed.rules = try rules.applied(to: changed.rules)
    if let assetNumber { changed.assetNumber = try Instrument.validAssetNumber(assetNumber) }
    _ = try ValueTier.admit(value: changed.value)
    return changed
  }
}
