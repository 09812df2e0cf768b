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

  public init(
    rows: Int, dryRun: Bool, perUnit: [String: Int]
  ) {
    self.rows = rows
    self.dryRun = dryRun
    self.perUnit = perUnit
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
  public func importInstruments(
    open: () throws -> CSVRecordReader, dryRun: Bool, as principal: Principal,
    progress: ProgressReport? = nil
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
        store: store, progress: progress)
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
    dryRun: Bool, store: NetworkStore, progress: ProgressReport?
  ) throws -> ImportReport {
    let writer = store.instrumentWriter()
    var units: [String: Unit] = [:]
    var problems: [String] = []
    var problemCount = 0
    var rows = 0
    var perUnit: [String: Int] = [:]
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
        // Once a row is bad nothing will be kept, so stop writing; keep checking.
        guard problemCount == 0 else { continue }
        var draft = row.draft
        draft.unitID = unit.id
        try writer.add(draft)
        if rows % 5_000 == 0 { progress?("rows", rows, 0) }
      }
    }
    guard problemCount == 0 else {
      var message =
        "\(problemCount) problem\(problemCount == 1 ? "" : "s") in the file; nothing was imported"
      message += "\n" + problems.joined(separator: "\n")
      if problemCount > problems.count {
        message += "\n… and \(problemCount - problems.count) more"
      }
      throw LabNetError.invalidData(message)
    }
    if !dryRun { try writer.flush() }
    progress?("rows", rows, rows)
    return ImportReport(rows: rows, dryRun: dryRun, perUnit: perUnit)
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
