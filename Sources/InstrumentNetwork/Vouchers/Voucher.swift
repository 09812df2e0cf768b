/// An innovation voucher: issued by a province to one of its enterprises, it
/// pays part of instrument fees until its balance or its validity runs out.
public struct Voucher: Sendable, Hashable {
  /// Whether a voucher can pay now.
  public enum Standing: String, Sendable {
    case active
    case notYetValid = "not_yet_valid"
    case expired
    case exhausted
    case revoked
  }

  public var id: Int64
  /// Printable code, like `ZJ-2026-000123`.
  public var code: String
  /// The issuing province.
  public var province: Province
  public var holderUnitID: Int64
  public var faceValue: Money
  /// Face value minus the ledger's net redemptions; kept by the database.
  public var balance: Money
  /// Valid from this instant (inclusive) …
  public var validFrom: Instant
  /// … until this one (exclusive).
  public var validTo: Instant
  public var isRevoked: Bool

  public init(
    id: Int64, code: String, province: Province, holderUnitID: Int64, faceValue: Money,
    balance: Money, validFrom: Instant, validTo: Instant, isRevoked: Bool = false
  ) {
    self.id = id
    self.code = code
    self.province = province
    self.holderUnitID = holderUnitID
    self.faceValue = faceValue
    self.balance = balance
    self.validFrom = validFrom
    self.validTo = validTo
    self.isRevoked = isRevoked
  }

  /// The largest face value labnet issues, 10,000,000.00 yuan.
  public static let maximumFaceValue = Money(yuanWhole: 10_000_000)

  /// Where the voucher stands at `now`.
  public func standing(at now: Instant) -> Standing {
    if isRevoked { return .revoked }
    if now < validFrom { return .notYetValid }
    if now >= validTo { return .expired }
    if balance.fen == 0 { return .exhausted }
    return .active
  }

  /// A voucher code: province, year and a six-digit sequence number.
  public static func code(province: Province, year: Int, sequence: Int) -> String {
    let number = String(sequence)
    return "\(province.code)-\(year)-" + String(repeating: "0", count: max(0, 6 - number.count))
      + number
  }

  /// How much this voucher pays on a booking now: the smallest of its
  /// balance, the policy's share of `fee` minus what vouchers already cover on
  /// the booking, and the cap minus that cover. Refused, with the figures,
  /// when the voucher cannot pay.
  public func redemption(
    fee: Money, alreadyCovered: Money, policy: VoucherPolicy, instrumentProvince: Province,
    now: Instant
  ) throws(LabNetError) -> Money {
    switch standing(at: now) {
    case .active: break
    case .notYetValid:
      throw .refused("voucher \(code) is valid only from \(validFrom.localDate.iso)")
    case .expired:
      throw .refused(
        "voucher \(code) expired at the end of \((validTo - 1).localDate.iso); it can pay no more")
    case .exhausted: throw .refused("voucher \(code) has no balance left")
    case .revoked: throw .refused("voucher \(code) was revoked")
    }
    guard policy.accepts(provider: instrumentProvince) else {
      throw .refused(
        "\(province.chineseName) vouchers are not accepted at instruments in \(instrumentProvince.chineseName) (\(instrumentProvince.code)); they are accepted in "
          + policy.acceptedIn.map(\.code).joined(separator: ", "))
    }
    let room = policy.share(of: fee) - alreadyCovered
    guard room.fen > 0 else {
      throw .refused(
        "this booking's voucher share is \(policy.share(of: fee).groupedYuan) yuan (\(policy.coverText) of \(fee.groupedYuan)"
          + (policy.capPerBooking.map { ", at most \($0.groupedYuan)" } ?? "")
          + ") and vouchers already cover \(alreadyCovered.groupedYuan)")
    }
    return min(balance, room)
  }
}
