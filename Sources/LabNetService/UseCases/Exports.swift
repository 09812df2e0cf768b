import InstrumentNetwork
import NetworkStore

extension NetworkService {
  /// Usage grouped by `grouping` (auditors in their scope, admins), stamped
  /// with the service's clock and the acting login. `top` keeps the first N
  /// units (by booked hours) and sums the rest into one row; `--by unit` only.
  public func usage(
    by grouping: UsageGrouping, period: Range<Instant>?, province: Province?, top: Int? = nil,
    as principal: Principal
  ) throws -> UsageReport {
    if let top {
      guard grouping == .unit else {
        throw LabNetError.invalidData(
          "--top applies to --by unit only; got --by \(grouping.rawValue)")
      }
      guard top >= 1 else {
        throw LabNetError.invalidData("--top must be a whole number from 1; got \(top)")
      }
    }
    return try read { store in
      let account = try actor(principal, in: store)
      let scope = try account.auditScope(requested: province)
      var report = try store.usage(by: grouping, period: period, province: scope)
      if let top { report = report.limited(toTop: top) }
      report.stamp = ReportStamp(at: now, by: account.login)
      return report
    }
  }

  /// The voucher settlement matrix with its totals and net positions, stamped.
  public func voucherFlowReport(
    period: Range<Instant>?, province: Province?, as principal: Principal
  ) throws -> VoucherFlowReport {
    try read { store in
      let account = try actor(principal, in: store)
      let scope = try account.auditScope(requested: province)
      let (span, flows) = try store.voucherFlows(period: period, province: scope)
      var report = VoucherFlowReport(period: span, province: scope, flows: flows)
      report.stamp = ReportStamp(at: now, by: account.login)
      return report
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
