import InstrumentNetwork
import Testing

struct MoneyFeeTests {
  @Test(arguments: [
    // rate fen, seconds, fee fen
    (Int64(120_000), Int64(3600), Int64(120_000)),  // one hour
    (120_000, 5400, 180_000),  // 1h30m
    (100, 18, 1),  // 0.5 fen rounds up
    (100, 17, 0),  // 0.472 fen rounds down
    (100, 53, 1),  // 1.47 fen
    (100, 54, 2),  // exactly 1.5 fen rounds up
    (1, 1, 0),
    (0, 3600, 0),
    (33_333, 60, 556),  // 555.55 fen
    (50_000, 0, 0),
  ])
  func feeRoundsHalfUpToTheFen(rate: Int64, seconds: Int64, fee: Int64) {
    #expect(Money.fee(hourlyRate: Money(fen: rate), seconds: seconds) == Money(fen: fee))
  }

  @Test func feeIsExactForTheLargestRatesAndDurations() {
    let rate = Money(yuanWhole: 100_000_000)
    let ninetyDays: Int64 = 90 * 86_400
    #expect(
      Money.fee(hourlyRate: rate, seconds: ninetyDays) == Money(yuanWhole: 100_000_000 * 90 * 24))
    // Beyond Int64 in the intermediate product, still exact.
    let huge = Money(fen: Int64.max / 1000)
    #expect(Money.fee(hourlyRate: huge, seconds: 10_800).fen == (Int64.max / 1000) * 3)
  }

  @Test func feeOfNegativeRateRoundsAwayFromZero() {
    #expect(Money.fee(hourlyRate: Money(fen: -100), seconds: 54) == Money(fen: -2))
  }

  @Test(arguments: [
    (Int64(333), 5000, Int64(166)),  // 166.5 rounds down
    (1000, 10_000, 1000),
    (1000, 0, 0),
    (999, 3333, 332),  // 332.9667 rounds down
    (1, 9999, 0),
    (Int64.max, 10_000, Int64.max),
    (Int64.max, 5000, Int64.max / 2),
    (-333, 5000, -166),
  ])
  func portionRoundsDown(fen: Int64, basisPoints: Int, portion: Int64) {
    #expect(Money(fen: fen).portion(basisPoints: basisPoints) == Money(fen: portion))
  }
}
