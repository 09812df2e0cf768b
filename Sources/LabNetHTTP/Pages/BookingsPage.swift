import Hummingbird
import InstrumentNetwork
import LabNetPresentation
import LabNetService
import NetworkStore

extension Pages {
  /// `/bookings`: my bookings, to cancel or pay with a voucher, and my
  /// calendar's address; the posts of every booking change the pages offer.
  func addBookingsPage(to router: Router<BasicRequestContext>) {
    router.get("/bookings") { request, _ in
      await signedIn(request) { visit in
        let (bookings, token, notices) = try await run {
          (
            try $0.bookings(matching: BookingFilter(mine: true, limit: 200), as: visit.principal),
            try $0.calendarToken(as: visit.principal),
            try $0.notices(unreadOnly: false, limit: 10, as: visit.principal)
          )
        }
        let (entries, qualifications, me) = try await run {
          (
            try $0.waitlist(as: visit.principal),
            try $0.qualifications(mine: true, login: nil, as: visit.principal),
            try $0.me(as: visit.principal)
          )
        }
        let now = api.service.now
        let mine = entries.filter { $0.accountID == me.id }
        let t = PageText.words(visit.language)
        let values: [String: Any] = [
          "bookings": bookings.map { Self.bookingValues($0, visit.language) },
          "calendar": "/api/v1/calendar/\(token).ics",
          // The newest messages of the outbox (docs/cli.md, notify send).
          "has_waitlist": !mine.isEmpty,
          "waitlist": mine.map {
            [
              "id": $0.id, "instrument_id": $0.instrumentID,
              "window": "\($0.window.lowerBound.localText) – \($0.window.upperBound.localText)",
              "minutes": $0.durationMinutes, "status": $0.status.rawValue,
              "status_words": t["waitlist_" + $0.status.rawValue] ?? $0.status.rawValue,
              "waiting": $0.status == .waiting, "booked": $0.bookingID != nil,
              "booking": $0.bookingID ?? 0,
            ] as [String: Any]
          },
          "has_qualifications": !qualifications.isEmpty,
          "qualifications": qualifications.map {
            [
              "model": $0.listing.qualification.instrumentModel.text,
              "granted_unit": $0.listing.grantedUnitName,
              "valid_until": $0.listing.qualification.validUntil.localDate.iso,
              "state": $0.listing.qualification.state(at: now),
              "usable": ($0.usableAt ?? []).map { ["id": $0] },
            ] as [String: Any]
          },
          "has_notices": !notices.isEmpty,
          "notices": notices.map {
            [
              "kind": $0.kind, "subject": $0.subject, "body": $0.body,
              "written": $0.createdAt.localText, "unread": $0.readAt == nil,
            ] as [String: Any]
          },
        ]
        return page(
          "bookings", title: t["nav_bookings"] ?? "", values, visit: visit,
          notice: Self.notice(request, visit.language))
      }
    }
    router.post("/bookings/{id}/pay") { request, context in
      await signedIn(request) { visit in
        let id = try API.id(context)
        let fields = try await Self.form(request, visit: visit)
        let code = fields["code"] ?? ""
        _ = try await run { try $0.redeemVoucher(code: code, bookingID: id, as: visit.principal) }
        return Self.redirect("/bookings?notice=paid&id=\(id)", visit)
      }
    }
    router.post("/waitlist/{id}/leave") { request, context in
      await signedIn(request) { visit in
        let id = try API.id(context)
        _ = try await Self.form(request, visit: visit)
        _ = try await run { try $0.leaveWaitlist(entryID: id, as: visit.principal) }
        return Self.redirect("/bookings?notice=left&id=\(id)", visit)
      }
    }
    router.post("/bookings/{id}/move") { request, context in
      await signedIn(request) { visit in
        let id = try API.id(context)
        let fields = try await Self.form(request, visit: visit)
        let move = BookingMove(bookingID: id, interval: try API.interval(fields, "from", "to"))
        _ = try await run { try $0.move(move, as: visit.principal) }
        return Self.redirect("/bookings?notice=move&id=\(id)", visit)
      }
    }
    router.post("/bookings/{id}/{action}") { request, context in
      await signedIn(request) { visit in
        let id = try API.id(context)
        guard let action = BookingAction(rawValue: context.parameters.get("action") ?? "") else {
          throw PageRefusal(status: .notFound, message: "no such change of a booking")
        }
        let fields = try await Self.form(request, visit: visit)
        var used: Range<Instant>?
        if action == .complete {
          used = try API.interval(fields, "from", "to")
        }
        let reason = fields["reason"].flatMap { $0.isEmpty ? nil : $0 }
        let change = BookingChange(action, bookingID: id, reason: reason, used: used)
        _ = try await run { try $0.change(change, as: visit.principal) }
        let next = Self.localPath(fields["next"], fallback: "/bookings")
        return Self.redirect(next + "?notice=\(action.rawValue)&id=\(id)", visit)
      }
    }
  }

  /// A booking's cells, in the CLI's and API's words, and what may be done.
  static func bookingValues(
    _ listing: BookingListing, _ language: PageLanguage, now: Instant? = nil
  ) -> [String: Any] {
    let booking = listing.reservation
    let t = PageText.words(language)
    var values: [String: Any] = [
      "id": booking.id, "instrument_id": booking.instrumentID, "instrument": listing.instrumentName,
      "unit": listing.instrumentUnit.name, "start": booking.start.localText,
      "end": booking.end.localText, "start_field": fieldTime(booking.start),
      "end_field": fieldTime(booking.end), "week": booking.start.localDate.iso,
      "status": booking.status.rawValue,
      "status_words": t["status_" + booking.status.rawValue] ?? booking.status.words,
      "purpose": booking.purpose,
      "fee": (booking.chargedFee ?? booking.quotedFee).groupedYuan,
      "voucher_paid": listing.voucherPaid.groupedYuan,
      "booker": listing.bookerLogin, "booker_unit": listing.bookerUnitName,
      "cancellable": BookingAction.cancel.allowedFrom.contains(booking.status),
      "movable": Rescheduling.allowedFrom.contains(booking.status),
      "payable": ReservationStatus.payable.contains(booking.status),
      // Use is recorded, and a no-show marked, once the booking has begun.
      "confirmed": booking.status == .confirmed && now.map { booking.start <= $0 } ?? false,
    ]
    if let reason = booking.statusReason, !reason.isEmpty { values["reason"] = reason }
    return values
  }

  /// The message of `?notice=KEY&id=N` after a change, in the visitor's words.
  static func notice(_ request: Request, _ language: PageLanguage) -> String? {
    let fields = queryFields(request)
    guard let key = fields["notice"], let text = PageText.words(language)["notice_" + key] else {
      return nil
    }
    let id = fields["id"].flatMap { Int64($0) }.map { " #\($0)" } ?? ""
    return text + id
  }
}
