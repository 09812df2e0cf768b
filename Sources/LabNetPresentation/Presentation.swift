import InstrumentNetwork
import LabNetService
import NetworkStore

/// The fields each domain value shows, shared by list and show commands.
public enum Presentation {
  public static func fields(of unit: Unit) -> [Field] {
    [
      Field("id", "ID", .number(unit.id)),
      Field("name", "Name", .text(unit.name)),
      Field("province", "Province", .text(unit.province.code)),
      Field("city", "City", .text(unit.city)),
      Field("kind", "Kind", .text(unit.kind.rawValue)),
    ]
  }

  /// The columns of a unit listing.
  public static let unitColumns = fields(
    of: Unit(id: 0, name: "", province: .shanghai, city: "", kind: .other)
  ).map { (key: $0.key, title: $0.title) }

  public static func fields(of summary: UnitSummary) -> [Field] {
    fields(of: summary.unit) + [
      Field("instruments", "Instruments", .number(summary.instrumentCount)),
      Field("total_value_yuan", "Total value (yuan)", .money(summary.totalValue)),
      Field("managers", "Managers", .list(summary.managers)),
    ]
  }

  public static let instrumentColumns: [(key: String, title: String)] = [
    ("id", "ID"), ("name", "Name"), ("unit", "Unit"), ("province", "Prov"),
    ("city", "City"), ("category", "Category"), ("tier", "Tier"),
    ("value_yuan", "Value (yuan)"), ("rate_yuan_per_hour", "Rate/h (yuan)"),
    ("status", "Status"),
  ]

  public static func row(of listing: InstrumentListing) -> [Cell] {
    let instrument = listing.instrument
    return [
      .number(instrument.id), .text(instrument.name), .text(listing.unit.name),
      .text(listing.unit.province.code), .text(listing.unit.city),
      .text(instrument.category.rawValue), .text(instrument.tier.rawValue),
      .money(instrument.value), .money(instrument.hourlyRate), .text(instrument.status.rawValue),
    ]
  }

  public static func fields(of listing: InstrumentListing) -> [Field] {
    let instrument = listing.instrument
    return [
      Field("id", "ID", .number(instrument.id)),
      Field("name", "Name", .text(instrument.name)),
      Field("model", "Model", .text(instrument.model)),
      Field("manufacturer", "Manufacturer", .text(instrument.manufacturer)),
      Field("asset_number", "Asset number", .optional(instrument.assetNumber)),
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
    ] + fields(of: instrument.rules)
  }

  /// An instrument's booking rules, as `instrument show` lists them.
  public static func fields(of rules: InstrumentRules) -> [Field] {
    [
      Field("needs_approval", "Needs approval", .flag(rules.approvalRequired)),
      Field("max_booking_minutes", "Longest booking (min)", .number(rules.maximumMinutes)),
      Field("min_notice_minutes", "Notice (min)", .number(rules.minimumNoticeMinutes)),
      Field("horizon_days", "Bookable ahead (days)", .number(rules.horizonDays)),
      Field("billing_basis", "Billed on", .text(rules.billing.rawValue)),
      Field(
        "late_cancel_hours", "Late cancellation within (h)",
        .number(rules.lateCancellation.hoursBefore)),
      Field(
        "late_cancel_percent", "Late cancellation charge (%)",
        .number(rules.lateCancellation.percent)),
      Field("training_required", "Needs training", .flag(rules.trainingRequired)),
      Field(
        "accepts_external_qualifications", "Accepts other units' training",
        .flag(rules.acceptsExternalQualifications)),
    ]
  }

  /// What an import did (the CLI adds the file's name).
  public static func fields(of report: ImportReport) -> [Field] {
    [
      Field("rows", "Valid rows", .number(report.rows)),
      Field("imported", "Imported", .number(report.dryRun ? 0 : report.rows)),
      Field("added", "Added", .number(report.dryRun ? 0 : report.rows - report.updated)),
      Field("updated", "Updated", .number(report.dryRun ? 0 : report.updated)),
      Field("dry_run", "Dry run", .flag(report.dryRun)),
      Field(
        "units", "Units",
        .list(report.perUnit.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" })),
    ]
  }

  public static let accountColumns: [(key: String, title: String)] = [
    ("id", "ID"), ("login", "Login"), ("name", "Name"), ("unit_id", "Unit"), ("roles", "Roles"),
  ]

  public static func fields(of account: Account) -> [Field] {
    zip(accountColumns, row(of: account)).map { Field($0.key, $0.title, $1) }
  }

  public static func row(of account: Account) -> [Cell] {
    [
      .number(account.id), .text(account.login), .text(account.displayName),
      .optional(account.unitID), .list(account.roles.map(\.text)),
    ]
  }
}

extension Presentation {
  public static let bookingColumns: [(key: String, title: String)] = [
    ("id", "ID"), ("instrument_id", "Instr"), ("instrument", "Instrument"), ("start", "Start"),
    ("end", "End"), ("status", "Status"), ("booker", "Booker"), ("quoted_fee_yuan", "Fee (yuan)"),
  ]

  public static func row(of listing: BookingListing) -> [Cell] {
    let reservation = listing.reservation
    return [
      .number(reservation.id), .number(reservation.instrumentID), .text(listing.instrumentName),
      .text(reservation.start.iso8601), .text(reservation.end.iso8601),
      .text(reservation.status.rawValue), .text(listing.bookerLogin), .money(reservation.quotedFee),
    ]
  }

  public static func fields(of reservation: Reservation) -> [Field] {
    [
      Field("id", "ID", .number(reservation.id)),
      Field("instrument_id", "Instrument", .number(reservation.instrumentID)),
      Field("start", "Start", .text(reservation.start.iso8601)),
      Field("end", "End", .text(reservation.end.iso8601)),
      Field("status", "Status", .text(reservation.status.rawValue)),
      Field("purpose", "Purpose", .text(reservation.purpose)),
      Field("rate_yuan_per_hour", "Rate per hour (yuan)", .money(reservation.hourlyRate)),
      Field("quoted_fee_yuan", "Quoted fee (yuan)", .money(reservation.quotedFee)),
      Field("used_from", "Used from", .optional(reservation.usedFrom?.iso8601)),
      Field("used_to", "Used to", .optional(reservation.usedTo?.iso8601)),
      Field("charged_fee_yuan", "Charged (yuan)", reservation.chargedFee.map(Cell.money) ?? .none),
      Field("status_reason", "Reason", .optional(reservation.statusReason)),
    ]
  }

  public static func fields(of listing: BookingListing) -> [Field] {
    let base = fields(of: listing.reservation)
    return [base[0], base[1]] + [
      Field("instrument", "Instrument name", .text(listing.instrumentName)),
      Field("unit", "Unit", .text(listing.instrumentUnit.name)),
      Field("location", "Location", .text(listing.location)),
      Field("booker", "Booker", .text(listing.bookerLogin)),
      Field("booker_unit", "Booker's unit", .text(listing.bookerUnitName)),
    ] + base.dropFirst(2) + [
      Field("voucher_paid_yuan", "Paid by vouchers (yuan)", .money(listing.voucherPaid)),
      Field("created_at", "Booked at", .optional(listing.reservation.createdAt?.iso8601)),
      Field("approved_by", "Approved by", .optional(listing.approverLogin)),
      Field("approved_at", "Approved at", .optional(listing.reservation.approvedAt?.iso8601)),
    ]
  }
}
