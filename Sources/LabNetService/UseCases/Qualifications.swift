import InstrumentNetwork
import NetworkStore

/// A manager's grant: `login` trained on the model of instrument `instrumentID`.
public struct QualificationGrant: Sendable, Hashable {
  public var login: String
  public var instrumentID: Int64
  /// The last day it holds; two years on when nil.
  public var lastDay: LocalDate?

  public init(login: String, instrumentID: Int64, lastDay: LocalDate? = nil) {
    self.login = login
    self.instrumentID = instrumentID
    self.lastDay = lastDay
  }
}

/// A qualification as a list shows it, with where it lets its holder book.
public struct QualificationEntry: Sendable, Hashable {
  public var listing: QualificationListing
  /// The instruments in service that need training on its model and accept
  /// it (nil when not asked for).
  public var usableAt: [Int64]?

  public init(listing: QualificationListing, usableAt: [Int64]? = nil) {
    self.listing = listing
    self.usableAt = usableAt
  }
}

extension NetworkService {
  /// Grants a qualification for the model of an instrument of the actor's
  /// unit (the manager's, or an admin's) to the account `login`.
  public func grantQualification(_ grant: QualificationGrant, as principal: Principal) throws
    -> QualificationListing
  {
    try write { store in
      let actor = try actor(principal, in: store)
      let listing = try store.instrument(id: grant.instrumentID)
      try actor.requireToQualify(on: listing.unit, instrumentID: grant.instrumentID)
      guard let person = try store.account(login: grant.login) else {
        throw LabNetError.notFound("no account with login \(grant.login)")
      }
      let time = now
      let made = try store.insertQualification(
        Qualification(
          id: 0, accountID: person.id, instrumentModel: InstrumentModel(of: listing.instrument),
          grantedBy: actor.id, grantedUnitID: listing.unit.id, grantedAt: time,
          expiresAt: try QualificationRule.expiry(lastDay: grant.lastDay, now: time)))
      return QualificationListing(
        qualification: made, login: person.login, grantedByLogin: actor.login,
        grantedUnitName: listing.unit.name)
    }
  }

  /// Revokes what `login` holds for the model of instrument `instrumentID`,
  /// as granted by that instrument's unit (any unit's grant, for an admin);
  /// returns how many it revoked.
  public func revokeQualification(login: String, instrumentID: Int64, as principal: Principal)
    throws -> Int
  {
    try write { store in
      let actor = try actor(principal, in: store)
      let listing = try store.instrument(id: instrumentID)
      try actor.requireToQualify(on: listing.unit, instrumentID: instrumentID)
      guard let person = try store.account(login: login) else {
        throw LabNetError.notFound("no account with login \(login)")
      }
      let model = InstrumentModel(of: listing.instrument)
      let revoked = try store.revokeQualifications(
        accountID: person.id, for: model,
        grantedUnitIDs: actor.revocableGrantUnits(instrumentUnit: listing.unit),
        at: now, by: actor.id)
      guard !revoked.isEmpty else {
        throw LabNetError.notFound(
          "\(login) holds no qualification for \(model.text) that \(actor.isAdmin ? "any unit" : listing.unit.name) granted and that is not revoked"
        )
      }
      return revoked.count
    }
  }

  /// The qualifications the actor may see: its own (`mine`, with the
  /// instruments each lets it book), one person's, or all it may list.
  public func qualifications(mine: Bool, login: String?, as principal: Principal) throws
    -> [QualificationEntry]
  {
    try read { store in
      let actor = try actor(principal, in: store)
      var person: Account? = mine ? actor : nil
      if let login, !mine {
        guard let found = try store.account(login: login) else {
          throw LabNetError.notFound("no account with login \(login)")
        }
        person = found
      }
      let found = try store.qualifications(in: try actor.qualificationScope(of: person))
      guard mine else { return found.map { QualificationEntry(listing: $0) } }
      let time = now
      return try found.map { listing in
        let held = listing.qualification
        let usable =
          held.isValid(at: time)
          ? try store.instrumentsNeedingTraining(on: held.instrumentModel)
            .filter(held.isAccepted(by:)).map(\.id) : []
        return QualificationEntry(listing: listing, usableAt: usable)
      }
    }
  }
}

extension NetworkService {
  /// Refuses a booking of `instrument` by `bookerID` without a qualification
  /// it accepts, when it needs training; stamps the one used.
  func requireQualification(bookerID: Int64, for instrument: Instrument, in store: NetworkStore)
    throws
  {
    guard instrument.rules.trainingRequired else { return }
    let held = try store.qualifications(
      accountID: bookerID, for: InstrumentModel(of: instrument))
    let time = now
    guard let used = try QualificationRule.check(instrument, held: held, now: time) else { return }
    guard try store.useQualification(id: used.id, at: time) else {
      throw LabNetError.refused(
        "the qualification for \(used.instrumentModel.text) was revoked meanwhile; instrument \(instrument.id) needs a valid one",
        code: "qualification_required")
    }
  }
}
