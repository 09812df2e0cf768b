import InstrumentNetwork
import LabNetService
import NetworkStore

/// How vouchers, their ledgers and policies print.
public enum VoucherPresentation {
  public static let columns: [(key: String, title: String)] = [
    ("code", "Code"), ("province", "Prov"), ("holder", "Holder"),
    ("face_value_yuan", "Face (yuan)"),
    ("balance_yuan", "Balance (yuan)"), ("valid_from", "Valid from"), ("expires", "Expires"),
    ("status", "Status"),
  ]

  public static func row(of listing: VoucherListing, now: Instant) -> [Cell] {
    fields(of: listing, now: now).filter { field in columns.contains { $0.key == field.key } }.map(
      \.value)
  }

  public static func fields(of listing: VoucherListing, now: Instant) -> [Field] {
    let voucher = listing.voucher
    return [
      Field("code", "Code", .text(voucher.code)),
      Field("province", "Province", .text(voucher.province.code)),
      Field("holder_unit_id", "Holder unit ID", .number(listing.holder.id)),
      Field("holder", "Holder", .text(listing.holder.name)),
      Field("face_value_yuan", "Face value (yuan)", .money(voucher.faceValue)),
      Field("balance_yuan", "Balance (yuan)", .money(voucher.balance)),
      Field("valid_from", "Valid from", .text(voucher.validFrom.localDate.iso)),
      Field("expires", "Expires after", .text(voucher.validTo.localDate.adding(days: -1).iso)),
      Field("status", "Status", .text(voucher.standing(at: now).rawValue)),
    ]
  }

  public static let ledgerColumns: [(key: String, title: String)] = [
    ("entry_id", "Entry"), ("kind", "Kind"), ("amount_yuan", "Amount (yuan)"),
    ("booking_id", "Booking"), ("recorded_at", "Recorded"),
  ]

  public static func fields(of entry: VoucherLedgerEntry) -> [Field] {
    [
      Field("entry_id", "Entry", .number(entry.id)),
      Field("kind", "Kind", .text(entry.kind.rawValue)),
      Field("amount_yuan", "Amount (yuan)", .money(entry.amount)),
      Field("booking_id", "Booking", .optional(entry.reservationID)),
      Field("recorded_at", "Recorded", .text(entry.recordedAt.iso8601)),
    ]
  }

  public static let policyColumns: [(key: String, title: String)] = [
    ("province", "Province"), ("cover_percent", "Cover"), ("cap_yuan", "Cap per booking (yuan)"),
    ("accepted_in", "Accepted in"),
  ]

  public static func row(of policy: VoucherPolicy) -> [Cell] {
    [
      .text(policy.province.code), .text(policy.coverText),
      policy.capPerBooking.map(Cell.money) ?? .none, .list(policy.acceptedIn.map(\.code)),
    ]
  }

  public static func fields(of policy: VoucherPolicy) -> [Field] {
    zip(policyColumns, row(of: policy)).map { Field($0.key, $0.title, $1) }
  }

  /// What a redemption paid and left.
  public static func fields(of redemption: Redemption, bookingID: Int64) -> [Field] {
    [
      Field("code", "Voucher", .text(redemption.voucher.voucher.code)),
      Field("booking_id", "Booking", .number(bookingID)),
      Field("redeemed_yuan", "Redeemed (yuan)", .money(redemption.amount)),
      Field("balance_yuan", "Balance left (yuan)", .money(redemption.voucher.voucher.balance)),
    ]
  }
}
