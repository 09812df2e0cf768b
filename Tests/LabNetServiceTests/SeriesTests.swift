import InstrumentNetwork
import LabNetService
import LabNetTestSupport
import NetworkStore
import Testing

/// "book ID --from --to --repeat daily|weekly --count N|--until DATE
/// [--skip-conflicts]": all or nothing by default, every conflicting
/// occurrence listed; with skip, what is free is booked; a series is
/// cancelled from one occurrence on.
@Suite("Recurring bookings")
struct SeriesTests {
  /// Wednesdays from 2 December 2026, 10:00–11:00, ten weeks.
  static let first = instant("2026-12-02 10:00")..<instant("2026-12-02 11:00")
  static let weekly = Recurrence(every: .weekly, count: 10)

  func week(_ index: Int64) -> Range<Instant> {
    (Self.first.lowerBound + index * 7 * 86_400)..<(Self.first.upperBound + index * 7 * 86_400)
  }

  /// The fixture with another's bookings in weeks 3 and 6 (counting from 0).
  func network() throws -> Fixture {
    let network = try Fixture()
    for index: Int64 in [3, 6] {
      _ = try network.service.book(
        BookingRequest(
          instrumentID: network.nmr.id, interval: week(index), purpose: nil, voucher: nil),
        as: Actor.zjuResearcher.principal)
    }
    return network
  }

  func series(_ network: Fixture, skip: Bool) throws -> BookingSeries {
    try network.service.bookSeries(
      BookingRequest(
        instrumentID: network.nmr.id, interval: Self.first, purpose: "每周测样", voucher: nil),
      recurrence: Self.weekly, skipConflicts: skip, as: Actor.shEnterpriseResearcher.principal)
  }

  func mine(_ network: Fixture) throws -> [BookingListing] {
    try network.service.bookings(
      matching: BookingFilter(mine: true), as: Actor.shEnterpriseResearcher.principal)
  }

  @Test("a weekly series of 10 with 2 taken weeks books nothing, naming both")
  func allOrNothing() throws {
    let network = try network()
    let refusal = labNetError { _ = try series(network, skip: false) }
    #expect(refusal?.code == "series_conflicts")
    let message = refusal?.message ?? ""
    #expect(message.contains("2 of 10 occurrences"), "\(message)")
    #expect(
      message.contains(week(3).lowerBound.iso8601) && message.contains(week(6).lowerBound.iso8601))
    #expect(try mine(network).isEmpty)
  }

  @Test("with skip, the 8 free weeks are booked and the 2 taken ones listed")
  func skipConflicts() throws {
    let network = try network()
    let made = try series(network, skip: true)
    #expect(made.booked.map(\.reservation.interval) == [0, 1, 2, 4, 5, 7, 8, 9].map(week))
    #expect(made.skipped.map(\.interval) == [week(3), week(6)])
    #expect(made.skipped.allSatisfy { $0.reason.contains("taken") })
    #expect(Set(made.booked.map(\.reservation.quotedFee)) == [Money(yuanWhole: 800)])
    #expect(try mine(network).count == 8)
    #expect(try network.database.overlappingBookings() == 0)

    // Cancelling from the fifth booked (week 5) on leaves weeks 0–4 booked.
    let fifth = made.booked[4].reservation
    let cancelled = try network.service.cancelSeries(
      from: fifth.id, reason: nil, as: Actor.shEnterpriseResearcher.principal)
    #expect(cancelled.map(\.reservation.interval) == [5, 7, 8, 9].map(week))
    #expect(cancelled.allSatisfy { $0.reservation.status == .cancelled })
    let left = try mine(network).filter { $0.reservation.status == .confirmed }
    #expect(
      left.map(\.reservation.interval).sorted { $0.lowerBound < $1.lowerBound }
        == [0, 1, 2, 4].map(week))
    // A booking of no series is cancelled alone.
    let single = try network.book(network.nmr, as: .shEnterpriseResearcher)
    #expect(
      labNetError {
        _ = try network.service.cancelSeries(
          from: single.id, reason: nil, as: Actor.shEnterpriseResearcher.principal)
      }?.code == "not_a_series")
    // Another's series is not theirs to cancel.
    #expect(
      labNetError {
        _ = try network.service.cancelSeries(
          from: made.booked[0].reservation.id, reason: nil, as: Actor.zjuResearcher.principal)
      }?.kind == .permission)
  }

  @Test(
    "a series takes --count or --until, 2 to 100 occurrences that do not overlap, and no voucher")
  func shapes() throws {
    let daily = try Recurrence(every: .daily, lastDay: try LocalDate(year: 2026, month: 12, day: 6))
      .occurrences(of: Self.first)
    #expect(daily.count == 5)
    #expect(daily.last?.lowerBound == instant("2026-12-06 10:00"))
    #expect(labNetError { _ = try Recurrence(every: .weekly).occurrences(of: Self.first) } != nil)
    #expect(
      labNetError { _ = try Recurrence(every: .weekly, count: 101).occurrences(of: Self.first) }?
        .kind == .invalidData)
    let long = instant("2026-12-02 10:00")..<instant("2026-12-03 12:00")
    #expect(
      labNetError { _ = try Recurrence(every: .daily, count: 3).occurrences(of: long) }?.kind
        == .invalidData)
    let network = try Fixture()
    let voucher = try network.issueVoucher(to: network.shEnterprise)
    #expect(
      labNetError {
        _ = try network.service.bookSeries(
          BookingRequest(
            instrumentID: network.nmr.id, interval: Self.first, purpose: nil,
            voucher: voucher.code),
          recurrence: Self.weekly, skipConflicts: false,
          as: Actor.shEnterpriseResearcher.principal)
      }?.kind == .invalidData)
    // Weekends fall outside the NMR's hours: a daily series through them is refused whole.
    #expect(
      labNetError {
        _ = try network.service.bookSeries(
          BookingRequest(
            instrumentID: network.nmr.id, interval: Self.first, purpose: nil, voucher: nil),
          recurrence: Recurrence(every: .daily, count: 7), skipConflicts: false,
          as: Actor.shEnterpriseResearcher.principal)
      }?.code == "series_conflicts")
  }
}
