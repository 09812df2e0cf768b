/// A member unit (成员单位): a university, institute, enterprise or hospital in the network.
public struct Unit: Sendable, Hashable, Codable {
  /// The store's identifier.
  public var id: Int64
  /// The unit's name, like `复旦大学`.
  public var name: String
  /// The province the unit is in.
  public var province: Province
  /// The city the unit is in, like `上海` or `杭州`.
  public var city: String
  /// What sort of organisation the unit is.
  public var kind: UnitKind

  /// A unit with the given fields.
  public init(id: Int64, name: String, province: Province, city: String, kind: UnitKind) {
    self.id = id
    self.name = name
    self.province = province
    self.city = city
    self.kind = kind
  }
}
