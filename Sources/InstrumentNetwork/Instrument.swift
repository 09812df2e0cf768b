/// A shared instrument as the store holds it.
public struct Instrument: Sendable, Hashable, Codable {
  /// The default booking granularity, 15 minutes.
  public static let defaultGranularityMinutes = 15

  /// The store's identifier.
  public var id: Int64
  /// The owning unit.
  public var unitID: Int64
  /// The instrument's name, like `透射电子显微镜`.
  public var name: String
  /// The model designation, possibly empty.
  public var model: String
  /// The manufacturer, possibly empty.
  public var manufacturer: String
  /// The class in the national classification.
  public var category: InstrumentCategory
  /// The purchase value, from which the tier is derived.
  public var value: Money
  /// The fee per hour of use.
  public var hourlyRate: Money
  /// Where the instrument stands, possibly empty.
  public var location: String
  /// When it may be booked each week.
  public var openingHours: OpeningHours
  /// Whether it can be booked now.
  public var status: InstrumentStatus
  /// Whether researchers of other units may book it.
  public var isShared: Bool
  /// Bookings start and end on multiples of this many minutes.
  public var granularityMinutes: Int
  /// Its booking rules: approval, length, notice, horizon, billing, late cancellation.
  public var rules: InstrumentRules
  /// The unit's own asset number (资产编号), unique within the unit, if it has one.
  public var assetNumber: String?

  /// An instrument with the given fields; optional details default to the network's defaults.
  public init(
    id: Int64, unitID: Int64, name: String, model: String = "", manufacturer: String = "",
    category: InstrumentCategory, value: Money, hourlyRate: Money, location: String = "",
    openingHours: OpeningHours = .standard, status: InstrumentStatus = .inService,
    isShared: Bool = true, granularityMinutes: Int = Instrument.defaultGranularityMinutes,
    rules: InstrumentRules? = nil, assetNumber: String? = nil
  ) {
    self.id = id
    self.unitID = unitID
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
    self.rules = rules ?? .standard(for: ValueTier(value: value) ?? .standard)
    self.assetNumber = assetNumber
  }

  /// The value tier; stored instruments are always admitted, so `.standard` is only a fallback.
  public var tier: ValueTier { ValueTier(value: value) ?? .standard }
}
