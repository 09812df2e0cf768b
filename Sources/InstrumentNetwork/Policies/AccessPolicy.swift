/// Who may see and do what: one policy per question, asked by the service
/// before it changes anything, so every front end gets the same answer.
extension Account {
  /// The unit a booking by this account is made for: researchers and managers
  /// book for their own unit.
  public func requireBooker() throws(LabNetError) -> Int64 {
    guard let unitID, has(.researcher) || has(.manager) else {
      throw .permission("\(login) may not book instruments: needs the researcher role and a unit")
    }
    return unitID
  }

  /// Refuses unless the account may cancel a booking: its booker before it
  /// starts, or the manager of the instrument's unit (or an admin) at any time.
  public func requireToCancel(
    bookingID: Int64, bookerID: Int64, start: Instant, instrumentUnit: Unit, now: Instant
  ) throws(LabNetError) {
    try requireBookerOrManager(
      "cancel", bookingID: bookingID, bookerID: bookerID, start: start,
      instrumentUnit: instrumentUnit, now: now)
  }

  /// Refuses unless the account may move a booking to another time: as for
  /// cancelling, its booker before it starts, or the instrument's unit's manager.
  public func requireToMove(
    bookingID: Int64, bookerID: Int64, start: Instant, instrumentUnit: Unit, now: Instant
  ) throws(LabNetError) {
    try requireBookerOrManager(
      "move", bookingID: bookingID, bookerID: bookerID, start: start,
      instrumentUnit: instrumentUnit, now: now)
  }

  private func requireBookerOrManager(
    _ verb: String, bookingID: Int64, bookerID: Int64, start: Instant, instrumentUnit: Unit,
    now: Instant
  ) throws(LabNetError) {
    let isManager = mayManage(unitID: instrumentUnit.id)
    guard isManager || bookerID == id else {
      throw .permission(
        "\(login) may not \(verb) booking \(bookingID): only its booker or the manager of \(instrumentUnit.name) may"
      )
    }
    if !isManager && start <= now {
      throw .refused(
        "booking \(bookingID) started at \(start.iso8601); only the lab manager can \(verb) it now")
    }
  }

  /// The bookings this account may read.
  public var bookingScope: BookingScope {
    if isAdmin || mayAuditNetwork { return .everything }
    let provinces = roles.compactMap { role -> Province? in
      if case .auditor(let province?) = role { return province }
      return nil
    }
    return .limited(bookerID: id, managedUnitIDs: managedUnitIDs, auditedProvinces: provinces)
  }

  /// Refuses unless the account may read booking `bookingID`.
  public func requireToRead(
    bookingID: Int64, bookerID: Int64, instrumentUnit: Unit
  ) throws(LabNetError) {
    guard bookingScope.includes(bookerID: bookerID, instrumentUnit: instrumentUnit) else {
      throw .permission(
        "\(login) may not see booking \(bookingID): it is neither yours nor of a unit you manage")
    }
  }

  /// Whether the account may see a voucher: its holder unit's people, the
  /// issuing province's issuers and auditors, admins.
  public func maySeeVoucher(holderUnitID: Int64, province: Province) -> Bool {
    unitID == holderUnitID || mayIssue(province: province) || mayAudit(province: province)
  }

  /// Refuses unless the account may see the voucher `code`.
  public func requireToSeeVoucher(code: String, holder: Unit, province: Province)
    throws(LabNetError)
  {
    guard maySeeVoucher(holderUnitID: holder.id, province: province) else {
      throw .permission("\(login) may not see voucher \(code): it belongs to \(holder.name)")
    }
  }

  /// Refuses unless the account may pay with a voucher: a researcher (or a
  /// manager, who books for the unit too) of its holder unit.
  public func requireToRedeem(code: String, holder: Unit) throws(LabNetError) {
    guard unitID == holder.id else {
      throw .refused("voucher \(code) belongs to \(holder.name); only its researchers may use it")
    }
    guard has(.researcher) || has(.manager) else {
      throw .permission(
        "\(login) may not pay with voucher \(code): needs the researcher role of \(holder.name)")
    }
  }

  /// Refuses unless the account may import instruments: a unit's manager or an admin.
  public func requireImporter() throws(LabNetError) {
    guard isAdmin || !managedUnitIDs.isEmpty else {
      throw .permission(
        "\(login) may not import instruments: needs the manager role of a unit, or admin")
    }
  }

  /// The province an audit export is limited to (nil: the whole network).
  /// Admins and network auditors see what they ask for; a province auditor
  /// only its own province.
  public func auditScope(requested: Province?) throws(LabNetError) -> Province? {
    if mayAuditNetwork { return requested }
    let provinces = roles.compactMap { role -> Province? in
      if case .auditor(let province?) = role { return province }
      return nil
    }
    guard let own = provinces.first else {
      throw .permission(
        "\(login) may not export audit data: needs the auditor role (of a province or the network) or admin"
      )
    }
    if let requested, !provinces.contains(requested) {
      throw .permission(
        "\(login) audits \(provinces.map(\.code).joined(separator: ", ")) only, not \(requested.code)"
      )
    }
    return requested ?? own
  }

  /// Refuses unless the account may read `unit`'s statements: the unit's
  /// managers, auditors of its province or of the network, admins.
  public func requireToReadStatement(of unit: Unit) throws(LabNetError) {
    guard mayManage(unitID: unit.id) || mayAudit(province: unit.province) else {
      throw .permission(
        "\(login) may not see the statements of \(unit.name): needs the manager role of that unit, "
          + "the auditor role of \(unit.province.code) or of the network, or admin")
    }
  }
}

/// Which bookings an account may read, as data the store turns into a query.
public enum BookingScope: Sendable, Hashable {
  /// Admins and network auditors.
  case everything
  /// Own bookings, those of managed units' instruments, those of audited provinces.
  case limited(bookerID: Int64, managedUnitIDs: [Int64], auditedProvinces: [Province])

  /// Whether a booking falls in the scope.
  public func includes(bookerID: Int64, instrumentUnit: Unit) -> Bool {
    switch self {
    case .everything: return true
    case .limited(let own, let units, let provinces):
      return bookerID == own || units.contains(instrumentUnit.id)
        || provinces.contains(instrumentUnit.province)
    }
  }
}
