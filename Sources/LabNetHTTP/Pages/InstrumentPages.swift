import Hummingbird
import InstrumentNetwork
import LabNetPresentation
import LabNetService
import NetworkStore

extension Pages {
  /// `/instruments/{id}`: details, blocks and the week grid (free and taken
  /// time, never whose); `/instruments/{id}/book`: the booking form a free
  /// cell opens, and its post.
  func addInstrumentPages(to router: Router<BasicRequestContext>) {
    router.get("/instruments/{id}") { request, context in
      await anyone(request) { visit in
        let id = try API.id(context)
        let now = api.service.now
        let firstDay = try Self.weekStart(Self.queryFields(request)["week"], now: now)
        let start = firstDay.startInstant
        let window = start..<(start + 7 * 86_400)
        let ((listing, blocks), (_, free)) = try await run {
          (try $0.instrumentWithBlocks(id: id), try $0.freeSlots(instrumentID: id, window: window))
        }
        let grid = WeekGrid(
          instrument: listing.instrument, firstDay: firstDay, free: free, blocks: blocks, now: now)
        let t = PageText.words(visit.language)
        var values = Self.instrumentValues(listing, visit.language)
        values["facts"] = Self.facts(listing, visit.language)
        let coming = blocks.filter { $0.interval.upperBound > now }
        values["has_blocks"] = !coming.isEmpty
        values["blocks"] = coming.map {
          [
            "id": $0.id, "from": $0.interval.lowerBound.localText,
            "to": $0.interval.upperBound.localText, "reason": $0.reason,
          ] as [String: Any]
        }
        values["week_label"] = firstDay.iso
        values["week_from"] = Self.fieldTime(max(start, now))
        values["week_to"] = Self.fieldTime(window.upperBound)
        values["previous_week"] = firstDay.adding(days: -7).iso
        values["next_week"] = firstDay.adding(days: 7).iso
        values["days"] = grid.days.map {
          ["label": "\(t["weekday_\($0.weekday.rawValue)"] ?? "") \($0.month)/\($0.day)"]
        }
        values["rows"] = grid.rows.map { row in
          [
            "hour": row.label,
            "cells": row.cells.map { cell in
              [
                "state": cell.state.rawValue, "free": cell.state == .free,
                "label": t["cell_" + cell.state.rawValue] ?? "",
                "start": cell.interval.lowerBound.localText,
                "from_field": Self.fieldTime(cell.interval.lowerBound),
                "to_field": Self.fieldTime(cell.interval.upperBound),
              ] as [String: Any]
            },
          ] as [String: Any]
        }
        return page("instrument", title: listing.instrument.name, values, visit: visit)
      }
    }
    router.post("/instruments/{id}/waitlist") { request, context in
      await signedIn(request) { visit in
        let id = try API.id(context)
        let fields = try await Self.form(request, visit: visit)
        let wait = WaitlistRequest(
          instrumentID: id, window: try API.interval(fields, "from", "to"),
          minutes: Int(try BookingDuration(parsing: fields["duration"] ?? "").minutes))
        let entry = try await run { try $0.joinWaitlist(wait, as: visit.principal) }
        return Self.redirect("/bookings?notice=waiting&id=\(entry.id)", visit)
      }
    }
    router.get("/instruments/{id}/book") { request, context in
      await signedIn(request) { visit in
        let id = try API.id(context)
        let fields = Self.queryFields(request)
        let (listing, _) = try await run { try $0.instrumentWithBlocks(id: id) }
        var values = Self.instrumentValues(listing, visit.language)
        values["from"] = fields["from"] ?? ""
        values["to"] = fields["to"] ?? ""
        let t = PageText.words(visit.language)
        return page("book", title: t["book_title"] ?? "", values, visit: visit)
      }
    }
    router.post("/instruments/{id}/book") { request, context in
      await signedIn(request) { visit in
        let id = try API.id(context)
        let fields = try await Self.form(request, visit: visit)
        do {
          let booking = BookingRequest(
            instrumentID: id,
            interval: try API.interval(fields, "from", "to"),
            purpose: fields["purpose"].flatMap { $0.isEmpty ? nil : $0 },
            voucher: fields["voucher"].flatMap { $0.isEmpty ? nil : $0 })
          if let every = fields["repeat"].flatMap({ $0.isEmpty ? nil : $0 }) {
            // A series (book --repeat): so many weeks or days, all or nothing unless asked.
            let recurrence = Recurrence(
              every: try RepeatEvery(parsing: every),
              count: try Self.count(fields["count"]))
            let skip = fields["skip_conflicts"] == "on"
            let series = try await run {
              try $0.bookSeries(
                booking, recurrence: recurrence, skipConflicts: skip, as: visit.principal)
            }
            return Self.redirect(
              "/bookings?notice=series&id=\(series.booked.first?.reservation.id ?? 0)", visit)
          }
          let made = try await run { try $0.book(booking, as: visit.principal) }
          return Self.redirect("/bookings?notice=booked&id=\(made.reservation.id)", visit)
        } catch {
          let (status, message) = Self.refusal(error, visit: visit)
          let (listing, _) = try await run { try $0.instrumentWithBlocks(id: id) }
          var values = Self.instrumentValues(listing, visit.language)
          for key in ["from", "to", "purpose", "voucher"] { values[key] = fields[key] ?? "" }
          let t = PageText.words(visit.language)
          return page(
            "book", title: t["book_title"] ?? "", values, visit: visit, status: status,
            error: message)
        }
      }
    }
  }

  static func instrumentValues(_ listing: InstrumentListing, _ language: PageLanguage)
    -> [String: Any]
  {
    let instrument = listing.instrument
    return [
      "id": instrument.id, "name": instrument.name, "unit": listing.unit.name,
      "rate": instrument.hourlyRate.groupedYuan, "approval": instrument.rules.approvalRequired,
    ]
  }

  /// The instrument's details, labelled in the visitor's language.
  static func facts(_ listing: InstrumentListing, _ language: PageLanguage) -> [[String: Any]] {
    let t = PageText.words(language)
    let instrument = listing.instrument
    let rules = instrument.rules
    let category =
      language == .zh ? instrument.category.chineseName : instrument.category.englishName
    let rows: [(String, String)] = [
      ("unit", "\(listing.unit.name) · \(listing.unit.province.chineseName) \(listing.unit.city)"),
      (
        "model",
        [instrument.manufacturer, instrument.model].filter { !$0.isEmpty }
          .joined(separator: " ")
      ),
      ("category", category),
      ("tier", t["tier_" + instrument.tier.rawValue] ?? ""),
      ("value", instrument.value.groupedYuan + " " + (t["yuan"] ?? "")),
      ("rate", instrument.hourlyRate.groupedYuan + " " + (t["yuan_per_hour"] ?? "")),
      ("location", instrument.location),
      ("opening_hours", instrument.openingHours.text),
      ("status", instrument.status.rawValue.replacingOccurrences(of: "_", with: " ")),
      ("needs_approval", rules.approvalRequired ? (t["yes"] ?? "") : (t["no"] ?? "")),
      (
        "training",
        rules.trainingRequired
          ? (t[rules.acceptsExternalQualifications ? "training_passport" : "training_own"] ?? "")
          : (t["no"] ?? "")
      ),
      (
        "max_length",
        "\(rules.maximumMinutes / 60) h"
          + (rules.maximumMinutes % 60 == 0 ? "" : " \(rules.maximumMinutes % 60) min")
      ),
      ("notice", "\(rules.minimumNoticeMinutes) min"),
      ("horizon", "\(rules.horizonDays) " + (t["days"] ?? "")),
      ("late_cancel", rules.lateCancellation.text),
    ]
    return rows.filter { !$0.1.isEmpty }.map {
      ["key": $0.0, "label": t["fact_" + $0.0] ?? $0.0, "value": $0.1]
    }
  }

  /// The Monday-to-Sunday week to show: the one holding `week`
  /// (YYYY-MM-DD), else today's.
  static func weekStart(_ week: String?, now: Instant) throws -> LocalDate {
    let day =
      try week.map { text throws(LabNetError) in try LocalDate(parsing: text) } ?? now.localDate
    return day.adding(days: -(day.weekday.rawValue - 1))
  }
}

/// A week of an instrument in hour cells: free (bookable now), taken
/// (booked, by whomever), blocked (maintenance), closed (outside opening
/// hours) or unavailable (past, inside the notice, beyond the horizon).
struct WeekGrid {
  enum State: String {
    case free, taken, blocked, closed, unavailable
  }

  struct Cell {
    var interval: Range<Instant>
    var state: State
  }

  struct Row {
    var label: String
    var cells: [Cell]
  }

  var days: [LocalDate]
  var rows: [Row]

  init(
    instrument: Instrument, firstDay: LocalDate, free: [Range<Instant>],
    blocks: [MaintenanceBlock], now: Instant
  ) {
    days = (0..<7).map { firstDay.adding(days: $0) }
    let start = firstDay.startInstant
    let open = instrument.openingHours.openIntervals(from: start, to: start + 7 * 86_400)
    // The hours shown: from the earliest opening to the latest closing of the week.
    let minutes = open.flatMap { [$0.lowerBound.minuteOfDay, ($0.upperBound - 1).minuteOfDay] }
    let first = (minutes.min() ?? 8 * 60) / 60
    let last = (minutes.max() ?? 20 * 60 - 1) / 60
    func overlaps(_ a: Range<Instant>, _ b: Range<Instant>) -> Bool {
      a.lowerBound < b.upperBound && b.lowerBound < a.upperBound
    }
    func state(of cell: Range<Instant>) -> State {
      if free.contains(where: {
        $0.lowerBound <= cell.lowerBound && cell.upperBound <= $0.upperBound
      }) {
        return .free
      }
      if !open.contains(where: { overlaps($0, cell) }) { return .closed }
      if blocks.contains(where: { overlaps($0.interval, cell) }) { return .blocked }
      let rules = instrument.rules
      if cell.lowerBound < now + rules.minimumNoticeSeconds
        || cell.upperBound > now + rules.horizonSeconds
      {
        return .unavailable
      }
      // Booked, or partly booked: whose is never shown.
      return .taken
    }
    rows = (first...max(first, last)).map { hour in
      let cells = (0..<7).map { day -> Cell in
        let from = start + Int64(day) * 86_400 + Int64(hour) * 3_600
        let cell = from..<(from + 3_600)
        return Cell(interval: cell, state: state(of: cell))
      }
      return Row(label: String(format: "%02d:00", hour), cells: cells)
    }
  }
}

extension Pages {
  /// A form's count of occurrences: a whole number, or a refusal in words.
  static func count(_ text: String?) throws -> Int {
    guard let text, let count = Int(text.trimmingCharacters(in: .whitespaces)) else {
      throw LabNetError.invalidData("give how many times to book, a whole number from 2 to 100")
    }
    return count
  }
}
