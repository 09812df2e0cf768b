import InstrumentNetwork
import NetworkStore

extension NetworkService {
  /// A unit's statement (结算单) for a month, as provider or customer: the
  /// unit's managers, auditors whose province (or network) covers it, admins.
  public func statement(
    unit reference: String, month: StatementMonth, side: StatementSide, as principal: Principal
  ) throws -> Statement {
    try read { store in
      let account = try actor(principal, in: store)
      let unit = try store.unit(named: reference)
      try account.requireToReadStatement(of: unit)
      let lines = try store.statementLines(unitID: unit.id, side: side, period: month.interval)
      return Statement(
        unit: unit, month: month, side: side, lines: lines, generatedAt: now,
        generatedBy: account.login)
    }
  }
}
