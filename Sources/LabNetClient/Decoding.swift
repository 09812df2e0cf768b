import InstrumentNetwork
import LabNetService
import NetworkStore

// The API's records read back into the domain values the CLI prints. A
// record carries what its presentation shows; what it leaves out (an id the
// person may not see, a unit's kind) stays at a neutral value that no
// output of the CLI prints.

extension JSONRecord {
  func unit() throws -> InstrumentNetwork.Unit {
    InstrumentNetwork.Unit(
      id: try integer("id"), name: try text("name"),
      province: try parsed("province") { text throws(LabNetError) in try Province(parsing: text) },
      city: try text("city"),
      kind: try parsed("kind") { text throws(LabNetError) in try UnitKind(parsing: text) })
  }

  func account() throws -> Account {
    Account(
      id: try integer("id"), login: try text("login"), displayName: try text("name"),
      unitID: optionalInteger("unit_id"),
      roles: try texts("roles").map { text in
        do { return try Role(parsing: text) } catch { throw missing("roles") }
      })
  }

  /// An instrument's full record (show, register, update) or a list row.
  func instrumentListing() throws -> InstrumentListing {
    let province = try parsed("province") { text throws(LabNetError) in
      try Province(parsing: text)
    }
    let unit = InstrumentNetwork.Unit(
      id: optionalInteger("unit_id") ?? 0, name: try text("unit"), province: province,
      city: optionalText("city") ?? "", kind: .other)
    let instrument = Instrument(
      id: try integer("id"), unitID: unit.id, name: try text("name"),
      model: optionalText("model") ?? "", manufacturer: optionalText("manufacturer") ?? "",
      category: try parsed("category") { text throws(LabNetError) in
        try InstrumentCategory(parsing: text)
      },
      value: try money("value_yuan"), hourlyRate: try money("rate_yuan_per_hour"),
      location: optionalText("location") ?? "",
      openingHours: try optionalText("opening_hours").map { text in
        do { return try OpeningHours(parsing: text) } catch { throw missing("opening_hours") }
      } ?? .standard,
      status: try parsed("status") { text throws(LabNetError) in
        try InstrumentStatus(parsing: text)
      },
      isShared: (object["shared"] as? Bool) ?? true,
      granularityMinutes: Int(optionalInteger("granularity_minutes") ?? 15),
      rules: try rules(), assetNumber: optionalText("asset_number"))
    return InstrumentListing(instrument: instrument, unit: unit)
  }

  /// An instrument's booking rules; a list row, which leaves them out, reads as nil.
  func rules() throws -> InstrumentRules? {
    guard let approval = object["needs_approval"] as? Bool else { return nil }
    return InstrumentRules(
      approvalRequired: approval, maximumMinutes: Int(try integer("max_booking_minutes")),
      minimumNoticeMinutes: Int(try integer("min_notice_minutes")),
      horizonDays: Int(try integer("horizon_days")),
      billing: try parsed("billing_basis") { text throws(LabNetError) in
        try BillingBasis(parsing: text)
      },
      lateCancellation: LateCancellation(
        hoursBefore: Int(try integer("late_cancel_hours")),
        percent: Int(try integer("late_cancel_percent"))),
      trainingRequired: (object["training_required"] as? Bool) ?? false,
      acceptsExternalQualifications: (object["accepts_external_qualifications"] as? Bool) ?? true)
  }

  func block() throws -> MaintenanceBlock {
    MaintenanceBlock(
      id: try integer("id"), instrumentID: try integer("instrument_id"),
      interval: try instant("from")..<(try instant("to")), reason: try text("reason"))
  }

  /// A booking's full record or a list row.
  func bookingListing() throws -> BookingListing {
    let reservation = Reservation(
      id: try integer("id"), instrumentID: try integer("instrument_id"), bookerID: 0,
      bookerUnitID: 0, start: try instant("start"), end: try instant("end"),
      purpose: optionalText("purpose") ?? "",
      status: try parsed("status") { text throws(LabNetError) in
        try ReservationStatus(parsing: text)
      },
      hourlyRate: try optionalMoney("rate_yuan_per_hour") ?? .zero,
      quotedFee: try money("quoted_fee_yuan"), usedFrom: try optionalInstant("used_from"),
      usedTo: try optionalInstant("used_to"), chargedFee: try optionalMoney("charged_fee_yuan"),
      statusReason: optionalText("status_reason"), createdAt: try optionalInstant("created_at"),
      approvedAt: try optionalInstant("approved_at"))
    return BookingListing(
      reservation: reservation, instrumentName: try text("instrument"),
      instrumentUnit: InstrumentNetwork.Unit(
        id: 0, name: optionalText("unit") ?? "", province: .shanghai, city: "", kind: .other),
      location: optionalText("location") ?? "", bookerLogin: try text("booker"),
      voucherPaid: try optionalMoney("voucher_paid_yuan") ?? .zero,
      bookerUnitName: optionalText("booker_unit") ?? "", approverLogin: optionalText("approved_by"))
  }

  /// A voucher's record or list row.
  func voucherListing() throws -> VoucherListing {
    let lastDay = try parsed("expires") { text throws(LabNetError) in try LocalDate(parsing: text) }
    let firstDay = try parsed("valid_from") { text throws(LabNetError) in
      try LocalDate(parsing: text)
    }
    let province = try parsed("province") { text throws(LabNetError) in
      try Province(parsing: text)
    }
    let holderID = optionalInteger("holder_unit_id") ?? 0
    return VoucherListing(
      voucher: Voucher(
        id: 0, code: try text("code"), province: province, holderUnitID: holderID,
        faceValue: try money("face_value_yuan"), balance: try money("balance_yuan"),
        validFrom: firstDay.startInstant, validTo: lastDay.adding(days: 1).startInstant,
        isRevoked: optionalText("status") == Voucher.Standing.revoked.rawValue),
      holder: InstrumentNetwork.Unit(
        id: holderID, name: try text("holder"), province: province, city: "", kind: .enterprise))
  }

  func ledgerEntry() throws -> VoucherLedgerEntry {
    VoucherLedgerEntry(
      id: try integer("entry_id"),
      kind: try parsed("kind") { text throws(LabNetError) in
        guard let kind = VoucherLedgerEntry.Kind(rawValue: text) else {
          throw LabNetError.invalidData(text)
        }
        return kind
      },
      amount: try money("amount_yuan"), reservationID: optionalInteger("booking_id"),
      recordedAt: try instant("recorded_at"))
  }

  func voucherPolicy() throws -> VoucherPolicy {
    VoucherPolicy(
      province: try parsed("province") { text throws(LabNetError) in try Province(parsing: text) },
      coverBasisPoints: try parsed("cover_percent") { text throws(LabNetError) in
        try VoucherPolicy.coverBasisPoints(parsing: text)
      },
      capPerBooking: try optionalMoney("cap_yuan"),
      acceptedIn: try texts("accepted_in").map { text in
        do { return try Province(parsing: text) } catch { throw missing("accepted_in") }
      })
  }

  func statisticsGroup() throws -> NetworkStatistics.Group {
    NetworkStatistics.Group(
      key: try text("group"), units: Int(optionalInteger("units") ?? 0),
      instruments: try int("instruments"), value: try money("value_yuan"))
  }

  func statistics() throws -> NetworkStatistics {
    NetworkStatistics(
      units: try int("units"), instruments: try int("instruments"),
      totalValue: try money("total_value_yuan"), largeOrAbove: try int("instruments_500k_or_more"),
      byProvince: try records("by_province").map { try $0.statisticsGroup() },
      byTier: try records("by_tier").map { try $0.statisticsGroup() },
      byCategory: try records("by_category").map { try $0.statisticsGroup() })
  }

  func unitSummary() throws -> UnitSummary {
    UnitSummary(
      unit: try unit(), instrumentCount: try int("instruments"),
      totalValue: try money("total_value_yuan"), managers: try texts("managers"))
  }

  func importReport() throws -> ImportReport {
    var perUnit: [String: Int] = [:]
    for entry in try texts("units") {
      guard let colon = entry.range(of: ": ", options: .backwards),
        let count = Int(entry[colon.upperBound...])
      else { throw missing("units") }
      perUnit[String(entry[..<colon.lowerBound])] = count
    }
    return ImportReport(
      rows: try int("rows"), dryRun: try flag("dry_run"), perUnit: perUnit,
      updated: Int(optionalInteger("updated") ?? 0))
  }

  /// A network search's row: the instrument's name, unit and rate, and its free run.
  func freeRun() throws -> FreeRun {
    let unit = InstrumentNetwork.Unit(
      id: 0, name: try text("unit"),
      province: try parsed("province") { text throws(LabNetError) in try Province(parsing: text) },
      city: try text("city"), kind: .other)
    let instrument = Instrument(
      id: try integer("id"), unitID: 0, name: try text("name"), category: .analytical,
      value: .zero, hourlyRate: try money("rate_yuan_per_hour"))
    return FreeRun(
      listing: InstrumentListing(instrument: instrument, unit: unit),
      run: try instant("free_from")..<(try instant("free_to")),
      freeUntil: try optionalInstant("free_until"))
  }
}

extension JSONRecord {
  /// A qualification record (grant, list), with where it lets its holder book when given.
  func qualificationEntry() throws -> QualificationEntry {
    let qualification = Qualification(
      id: try integer("id"), accountID: 0,
      instrumentModel: InstrumentModel(
        manufacturer: optionalText("manufacturer") ?? "", model: optionalText("model") ?? "",
        category: try parsed("category") { text throws(LabNetError) in
          try InstrumentCategory(parsing: text)
        }),
      grantedBy: 0, grantedUnitID: optionalInteger("granted_unit_id") ?? 0,
      grantedAt: try instant("granted_at"), expiresAt: try instant("expires_at"),
      lastUsedAt: try optionalInstant("last_used_at"),
      revokedAt: optionalText("state") == "revoked" ? try instant("valid_until") : nil)
    let usable = (object["usable_at"] as? [Any])?.compactMap { ($0 as? String).flatMap(Int64.init) }
    return QualificationEntry(
      listing: QualificationListing(
        qualification: qualification, login: try text("login"),
        grantedByLogin: optionalText("granted_by") ?? "",
        grantedUnitName: optionalText("granted_unit") ?? ""),
      usableAt: usable)
  }
}

extension JSONRecord {
  /// A waitlist entry record (join, leave, list).
  func waitlistEntry() throws -> WaitlistEntry {
    WaitlistEntry(
      id: try integer("id"), instrumentID: try integer("instrument_id"), accountID: 0,
      bookerUnitID: 0, window: try instant("window_start")..<(try instant("window_end")),
      durationMinutes: Int(try integer("duration_minutes")),
      purpose: optionalText("purpose") ?? "",
      status: try parsed("status") { text throws(LabNetError) in
        guard let status = WaitlistStatus(rawValue: text) else {
          throw .invalidData("unknown waitlist status \(text)")
        }
        return status
      },
      statusReason: optionalText("status_reason"), bookingID: optionalInteger("booking_id"),
      createdAt: try instant("joined_at"))
  }
}
