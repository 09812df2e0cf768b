import InstrumentNetwork
import Testing

struct ReservationStatusTests {
  @Test(arguments: [
    (ReservationStatus.pending, true), (.confirmed, true), (.completed, true),
    (.cancelled, false), (.rejected, false), (.noShow, false),
  ])
  func holdsTime(status: ReservationStatus, holds: Bool) {
    #expect(status.holdsTime == holds)
  }

  @Test func onlyPendingConfirmedAndCompletedHoldTime() {
    #expect(ReservationStatus.allCases.count == 6)
    #expect(ReservationStatus.allCases.filter(\.holdsTime) == [.pending, .confirmed, .completed])
  }

  @Test func keysAreStable() {
    #expect(
      ReservationStatus.allCases.map(\.rawValue) == [
        "pending", "confirmed", "cancelled", "rejected", "completed", "no_show",
      ])
  }

  @Test(arguments: [
    ("no-show", ReservationStatus.noShow), ("NO_SHOW", .noShow), ("no_show", .noShow),
    ("No Show", .noShow), ("  no - show ", .noShow), ("pending", .pending),
    ("Confirmed", .confirmed), (" CANCELLED\n", .cancelled), ("rejected", .rejected),
    ("completed", .completed),
  ])
  func parses(text: String, status: ReservationStatus) throws {
    #expect(try ReservationStatus(parsing: text) == status)
  }

  @Test func everyKeyParsesToItself() throws {
    for status in ReservationStatus.allCases {
      #expect(try ReservationStatus(parsing: status.rawValue) == status)
    }
  }

  @Test(arguments: ["done", "", "noshow", "confirm", "取消"])
  func unknownTextIsRefusedListingTheStatuses(text: String) {
    #expect(
      invalidDataMessage { () throws(LabNetError) in try ReservationStatus(parsing: text) }
        == "status must be one of pending, confirmed, cancelled, rejected, completed, no_show; "
        + "got \"\(text)\"")
  }

  @Test func codesAsTheKey() throws {
    #expect(try jsonText(ReservationStatus.noShow) == #""no_show""#)
    #expect(try decodeJSON(ReservationStatus.self, #""confirmed""#) == .confirmed)
    #expect(throws: DecodingError.self) { try decodeJSON(ReservationStatus.self, #""no-show""#) }
  }
}
