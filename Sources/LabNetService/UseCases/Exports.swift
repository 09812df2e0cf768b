import InstrumentNetwork
import NetworkStore

extension NetworkService {
  /// Usage grouped by `grouping` (auditors in their scope, admins).
  public func usage(
    by grouping: UsageGrouping, period: Range<Instant>?, province: Province?,
    as principal: Principal
  ) throws -> UsageReport {
    try read { store in
      let scope = try actor(principal, in: store).auditScope(requested: province)
      return try store.usage(by: grouping, period: period, province: scope)
    }
  }

  /// The issuing × providing province matrix of voucher payments (auditors, admins).
  public func voucherFlows(period: Range<Instant>?, province: Province?, as principal: Principal)
    throws -> (Range<Instant>, [VoucherFlow])
  {
    try read { store in
      let scope = try actor(principal, in: store).auditScope(requested: province)
      return try store.voucherFlows(period: period, province: scope)
    }
  }

  /// Streams every booking in scope to `row`, one at a time (auditors,
  /// admins). `begin` runs once the actor is cleared, before the first row,
  /// so a refusal writes nothing.
  public func exportBookings(
    period: Range<Instant>?, province: Province?, as principal: Principal,
    begin: () throws -> Void, row: (BookingExportRow) throws -> Void
  ) throws {
    try read { store in
      let scope = try actor(principal, in: store).auditScope(requested: province)
      try begin()
      try store.exportBookings(period: period, province: scope, row)
    }
  }
}
