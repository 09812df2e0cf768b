import InstrumentNetwork
import NetworkStore

/// The fields each domain value shows, shared by list and show commands.
enum Presentation {
  static func fields(of unit: Unit) -> [Field] {
    [
      Field("id", "ID", .number(unit.id)),
      Field("name", "Name", .text(unit.name)),
      Field("province", "Province", .text(unit.province.code)),
      Field("city", "City", .text(unit.city)),
      Field("kind", "Kind", .text(unit.kind.rawValue)),
    ]
  }

  static func fields(of summary: UnitSummary) -> [Field] {
    fields(of: summary.unit) + [
      Field("instruments", "Instruments", .number(summary.instrumentCount)),
      Field("total_value_yuan", "Total value (yuan)", .money(summary.totalValue)),
      Field("managers", "Managers", .list(summary.managers)),
    ]
  }

  static let instrumentColumns: [(key: String, title: String)] = [
    ("id", "ID"), ("name", "Name"), ("unit", "Unit"), ("province", "Prov"),
    ("city", "City"), ("category", "Category"), ("tier", "Tier"),
    ("value_yuan", "Value (yuan)"), ("rate_yuan_per_hour", "Rate/h (yuan)"),
    ("status", "Status"),
  ]

  static func row(of listing: InstrumentListing) -> [Cell] {
    let instrument = listing.instrument
    return [
      .number(instrument.id), .text(instrument.name), .text(listing.unit.name),
      .text(listing.unit.province.code), .text(listing.unit.city),
      .text(instrument.category.rawValue), .text(instrument.tier.rawValue),
      .money(instrument.value), .money(instrument.hourlyRate), .text(instrument.status.rawValue),
    ]
  }

  static func fields(of listing: InstrumentListing) -> [Field] {
    let instrument = listing.instrument
    return [
      Field("id", "ID", .number(instrument.id)),
      Field("name", "Name", .text(instrument.name)),
      Field("model", "Model", .text(instrument.model)),
      Field("manufacturer", "Manufacturer", .text(instrument.manufacturer)),
      Field("unit_id", "Unit ID", .number(listing.unit.id)),
      Field("unit", "Unit", .text(listing.unit.name)),
      Field("province", "Province", .text(listing.unit.province.code)),
      Field("city", "City", .text(listing.unit.city)),
      Field("category", "Category", .text(instrument.category.rawValue)),
      Field("category_name", "Category name", .text(instrument.category.chineseName)),
      Field("tier", "Tier", .text(instrument.tier.rawValue)),
      Field("value_yuan", "Value (yuan)", .money(instrument.value)),
      Field("rate_yuan_per_hour", "Rate per hour (yuan)", .money(instrument.hourlyRate)),
      Field("location", "Location", .text(instrument.location)),
      Field("opening_hours", "Opening hours", .text(instrument.openingHours.text)),
      Field("status", "Status", .text(instrument.status.rawValue)),
      Field("shared", "Shared", .flag(instrument.isShared)),
      Field("granularity_minutes", "Granularity (min)", .number(instrument.granularityMinutes)),
      Field("needs_approval", "Needs approval", .flag(instrument.tier.needsApproval)),
    ]
  }

  static let accountColumns: [(key: String, title: String)] = [
    ("id", "ID"), ("login", "Login"), ("name", "Name"), ("unit_id", "Unit"), ("roles", "Roles"),
  ]

  static func row(of account: Account) -> [Cell] {
    [
      .number(account.id), .text(account.login), .text(account.displayName),
      .optional(account.unitID), .list(account.roles.map(\.text)),
    ]
  }
}
