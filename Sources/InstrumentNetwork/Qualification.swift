/// What a qualification is for: an instrument model (manufacturer and model),
/// or, for an instrument that names neither, its category.
public struct InstrumentModel: Sendable, Hashable {
  /// The manufacturer and model as the granting instrument names them; both
  /// empty for a category qualification.
  public var manufacturer: String
  public var model: String
  public var category: InstrumentCategory

  public init(manufacturer: String, model: String, category: InstrumentCategory) {
    self.manufacturer = manufacturer
    self.model = model
    self.category = category
  }

  /// The model of `instrument`: its manufacturer and model when it names
  /// both, else its category.
  public init(of instrument: Instrument) {
    let manufacturer = instrument.manufacturer.trimmedWhitespace
    let model = instrument.model.trimmedWhitespace
    if manufacturer.isEmpty || model.isEmpty {
      self.init(manufacturer: "", model: "", category: instrument.category)
    } else {
      self.init(manufacturer: manufacturer, model: model, category: instrument.category)
    }
  }

  /// Whether it names a model (else it stands for the category).
  public var namesModel: Bool { !model.isEmpty }

  /// Words for messages and lists: "Thermo Fisher Talos F200X", or "analytical instruments".
  public var text: String {
    namesModel ? "\(manufacturer) \(model)" : "\(category.rawValue) instruments (no model named)"
  }
}

/// A person's record that they were trained on an instrument model: who
/// granted it (a manager of a unit owning such an instrument), when, and how
/// long it holds. It lapses at its expiry (two years by default) or after
/// twelve months without a booking that used it, whichever comes first.
public struct Qualification: Sendable, Hashable {
  /// How long a grant holds unless the manager says otherwise.
  public static let defaultValidityDays: Int64 = 730
  /// A qualification not used for this long lapses.
  public static let lapseDays: Int64 = 365
  /// The longest a manager may make a grant hold.
  public static let longestValidityDays: Int64 = 5 * 366

  public var id: Int64
  public var accountID: Int64
  public var instrumentModel: InstrumentModel
  public var grantedBy: Int64
  public var grantedUnitID: Int64
  public var grantedAt: Instant
  public var expiresAt: Instant
  public var lastUsedAt: Instant?
  public var revokedAt: Instant?

  public init(
    id: Int64, accountID: Int64, instrumentModel: InstrumentModel, grantedBy: Int64,
    grantedUnitID: Int64, grantedAt: Instant, expiresAt: Instant, lastUsedAt: Instant? = nil,
    revokedAt: Instant? = nil
  ) {
    self.id = id
    self.accountID = accountID
    self.instrumentModel = instrumentModel
    self.grantedBy = grantedBy
    self.grantedUnitID = grantedUnitID
    self.grantedAt = grantedAt
    self.expiresAt = expiresAt
    self.lastUsedAt = lastUsedAt
    self.revokedAt = revokedAt
  }

  /// When it stops holding unless it is used again: its expiry, or twelve
  /// months after its last use (its grant, when never used).
  public var validUntil: Instant {
    min(expiresAt, (lastUsedAt ?? grantedAt) + Self.lapseDays * 86_400)
  }

  /// Whether it holds at `now`.
  public func isValid(at now: Instant) -> Bool { revokedAt == nil && now < validUntil }

  /// Whether `instrument` recognises it: its own unit's grant always; another
  /// unit's when the instrument accepts external qualifications (the passport).
  public func isAccepted(by instrument: Instrument) -> Bool {
    grantedUnitID == instrument.unitID || instrument.rules.acceptsExternalQualifications
  }

  /// In words: valid, revoked, expired or lapsed (unused).
  public func state(at now: Instant) -> String {
    if revokedAt != nil { return "revoked" }
    if now < validUntil { return "valid" }
    return validUntil < expiresAt ? "lapsed" : "expired"
  }
}

/// The rule: booking an instrument that needs training takes a qualification
/// for its model that holds and that the instrument accepts.
public enum QualificationRule {
  /// Refuses a booking of `instrument` by someone holding `held` (their
  /// qualifications for its model) at `now`; returns the one it uses, or nil
  /// when the instrument needs no training.
  public static func check(
    _ instrument: Instrument, held: [Qualification], now: Instant
  ) throws(LabNetError) -> Qualification? {
    guard instrument.rules.trainingRequired else { return nil }
    let model = InstrumentModel(of: instrument)
    if let usable = held.first(where: { $0.isValid(at: now) && $0.isAccepted(by: instrument) }) {
      return usable
    }
    let how =
      "a manager of a unit owning a \(model.text) grants it after training (`labnet qualification grant`)"
    if held.contains(where: { $0.isValid(at: now) }) {
      throw .refused(
        "instrument \(instrument.id) (\(model.text)) accepts only qualifications granted by its own unit; ask its manager for training",
        code: "qualification_required")
    }
    if let last = held.filter({ $0.revokedAt == nil }).max(by: { $0.validUntil < $1.validUntil }) {
      throw .refused(
        "your qualification for \(model.text) \(last.state(at: now)) on \(last.validUntil.localDate.iso); instrument \(instrument.id) needs a valid one: \(how)",
        code: "qualification_required")
    }
    throw .refused(
      "instrument \(instrument.id) needs training on \(model.text) before booking; \(how)",
      code: "qualification_required")
  }

  /// When a grant made at `now` expires: `lastDay`'s end (China Standard
  /// Time) when given, else two years on; refused when that is not ahead or
  /// further than five years.
  public static func expiry(lastDay: LocalDate?, now: Instant) throws(LabNetError) -> Instant {
    guard let lastDay else { return now + Qualification.defaultValidityDays * 86_400 }
    let end = lastDay.adding(days: 1).startInstant
    guard end > now else {
      throw .invalidData("the expiry \(lastDay.iso) is not after today; give a later date")
    }
    guard end <= now + Qualification.longestValidityDays * 86_400 else {
      throw .invalidData(
        "a qualification holds at most five years; \(lastDay.iso) is further than that")
    }
    return end
  }
}

/// Which qualifications a list holds: of one person, granted by some units.
public struct QualificationScope: Sendable, Hashable {
  public var accountID: Int64?
  /// Only those granted by these units; nil for any.
  public var grantedUnitIDs: [Int64]?

  public init(accountID: Int64? = nil, grantedUnitIDs: [Int64]? = nil) {
    self.accountID = accountID
    self.grantedUnitIDs = grantedUnitIDs
  }
}

extension Account {
  /// The qualifications this account may list: its own; those its units
  /// granted (a manager); every one (an admin). `person` narrows to one
  /// person; another's, for anyone else, is refused.
  public func qualificationScope(of person: Account?) throws(LabNetError) -> QualificationScope {
    if let person, person.id == id { return QualificationScope(accountID: id) }
    if isAdmin { return QualificationScope(accountID: person?.id) }
    if !managedUnitIDs.isEmpty {
      return QualificationScope(accountID: person?.id, grantedUnitIDs: managedUnitIDs)
    }
    if let person {
      throw .permission(
        "\(login) may not see the qualifications of \(person.login): only a manager or an admin may"
      )
    }
    return QualificationScope(accountID: id)
  }

  /// The units whose grants a revocation by this account may withdraw: the
  /// instrument's unit (its manager), or any (nil, an admin).
  public func revocableGrantUnits(instrumentUnit: Unit) -> [Int64]? {
    isAdmin ? nil : [instrumentUnit.id]
  }

  /// Refuses unless the account may take waitlist entry `entryID` off: its
  /// waiter, or the instrument's unit's manager (or an admin).
  public func requireToLeave(
    entryID: Int64, waiterID: Int64, instrumentUnit: Unit
  ) throws(LabNetError) {
    guard waiterID == id || mayManage(unitID: instrumentUnit.id) else {
      throw .permission(
        "\(login) may not take waitlist entry \(entryID) off: only its waiter or the manager of \(instrumentUnit.name) may"
      )
    }
  }

  /// Refuses unless the account may set `person`'s e-mail address: that
  /// person, or an admin.
  public func requireToSetEmail(of person: Account) throws(LabNetError) {
    guard isAdmin || id == person.id else {
      throw .permission(
        "\(login) may not set the e-mail address of \(person.login): only that person or an admin may"
      )
    }
  }

  /// Refuses unless the account may grant or revoke qualifications for the
  /// model of an instrument of `unit`: its manager, or an admin.
  public func requireToQualify(on unit: Unit, instrumentID: Int64) throws(LabNetError) {
    try requireManager(
      of: unit, to: "grant or revoke qualifications for the model of instrument \(instrumentID)")
  }
}
