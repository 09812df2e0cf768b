import InstrumentNetwork
import Testing

struct InstrumentRulesTests {
  @Test(arguments: [
    // basis, booked, used, charged (seconds)
    (BillingBasis.booked, 7_200, 3_600, 7_200), (.booked, 7_200, 10_800, 7_200),
    (.actual, 7_200, 3_600, 3_600), (.actual, 7_200, 10_800, 10_800),
    (.greater, 7_200, 3_600, 7_200), (.greater, 7_200, 10_800, 10_800),
  ])
  func billingBasisCharges(basis: BillingBasis, booked: Int64, used: Int64, charged: Int64) {
    #expect(basis.chargedSeconds(booked: booked, used: used) == charged)
  }

  @Test func theDefaultsAreTodaysNetworkRules() {
    let flagship = InstrumentRules.standard(for: .flagship)
    #expect(flagship.approvalRequired)
    #expect(!InstrumentRules.standard(for: .major).approvalRequired)
    #expect(flagship.maximumMinutes == 72 * 60)
    #expect(flagship.minimumNoticeMinutes == 0)
    #expect(flagship.horizonDays == 90)
    #expect(flagship.billing == .greater)
    #expect(flagship.lateCancellation == LateCancellation(hoursBefore: 24, percent: 50))
  }

  @Test func lateCancellationChargesInsideItsWindowOnly() throws {
    let start = try Instant(parsing: "2026-12-08 09:00")
    let quote = Money(fen: 70_001)
    let policy = LateCancellation.standard
    // 24 h before exactly is early enough; a second later is late.
    #expect(policy.charge(quote: quote, start: start, now: start - 86_400) == nil)
    #expect(policy.charge(quote: quote, start: start, now: start - 86_399) == Money(fen: 35_001))
    #expect(
      LateCancellation(hoursBefore: 48, percent: 0).charge(quote: quote, start: start, now: start)
        == nil)
    #expect(
      LateCancellation(hoursBefore: 2, percent: 100).charge(
        quote: quote, start: start, now: start - 3_600) == quote)
  }

  @Test func onlyTheBookersLateCancellationOfAConfirmedBookingIsCharged() throws {
    let start = try Instant(parsing: "2026-12-08 09:00")
    var booking = Reservation(
      id: 7, instrumentID: 2, bookerID: 5, bookerUnitID: 3, start: start, end: start + 7_200,
      purpose: "", status: .confirmed, hourlyRate: Money(yuanWhole: 200),
      quotedFee: Money(yuanWhole: 400))
    let policy = LateCancellation.standard
    let late = start - 3_600
    #expect(policy.charge(cancelling: booking, byTheLab: false, now: late) == Money(yuanWhole: 200))
    #expect(policy.charge(cancelling: booking, byTheLab: true, now: late) == nil)
    #expect(policy.charge(cancelling: booking, byTheLab: false, now: start - 2 * 86_400) == nil)
    booking.status = .pending
    #expect(policy.charge(cancelling: booking, byTheLab: false, now: late) == nil)
  }

  @Test func billingBasisParsesItsNames() throws {
    #expect(try BillingBasis(parsing: " Actual ") == .actual)
    #expect(throws: LabNetError.self) { try BillingBasis(parsing: "most") }
  }
}
