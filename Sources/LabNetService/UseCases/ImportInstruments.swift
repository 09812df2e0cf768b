import InstrumentNetwork
import NetworkStore

/// What an instrument import did.
public struct ImportReport: Sendable, Hashable {
  /// Valid rows read (all of them, when the import went through).
  public var rows: Int
  /// Whether it only validated.
  public var dryRun: Bool
  /// Instruments per unit name.
  public var perUnit: [String: Int]
  /// Of `rows`, those that updated an instrument of the same asset number
  /// (an import with updating); the others added one.
  public var updated: Int

  public init(
    rows: Int, dryRun: Bool, perUnit: [String: Int], updated: Int = 0
  ) {
    self.rows = rows
    self.dryRun = dryRun
    self.perUnit = perUnit
    self.updated = updated
  }
}

extension NetworkService {
  /// The most problems an import lists before saying how many more there are.
  static let problemsListed = 100

  /// Imports instruments from CSV (a unit's manager into that unit; an admin
  /// names the unit of each row). Every row is checked and every problem
  /// reported as `line N, column C: why`; nothing is written unless all rows
  /// are valid, and everything is one transaction. A dry run checks the same
  /// way and writes nothing. `open` gives a reader at the file's start; a
  /// retry on a busy store opens it again, so nothing is read twice from one.
  ///
  /// Asset numbers are keys: a row whose asset number the unit already has
  /// is refused (with its line) unless `updating`, when it updates that
  /// instrument with every field the sheet gives; an asset number twice in
  /// one file is refused with both lines.
  public func importInstruments(
    open: () throws -> CSVRecordReader, dryRun: Bool, updating: Bool = false,
    as principal: Principal, progress: ProgressReport? = nil
  ) throws -> ImportReport {
    try write(committing: !dryRun) { store in
      let actor = try actor(principal, in: store)
      try actor.requireImporter()
      let reader = try open()
      guard let headerRecord = try reader.next() else {
        throw LabNetError.invalidData("the file is empty; the first line must name the columns")
      }
      let sheet = try InstrumentSheet(header: headerRecord)
      let defaultUnit = try importDefaultUnit(for: actor, sheet: sheet, store: store)
      let report = try importRows(
        reader, sheet: sheet, actor: actor, defaultUnit: defaultUnit, dryRun: dryRun,
        updating: updating, store: store, progress: progress)
      return report
    }
  }

  /// The unit rows go to when the file has no unit column: the manager's own.
  private func importDefaultUnit(for actor: Account, sheet: InstrumentSheet, store: NetworkStore)
    throws -> Unit?
  {
    guard !sheet.hasUnitColumn else { return nil }
    if actor.managedUnitIDs.count == 1, let id = actor.managedUnitIDs.first {
      return try store.unit(id: id)
    }
    throw LabNetError.invalidData(
      "line 1: missing column unit; "
        + (actor.isAdmin
          ? "an admin names the unit of each row" : "you manage several units, so name one per row")
    )
  }

  private func importRows(
    _ reader: CSVRecordReader, sheet: InstrumentSheet, actor: Account, defaultUnit: Unit?,
    dryRun: Bool, updating: Bool, store: NetworkStore, progress: ProgressReport?
  ) throws -> ImportReport {
    let writer = store.instrumentWriter()
    var units: [String: Unit] = [:]
    var problems: [String] = []
    var problemCount = 0
    var rows = 0
    var updated = 0
    var perUnit: [String: Int] = [:]
    var keys = AssetNumberKeys()
    func note(_ messages: [String]) {
      problemCount += messages.count
      problems += messages.prefix(Self.problemsListed - problems.count)
    }
    while true {
      let next: CSVRecord?
      do {
        next = try reader.next()
      } catch {
        note([error.message])  // the file cannot be read past a syntax error
        break
      }
      guard let record = next else { break }
      switch sheet.row(record) {
      case .failure(let found):
        note(found.messages)
      case .success(let row):
        guard
          let unit = try importUnit(
            row, defaultUnit: defaultUnit, cache: &units, store: store, note: note)
        else { continue }
        guard actor.mayManage(unitID: unit.id) else {
          note([
            "line \(row.line), column unit: \(actor.login) manages "
              + "\(actor.managedUnitIDs.map(String.init).joined(separator: ", ")) only, not \(unit.name) (unit \(unit.id))"
          ])
          continue
        }
        rows += 1
        perUnit[unit.name, default: 0] += 1
        var existing: Int64?
        if let asset = row.draft.assetNumber {
          if let earlier = keys.first(unitID: unit.id, asset: asset, line: row.line) {
            note([
              "line \(row.line), column asset_number: asset number \"\(asset)\" is also on line \(earlier)"
            ])
            continue
          }
          existing = try keys.registered(unitID: unit.id, store: store)[asset]
          if existing != nil && !updating {
            keys.refuse(unitID: unit.id, asset: asset, line: row.line)
            continue
          }
        }
        // Once a row is bad nothing will be kept, so stop writing; keep checking.
        guard problemCount == 0 && keys.refusedCount == 0 else { continue }
        if let existing {
          let current = try store.instrument(id: existing, lockingRow: true)
          if current.instrument.status == .retired {
            note([
              "line \(row.line), column asset_number: instrument \(existing) of asset number \"\(row.draft.assetNumber ?? "")\" is retired; a retired instrument cannot change"
            ])
            continue
          }
          let changes = sheet.changes(of: row)
          try store.updateInstrument(
            try changes.applied(to: current.instrument), fields: changes)
          updated += 1
        } else {
          var draft = row.draft
          draft.unitID = unit.id
          try writer.add(draft)
        }
        if rows % 5_000 == 0 { progress?("rows", rows, 0) }
      }
    }
    guard problemCount == 0 && keys.refusedCount == 0 else {
      let total = problemCount + keys.refusedCount
      var message = "\(total) problem\(total == 1 ? "" : "s") in the file; nothing was imported"
      message += "\n" + (problems + keys.refusals()).joined(separator: "\n")
      if problemCount > problems.count {
        message += "\n… and \(problemCount - problems.count) more"
      }
      throw LabNetError.invalidData(message)
    }
    if !dryRun { try writer.flush() }
    progress?("rows", rows, rows)
    return ImportReport(rows: rows, dryRun: dryRun, perUnit: perUnit, updated: updated)
  }

  private func importUnit(
    _ row: InstrumentSheet.Row, defaultUnit: Unit?, cache: inout [String: Unit],
    store: NetworkStore, note: ([String]) -> Void
  ) throws -> Unit? {
    guard let reference = row.unit else { return defaultUnit }
    if let known = cache[reference] { return known }
    do {
      let found = try store.unit(named: reference)
      cache[reference] = found
      return found
    } catch let error as LabNetError {
      note(["line \(row.line), column unit: \(error.message)"])
      return nil
    }
  }
}

/// The asset numbers an import meets: which line first had each (per unit),
/// those its units already hold, and the rows refused for holding one.
private struct AssetNumberKeys {
  private struct Key: Hashable {
    var unitID: Int64
    var asset: String
  }

  /// Lines a refusal lists, and asset numbers it names, before "… and N more".
  static let listed = 20

  private var lines: [Key: Int] = [:]
  private var held: [Int64: [String: Int64]] = [:]
  private var refused: [Int64: [(line: Int, asset: String)]] = [:]
  private(set) var refusedCount = 0

  /// The line that had `asset` in `unitID` before, or nil (noting `line` as its first).
  mutating func first(unitID: Int64, asset: String, line: Int) -> Int? {
    let key = Key(unitID: unitID, asset: asset)
    if let earlier = lines[key] { return earlier }
    lines[key] = line
    return nil
  }

  /// The asset numbers `unitID` holds, each with its instrument (read once per unit).
  mutating func registered(unitID: Int64, store: NetworkStore) throws -> [String: Int64] {
    if let known = held[unitID] { return known }
    let found = try store.assetNumbers(unitID: unitID)
    held[unitID] = found
    return found
  }

  /// Notes a row refused because `unitID` already holds `asset`.
  mutating func refuse(unitID: Int64, asset: String, line: Int) {
    refused[unitID, default: []].append((line, asset))
    refusedCount += 1
  }

  /// One message per unit: its refused lines and asset numbers.
  func refusals() -> [String] {
    refused.sorted { $0.key < $1.key }.map { unitID, rows in
      func list(_ items: [String]) -> String {
        let more = items.count - Self.listed
        return items.prefix(Self.listed).joined(separator: ", ")
          + (more > 0 ? " … and \(more) more" : "")
      }
      let several = rows.count > 1
      return "line\(several ? "s" : "") \(list(rows.map { String($0.line) })): "
        + "asset number\(several ? "s" : "") already registered in unit \(unitID) "
        + "(\(list(rows.map(\.asset)))); use --update to update \(several ? "those instruments" : "that instrument")"
    }
  }
}
