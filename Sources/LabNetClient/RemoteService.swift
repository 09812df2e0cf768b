import Foundation
import InstrumentNetwork
import LabNetPresentation
import LabNetService
import NetworkStore

/// The use cases through a labnet server's JSON API: the second
/// implementation of the interface the CLI calls. It acts as the account
/// its token belongs to (the `principal` arguments are the server's to
/// decide); every rule is applied by the server, which calls the same
/// service. POSTs that create carry an Idempotency-Key.
public final class RemoteService: LabNetUseCases, @unchecked Sendable {
  let client: HTTPClient

  public init(server: String, token: String?) {
    client = HTTPClient(server: server, token: token)
  }

  public var now: Instant { Instant.now() }

  // MARK: Reading lists

  /// Every item of a list up to `limit` (all when nil), page by page.
  func items(_ path: String, _ query: [(String, String?)] = [], limit: Int? = nil) throws
    -> [JSONRecord]
  {
    var all: [JSONRecord] = []
    var cursor: String?
    repeat {
      let page = min(1000, limit.map { $0 - all.count } ?? 1000)
      let reply = try client.send(
        "GET", path, query: query + [("limit", String(page)), ("cursor", cursor)]
      ).object()
      all += try reply.records("items")
      cursor = reply.optionalText("next_cursor")
    } while cursor != nil && (limit.map { all.count < $0 } ?? true)
    return all
  }

  func created(_ path: String, _ body: [String: Any]) throws -> JSONRecord {
    try client.send("POST", path, json: body, idempotencyKey: UUID().uuidString).object()
  }

  // MARK: Accounts and units

  public func me(as principal: Principal) throws -> Account {
    try client.send("GET", "/me").object().account()
  }

  public func statistics() throws -> NetworkStatistics {
    try client.send("GET", "/network/stats").object().statistics()
  }

  public func units(in province: Province?) throws -> [InstrumentNetwork.Unit] {
    try items("/units", [("province", province?.code)]).map { try $0.unit() }
  }

  public func unit(named reference: String) throws -> InstrumentNetwork.Unit {
    try unitSummary(named: reference).unit
  }

  public func unitSummary(named reference: String) throws -> UnitSummary {
    var id: Int64? = Int64(reference)
    if id == nil {
      id = try units(in: nil).first { $0.name == reference }?.id
    }
    guard let id else {
      throw LabNetError.notFound("no unit named \"\(reference)\"", hint: .listUnits)
    }
    return try client.send("GET", "/units/\(id)").object().unitSummary()
  }

  public func addUnit(_ request: UnitRequest, as principal: Principal) throws
    -> InstrumentNetwork.Unit
  {
    try created(
      "/units",
      [
        "name": request.name, "province": request.province.code, "city": request.city,
        "kind": request.kind.rawValue,
      ]
    ).unit()
  }

  public func addAccount(_ request: AccountRequest, as principal: Principal) throws -> Account {
    var body: [String: Any] = [
      "login": request.login, "name": request.displayName, "roles": request.roles.map(\.text),
    ]
    if let unitID = request.unitID { body["unit_id"] = unitID }
    return try created("/accounts", body).account()
  }

  public func accounts(as principal: Principal) throws -> [Account] {
    try items("/accounts").map { try $0.account() }.sorted { $0.login < $1.login }
  }

  public func setPassword(login: String, password: String, as principal: Principal) throws {
    _ = try client.send(
      "POST", "/accounts/\(HTTPClient.encoded(login))/password", json: ["password": password])
  }

  // MARK: Instruments

  public func instruments(matching filter: InstrumentFilter) throws -> [InstrumentListing] {
    try items("/instruments", Self.query(of: filter), limit: filter.limit).map {
      try $0.instrumentListing()
    }
  }

  public func instrumentCount(matching filter: InstrumentFilter) throws -> Int {
    Int(
      try client.send(
        "GET", "/instruments", query: Self.query(of: filter) + [("limit", "1"), ("count", "true")]
      ).object().integer("total"))
  }

  static func query(of filter: InstrumentFilter) -> [(String, String?)] {
    [
      ("unit", filter.unitID.map(String.init)), ("province", filter.province?.code),
      ("city", filter.city), ("category", filter.category?.rawValue),
      ("tier", filter.tier?.rawValue), ("search", filter.search),
      ("include_retired", filter.includeRetired ? "true" : nil),
    ]
  }

  public func instrumentWithBlocks(id: Int64) throws -> (InstrumentListing, [MaintenanceBlock]) {
    let record = try client.send("GET", "/instruments/\(id)").object()
    return (try record.instrumentListing(), try record.records("blocks").map { try $0.block() })
  }

  public func registerInstrument(_ draft: InstrumentDraft, as principal: Principal) throws
    -> InstrumentListing
  {
    try created(
      "/instruments",
      [
        "unit_id": draft.unitID, "name": draft.name, "model": draft.model,
        "manufacturer": draft.manufacturer, "category": draft.category.rawValue,
        "value_yuan": draft.value.yuanText, "rate_yuan_per_hour": draft.hourlyRate.yuanText,
        "location": draft.location, "opening_hours": draft.openingHours.text,
        "shared": draft.isShared, "granularity_minutes": draft.granularityMinutes,
        "asset_number": draft.assetNumber ?? "",
      ].merging(Self.body(of: draft.rules)) { first, _ in first }
    ).instrumentListing()
  }

  public func updateInstrument(id: Int64, _ changes: InstrumentChanges, as principal: Principal)
    throws -> InstrumentListing
  {
    // The API reads {"status": "retired"} as a retirement: an update never sends one.
    try changes.requireNotRetiring(instrumentID: id)
    var body: [String: Any] = [:]
    body["name"] = changes.name
    body["model"] = changes.model
    body["manufacturer"] = changes.manufacturer
    body["category"] = changes.category?.rawValue
    body["value_yuan"] = changes.value?.yuanText
    body["rate_yuan_per_hour"] = changes.hourlyRate?.yuanText
    body["location"] = changes.location
    body["opening_hours"] = changes.openingHours?.text
    body["status"] = changes.status?.rawValue
    body["shared"] = changes.isShared
    body["granularity_minutes"] = changes.granularityMinutes
    body.merge(Self.body(of: changes.rules)) { first, _ in first }
    body["asset_number"] = changes.assetNumber
    return try client.send("PATCH", "/instruments/\(id)", json: body).object().instrumentListing()
  }

  /// The API's keys for the rules `changes` gives.
  static func body(of changes: InstrumentRuleChanges) -> [String: Any] {
    var body: [String: Any] = [:]
    body["needs_approval"] = changes.approvalRequired
    body["max_booking_minutes"] = changes.maximumMinutes
    body["min_notice_minutes"] = changes.minimumNoticeMinutes
    body["horizon_days"] = changes.horizonDays
    body["billing_basis"] = changes.billing?.rawValue
    body["late_cancel_hours"] = changes.lateCancellationHours
    body["late_cancel_percent"] = changes.lateCancellationPercent
    body["training_required"] = changes.trainingRequired
    body["accepts_external_qualifications"] = changes.acceptsExternalQualifications
    return body
  }

  public func retireInstrument(id: Int64, cancellingBookings: Bool, as principal: Principal)
    throws -> InstrumentListing
  {
    try client.send(
      "PATCH", "/instruments/\(id)",
      json: ["status": "retired", "cancel_bookings": cancellingBookings]
    ).object().instrumentListing()
  }

  /// Sends the file's records as CSV: the server checks and imports them
  /// all or nothing, with the same line numbers.
  public func importInstruments(
    open: () throws -> CSVRecordReader, dryRun: Bool, updating: Bool, as principal: Principal,
    progress: ProgressReport?
  ) throws -> ImportReport {
    let reader = try open()
    var csv = ""
    while let record = try reader.next() {
      csv += record.fields.map(Self.csvField).joined(separator: ",") + "\n"
    }
    return try client.send(
      "POST", "/instruments/import",
      query: [("dry_run", dryRun ? "true" : nil), ("update", updating ? "true" : nil)],
      body: Data(csv.utf8), type: "text/csv; charset=utf-8",
      idempotencyKey: dryRun ? nil : UUID().uuidString
    ).object().importReport()
  }

  static func csvField(_ text: String) -> String {
    guard text.contains(where: { ",\"\r\n".contains($0) }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  public func blockInstrument(_ request: BlockRequest, as principal: Principal) throws
    -> BlockReport
  {
    let record = try created(
      "/instruments/\(request.instrumentID)/blocks",
      [
        "from": request.interval.lowerBound.iso8601, "to": request.interval.upperBound.iso8601,
        "reason": request.reason, "cancel_bookings": request.cancellingBookings,
      ])
    return BlockReport(
      block: try record.block(),
      cancelledBookings: try record.texts("cancelled_bookings").compactMap { Int64($0) })
  }

  public func blocks(instrumentID: Int64) throws -> [MaintenanceBlock] {
    try client.send("GET", "/instruments/\(instrumentID)/blocks").object().records("items").map {
      try $0.block()
    }
  }

  public func removeBlock(instrumentID: Int64, blockID: Int64, as principal: Principal) throws
    -> MaintenanceBlock
  {
    try client.send("DELETE", "/instruments/\(instrumentID)/blocks/\(blockID)").object().block()
  }

  // MARK: Availability

  public func freeSlots(instrumentID: Int64, window: Range<Instant>) throws -> (
    InstrumentListing, [Range<Instant>]
  ) {
    let listing = try instrumentWithBlocks(id: instrumentID).0
    let slots = try client.send(
      "GET", "/instruments/\(instrumentID)/availability",
      query: [("from", window.lowerBound.iso8601), ("to", window.upperBound.iso8601)]
    ).object().records("items").map { try $0.instant("start")..<(try $0.instant("end")) }
    return (listing, slots)
  }

  public func searchFreeRuns(_ search: FreeRunSearch, as principal: Principal) throws
    -> FreeRunPage
  {
    let filter = search.filter
    let page = try client.send(
      "GET", "/availability/search",
      query: [
        ("from", search.window.lowerBound.iso8601), ("to", search.window.upperBound.iso8601),
        ("duration", "\(search.seconds / 60)m"), ("province", filter.province?.code),
        ("city", filter.city), ("category", filter.category?.rawValue),
        ("tier", filter.tier?.rawValue), ("search", filter.search),
        ("max_rate", search.maximumRate?.yuanText), ("limit", String(min(search.limit, 1000))),
        ("sort", search.order.rawValue), ("near", search.near?.code),
      ]
    ).object()
    return FreeRunPage(
      runs: try page.records("items").map { try $0.freeRun() },
      total: Int(page.optionalInteger("total") ?? 0))
  }

  // MARK: Bookings

  public func book(_ request: BookingRequest, as principal: Principal) throws -> BookingListing {
    var body: [String: Any] = [
      "instrument_id": request.instrumentID, "from": request.interval.lowerBound.iso8601,
      "to": request.interval.upperBound.iso8601,
    ]
    body["purpose"] = request.purpose
    body["voucher"] = request.voucher
    return try created("/bookings", body).bookingListing()
  }

  public func change(_ change: BookingChange, as principal: Principal) throws -> BookingListing {
    var body: [String: Any] = [:]
    body["reason"] = change.reason
    body["used_from"] = change.used?.lowerBound.iso8601
    body["used_to"] = change.used?.upperBound.iso8601
    return try client.send(
      "POST", "/bookings/\(change.bookingID)/\(change.action.rawValue)", json: body
    ).object().bookingListing()
  }

  public func move(_ request: BookingMove, as principal: Principal) throws -> BookingListing {
    try client.send(
      "POST", "/bookings/\(request.bookingID)/move",
      json: [
        "from": request.interval.lowerBound.iso8601, "to": request.interval.upperBound.iso8601,
      ]
    ).object().bookingListing()
  }

  public func bookSeries(
    _ request: BookingRequest, recurrence: Recurrence, skipConflicts: Bool,
    as principal: Principal
  ) throws -> BookingSeries {
    var body: [String: Any] = [
      "instrument_id": request.instrumentID, "from": request.interval.lowerBound.iso8601,
      "to": request.interval.upperBound.iso8601, "repeat": recurrence.every.rawValue,
      "skip_conflicts": skipConflicts,
    ]
    body["purpose"] = request.purpose
    body["count"] = recurrence.count
    body["until"] = recurrence.lastDay?.iso
    // A series takes no voucher: the server refuses it in the service's words.
    body["voucher"] = request.voucher
    let reply = try created("/booking-series", body)
    return BookingSeries(
      booked: try reply.records("booked").map { try $0.bookingListing() },
      skipped: try reply.records("skipped").map {
        SkippedOccurrence(
          interval: try $0.instant("start")..<(try $0.instant("end")), reason: try $0.text("reason")
        )
      })
  }

  public func cancelSeries(from bookingID: Int64, reason: String?, as principal: Principal)
    throws -> [BookingListing]
  {
    var body: [String: Any] = [:]
    body["reason"] = reason
    return try client.send("POST", "/bookings/\(bookingID)/cancel-series", json: body).object()
      .records("items").map { try $0.bookingListing() }
  }

  public func joinWaitlist(_ request: WaitlistRequest, as principal: Principal) throws
    -> WaitlistEntry
  {
    var body: [String: Any] = [
      "instrument_id": request.instrumentID, "from": request.window.lowerBound.iso8601,
      "to": request.window.upperBound.iso8601, "duration": "\(request.minutes)m",
    ]
    body["purpose"] = request.purpose
    return try created("/waitlist", body).waitlistEntry()
  }

  public func leaveWaitlist(entryID: Int64, as principal: Principal) throws -> WaitlistEntry {
    try client.send("POST", "/waitlist/\(entryID)/leave").object().waitlistEntry()
  }

  public func waitlist(as principal: Principal) throws -> [WaitlistEntry] {
    try items("/waitlist").map { try $0.waitlistEntry() }
  }

  @discardableResult
  public func setEmail(login: String, address: String, as principal: Principal) throws -> String {
    try client.send(
      "PUT",
      "/accounts/\(login.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? login)/email",
      json: ["email": address]
    ).object().text("email")
  }

  public func grantQualification(_ grant: QualificationGrant, as principal: Principal) throws
    -> QualificationListing
  {
    var body: [String: Any] = ["login": grant.login, "instrument_id": grant.instrumentID]
    body["expires"] = grant.lastDay?.iso
    return try created("/qualifications", body).qualificationEntry().listing
  }

  public func revokeQualification(login: String, instrumentID: Int64, as principal: Principal)
    throws -> Int
  {
    Int(
      try client.send(
        "POST", "/qualifications/revoke", json: ["login": login, "instrument_id": instrumentID]
      ).object().integer("revoked"))
  }

  public func qualifications(mine: Bool, login: String?, as principal: Principal) throws
    -> [QualificationEntry]
  {
    try items("/qualifications", [("mine", mine ? "true" : nil), ("login", login)]).map {
      try $0.qualificationEntry()
    }
  }

  public func booking(id: Int64, as principal: Principal) throws -> BookingListing {
    try client.send("GET", "/bookings/\(id)").object().bookingListing()
  }

  public func bookings(matching filter: BookingFilter, as principal: Principal) throws
    -> [BookingListing]
  {
    try items("/bookings", Self.query(of: filter), limit: filter.limit).map {
      try $0.bookingListing()
    }
  }

  public func bookingCount(matching filter: BookingFilter, as principal: Principal) throws -> Int {
    Int(
      try client.send(
        "GET", "/bookings", query: Self.query(of: filter) + [("limit", "1"), ("count", "true")]
      ).object().integer("total"))
  }

  static func query(of filter: BookingFilter) -> [(String, String?)] {
    [
      ("mine", filter.mine ? "true" : nil), ("instrument", filter.instrumentID.map(String.init)),
      ("unit", filter.unitID.map(String.init)), ("status", filter.status?.rawValue),
      ("from", filter.window?.lowerBound.iso8601), ("to", filter.window?.upperBound.iso8601),
    ]
  }

  // MARK: Vouchers

  public func issueVoucher(_ request: VoucherIssueRequest, as principal: Principal) throws
    -> VoucherListing
  {
    var body: [String: Any] = [
      "holder": request.holder, "amount": request.faceValue.yuanText,
      "expires": request.lastValidDay.iso,
    ]
    body["valid_from"] = request.validFrom?.iso
    return try created("/vouchers", body).voucherListing()
  }

  public func voucher(code: String, as principal: Principal) throws -> VoucherStatement {
    let record = try client.send("GET", "/vouchers/\(HTTPClient.encoded(code))").object()
    return VoucherStatement(
      listing: try record.voucherListing(),
      ledger: try record.records("ledger").map { try $0.ledgerEntry() })
  }

  public func vouchers(matching filter: VoucherFilter, as principal: Principal) throws
    -> [VoucherListing]
  {
    try items(
      "/vouchers",
      [
        ("province", filter.province?.code), ("holder", filter.holderUnitID.map(String.init)),
        ("status", filter.standing?.rawValue),
        ("include_expired", filter.includeExpired ? nil : "false"),
      ]
    ).map { try $0.voucherListing() }  // the server's clock decides what has expired
  }

  public func redeemVoucher(code: String, bookingID: Int64, as principal: Principal) throws
    -> Redemption
  {
    let record = try created(
      "/vouchers/\(HTTPClient.encoded(code))/redeem", ["booking_id": bookingID])
    var listing = try self.voucher(code: code, as: principal).listing
    listing.voucher.balance = try record.money("balance_yuan")
    return Redemption(
      voucher: listing, bookingID: bookingID, amount: try record.money("redeemed_yuan"))
  }

  // MARK: Statements

  /// The statement as the server makes it (its JSON), read back into the value.
  public func statement(
    unit reference: String, month: StatementMonth, side: StatementSide, as principal: Principal
  ) throws -> Statement {
    let unit = try self.unit(named: reference)
    let record = try client.send(
      "GET", "/units/\(unit.id)/statement",
      query: [("month", month.text), ("side", side.rawValue), ("format", "json")]
    ).object()
    var lines: [StatementLine] = []
    for group in try record.records("groups") {
      let party = try group.record("unit")
      let counterpart = StatementParty(
        id: try party.integer("id"), name: try party.text("name"),
        province: try party.parsed("province") { text throws(LabNetError) in
          try Province(parsing: text)
        })
      for line in try group.records("lines") {
        lines.append(
          StatementLine(
            bookingID: try line.integer("booking_id"),
            instrumentID: try line.integer("instrument_id"),
            instrumentName: try line.text("instrument"), counterpart: counterpart,
            bookerLogin: try line.text("booker"), start: try line.instant("start"),
            end: try line.instant("end"),
            status: try line.parsed("status") { text throws(LabNetError) in
              try ReservationStatus(parsing: text)
            },
            seconds: try line.integer("seconds"), charge: try line.money("charge_yuan"),
            voucherShare: try line.money("voucher_share_yuan")))
      }
    }
    return Statement(
      unit: unit, month: month, side: side, lines: lines,
      generatedAt: try record.instant("generated_at"), generatedBy: try record.text("generated_by"))
  }

  public func voucherPolicies(_ provinces: [Province]) throws -> [VoucherPolicy] {
    try provinces.map {
      try client.send("GET", "/voucher-policies/\($0.code)").object().voucherPolicy()
    }
  }

  public func setVoucherPolicy(_ change: VoucherPolicyChange, as principal: Principal) throws
    -> VoucherPolicy
  {
    var body: [String: Any] = [:]
    if let cover = change.coverBasisPoints {
      body["cover_percent"] = "\(cover / 100).\(cover % 100 < 10 ? "0" : "")\(cover % 100)"
    }
    if let cap = change.capPerBooking {
      body["cap_yuan"] = cap.map { $0.yuanText as Any } ?? NSNull()
    }
    if let accepted = change.acceptedIn { body["accepted_in"] = accepted.map(\.code) }
    return try client.send("PUT", "/voucher-policies/\(change.province.code)", json: body)
      .object().voucherPolicy()
  }

  // MARK: Documents

  public func usageDocument(
    by grouping: UsageGrouping, period: Range<Instant>?, province: Province?, top: Int?,
    format: OutputFormat, as principal: Principal
  ) throws -> String {
    try document(
      "/exports/usage", [("by", grouping.rawValue), ("top", top.map { String($0) })],
      period: period, province: province, format: format)
  }

  public func voucherFlowDocument(
    period: Range<Instant>?, province: Province?, format: OutputFormat, as principal: Principal
  ) throws -> String {
    try document("/exports/vouchers", [], period: period, province: province, format: format)
  }

  public func bookingsDocument(
    period: Range<Instant>?, province: Province?, format: OutputFormat, as principal: Principal,
    begin: () throws -> Void, write: (String) throws -> Void
  ) throws {
    let text = try document(
      "/exports/bookings", [], period: period, province: province, format: format)
    try begin()
    try write(text)
  }

  public func calendarDocument(instrumentID: Int64?, as principal: Principal) throws -> (
    text: String, events: Int
  ) {
    let path: String
    if let instrumentID {
      path = "/instruments/\(instrumentID)/calendar.ics"
    } else {
      let feed = try client.send("GET", "/me/calendar-token").object()
      path = String(try feed.text("path").dropFirst("/api/v1".count))
    }
    let text = String(decoding: try client.send("GET", path).body, as: UTF8.self)
    return (text, text.components(separatedBy: "BEGIN:VEVENT").count - 1)
  }

  func document(
    _ path: String, _ query: [(String, String?)], period: Range<Instant>?, province: Province?,
    format: OutputFormat
  ) throws -> String {
    let reply = try client.send(
      "GET", path,
      query: query + [
        ("from", period?.lowerBound.iso8601), ("to", period?.upperBound.iso8601),
        ("province", province?.code), ("format", format.rawValue),
      ])
    return String(decoding: reply.body, as: UTF8.self)
  }
}
