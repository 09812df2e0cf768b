import Hummingbird
import InstrumentNetwork
import LabNetPresentation
import LabNetService
import NetworkStore

extension Pages {
  /// `/manage`: a manager's morning — pending approvals, this week's
  /// bookings (actual use, no-show), maintenance blocks, the unit's
  /// instruments. The lists are the service's, as the manager may see them.
  func addManagePage(to router: Router<BasicRequestContext>) {
    router.get("/manage") { request, _ in
      await signedIn(request) { visit in
        guard let account = visit.account,
          let unitID = account.managedUnitIDs.first ?? account.unitID,
          account.mayManage(unitID: unitID)
        else {
          throw PageRefusal(
            status: .forbidden, message: "only a unit's managers may open its management page")
        }
        let now = api.service.now
        let today = now.localDate.startInstant
        let principal = visit.principal
        let (pending, upcoming, instruments, blocks) = try await run { service in
          let instruments = try service.instruments(matching: InstrumentFilter(unitID: unitID))
          return (
            try service.bookings(
              matching: BookingFilter(unitID: unitID, status: .pending, limit: 200), as: principal),
            try service.bookings(
              matching: BookingFilter(
                unitID: unitID, window: today..<(today + 7 * 86_400), limit: 200), as: principal),
            instruments,
            try instruments.flatMap { listing in
              try service.blocks(instrumentID: listing.instrument.id)
                .filter { $0.interval.upperBound > now }
                .map { (listing.instrument.name, $0) }
            }
          )
        }
        let t = PageText.words(visit.language)
        let tomorrow = today + 86_400
        let values: [String: Any] = [
          "pending": pending.map { Self.bookingValues($0, visit.language) },
          "upcoming": upcoming.filter { $0.reservation.status != .pending }.map { listing in
            var values = Self.bookingValues(listing, visit.language, now: now)
            values["today"] = listing.reservation.start < tomorrow
            return values
          },
          "instruments": instruments.map { listing in
            [
              "id": listing.instrument.id, "name": listing.instrument.name,
              "rate": listing.instrument.hourlyRate.groupedYuan,
              "status": listing.instrument.status.rawValue.replacingOccurrences(of: "_", with: " "),
              "approval": listing.instrument.rules.approvalRequired
                ? (t["yes"] ?? "") : (t["no"] ?? ""),
            ] as [String: Any]
          },
          "blocks": blocks.map { name, block in
            [
              "id": block.id, "instrument_id": block.instrumentID, "instrument": name,
              "from": block.interval.lowerBound.localText,
              "to": block.interval.upperBound.localText,
              "reason": block.reason,
            ] as [String: Any]
          },
        ]
        return page(
          "manage", title: t["nav_manage"] ?? "", values, visit: visit,
          notice: Self.notice(request, visit.language))
      }
    }
    router.post("/manage/qualifications") { request, _ in
      await signedIn(request) { visit in
        let fields = try await Self.form(request, visit: visit)
        guard let id = Int64(fields["instrument"] ?? ""), id > 0 else {
          throw PageRefusal(status: .badRequest, message: "choose an instrument of the model")
        }
        let login = fields["login"] ?? ""
        if fields["action"] == "revoke" {
          _ = try await run {
            try $0.revokeQualification(login: login, instrumentID: id, as: visit.principal)
          }
          return Self.redirect("/manage?notice=revoked", visit)
        }
        let grant = QualificationGrant(
          login: login, instrumentID: id,
          lastDay: try fields["expires"].flatMap { $0.isEmpty ? nil : $0 }.map {
            text throws(LabNetError) in try LocalDate(parsing: text)
          })
        _ = try await run { try $0.grantQualification(grant, as: visit.principal) }
        return Self.redirect("/manage?notice=granted", visit)
      }
    }
    router.post("/manage/blocks") { request, _ in
      await signedIn(request) { visit in
        let fields = try await Self.form(request, visit: visit)
        guard let id = Int64(fields["instrument"] ?? ""), id > 0 else {
          throw PageRefusal(status: .badRequest, message: "choose an instrument to block")
        }
        let block = BlockRequest(
          instrumentID: id,
          interval: try API.interval(fields, "from", "to"),
          reason: fields["reason"] ?? "", cancellingBookings: false)
        _ = try await run { try $0.blockInstrument(block, as: visit.principal) }
        return Self.redirect("/manage?notice=blocked", visit)
      }
    }
    router.post("/manage/instruments/{instrument}/blocks/{block}/remove") { request, context in
      await signedIn(request) { visit in
        let instrument = try API.id(context, "instrument")
        let block = try API.id(context, "block")
        _ = try await Self.form(request, visit: visit)
        _ = try await run {
          try $0.removeBlock(instrumentID: instrument, blockID: block, as: visit.principal)
        }
        return Self.redirect("/manage?notice=unblocked", visit)
      }
    }
  }
}
