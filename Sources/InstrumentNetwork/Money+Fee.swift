/// Fee arithmetic, exact in integers: 128-bit intermediates never overflow.
extension Money {
  /// The fee for `seconds` at `hourlyRate`: rate × seconds / 3600, rounded half-up to the fen.
  ///
  /// Negative inputs round half away from zero; traps only if the result does not fit in Int64.
  public static func fee(hourlyRate: Money, seconds: Int64) -> Money {
    let negative = (hourlyRate.fen < 0) != (seconds < 0)
    let magnitude = scaled(
      hourlyRate.fen.magnitude, by: seconds.magnitude, over: 3600, roundHalfUp: true)
    return Money(signed: magnitude, negative: negative)
  }

  /// The share of this amount given in basis points (10000 = 100%), rounded toward zero.
  ///
  /// A voucher may pay at most its share, so the fen is never rounded up:
  /// `Money(fen: 333).portion(basisPoints: 5000)` is 166 fen.
  public func portion(basisPoints: Int) -> Money {
    precondition(basisPoints >= 0, "portion(basisPoints:) needs a non-negative share")
    let magnitude = Money.scaled(
      fen.magnitude, by: UInt64(basisPoints), over: 10_000, roundHalfUp: false)
    return Money(signed: magnitude, negative: fen < 0)
  }

  /// a × b / divisor in 128 bits, rounded half-up or down.
  private static func scaled(
    _ a: UInt64, by b: UInt64, over divisor: UInt64, roundHalfUp: Bool
  ) -> UInt64 {
    var (high, low) = a.multipliedFullWidth(by: b)
    if roundHalfUp {
      let (sum, carry) = low.addingReportingOverflow(divisor / 2)
      low = sum
      if carry { high += 1 }
    }
    precondition(high < divisor, "money arithmetic overflows Int64 fen")
    return divisor.dividingFullWidth((high, low)).quotient
  }

  private init(signed magnitude: UInt64, negative: Bool) {
    if negative {
      precondition(magnitude <= Int64.min.magnitude, "money arithmetic overflows Int64 fen")
      self.init(fen: magnitude == Int64.min.magnitude ? Int64.min : -Int64(magnitude))
    } else {
      precondition(magnitude <= UInt64(Int64.max), "money arithmetic overflows Int64 fen")
      self.init(fen: Int64(magnitude))
    }
  }
}
