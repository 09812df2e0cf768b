/// What vouchers keep when a booking is completed: its charge may be less
/// than the quote they paid on, so what they pay beyond their share of the
/// charge goes back, latest voucher first. The store and the seed both settle
/// through this one rule.
public enum VoucherSettlement {
  /// One voucher's part of a booking's cover.
  public struct Share: Sendable, Hashable {
    public var voucherID: Int64
    public var amount: Money

    public init(voucherID: Int64, amount: Money) {
      self.voucherID = voucherID
      self.amount = amount
    }
  }

  /// The refunds that bring `cover` (in the order the vouchers were applied)
  /// down to `allowed`, the share of the charge vouchers may keep.
  public static func returns(cover: [Share], allowed: Money) -> [Share] {
    var remaining = cover
    var excess = cover.reduce(Money.zero) { $0 + $1.amount } - allowed
    var returns: [Share] = []
    while excess.fen > 0, let last = remaining.popLast() {
      let back = min(excess, last.amount)
      returns.append(Share(voucherID: last.voucherID, amount: back))
      excess = excess - back
    }
    return returns
  }
}
