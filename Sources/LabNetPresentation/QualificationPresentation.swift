import InstrumentNetwork
import LabNetService
import NetworkStore

/// How qualifications print: the same keys in tables, JSON, CSV and the API.
public enum QualificationPresentation {
  public static let columns: [(key: String, title: String)] = [
    ("id", "ID"), ("login", "Login"), ("instrument_model", "Model"), ("granted_unit", "Granted by"),
    ("valid_until", "Valid until"), ("state", "State"), ("usable_at", "Bookable instruments"),
  ]

  /// Every key of `fields(of:now:)`: the API's list items and CSV hold them all.
  public static let allColumns: [(key: String, title: String)] = fields(
    of: QualificationEntry(
      listing: QualificationListing(
        qualification: Qualification(
          id: 0, accountID: 0,
          instrumentModel: InstrumentModel(manufacturer: "", model: "", category: .other),
          grantedBy: 0, grantedUnitID: 0, grantedAt: Instant(seconds: 0),
          expiresAt: Instant(seconds: 1)), login: "", grantedByLogin: "", grantedUnitName: "")),
    now: Instant(seconds: 0)
  ).map { ($0.key, $0.title) }

  /// The cells of `columns` (the table's, by default).
  public static func row(
    of entry: QualificationEntry, now: Instant,
    columns: [(key: String, title: String)] = QualificationPresentation.columns
  ) -> [Cell] {
    let fields = fields(of: entry, now: now)
    return columns.map { column in
      fields.first { $0.key == column.key }?.value ?? .none
    }
  }

  public static func fields(of entry: QualificationEntry, now: Instant) -> [Field] {
    let listing = entry.listing
    let held = listing.qualification
    let model = held.instrumentModel
    return [
      Field("id", "ID", .number(held.id)),
      Field("login", "Login", .text(listing.login)),
      Field("instrument_model", "Model", .text(model.text)),
      Field("manufacturer", "Manufacturer", .text(model.manufacturer)),
      Field("model", "Model designation", .text(model.model)),
      Field("category", "Category", .text(model.category.rawValue)),
      Field("granted_by", "Granted by (login)", .text(listing.grantedByLogin)),
      Field("granted_unit_id", "Granting unit ID", .number(held.grantedUnitID)),
      Field("granted_unit", "Granting unit", .text(listing.grantedUnitName)),
      Field("granted_at", "Granted at", .text(held.grantedAt.iso8601)),
      Field("expires_at", "Expires at", .text(held.expiresAt.iso8601)),
      Field("last_used_at", "Last used", held.lastUsedAt.map { .text($0.iso8601) } ?? .none),
      Field("valid_until", "Valid until", .text(held.validUntil.iso8601)),
      Field("state", "State", .text(held.state(at: now))),
      Field(
        "usable_at", "Bookable instruments",
        entry.usableAt.map { .list($0.map(String.init)) } ?? .none),
    ]
  }
}
