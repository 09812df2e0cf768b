import InstrumentNetwork
import LabNetService
import LabNetTestSupport
import NetworkStore
import Testing

/// The three audit exports, as values a table runs.
enum AuditExport: String, CaseIterable, Sendable {
  case usage, voucherFlows, exportBookings

  /// Runs the export as `principal` asking for `province` (nil: whatever it
  /// may see), and returns the provinces the answer covers.
  func run(_ network: Fixture, province: Province?, as principal: Principal) throws
    -> Set<Province>
  {
    let service = network.service
    switch self {
    case .usage:
      let report = try service.usage(
        by: .province, period: nil, province: province, as: principal)
      return report.province.map { [$0] } ?? Set(Province.allCases)
    case .voucherFlows:
      let (_, flows) = try service.voucherFlows(period: nil, province: province, as: principal)
      return Set(flows.map(\.issuer))
    case .exportBookings:
      var began = false
      var provinces: Set<Province> = []
      do {
        try service.exportBookings(
          period: nil, province: province, as: principal, begin: { began = true },
          row: { row in
            #expect(began)
            provinces.insert(row.instrumentProvince)
          })
      } catch {
        #expect(!began, "a refused export begins nothing")
        throw error
      }
      #expect(began)
      return provinces
    }
  }
}

/// An auditor "exports usage and voucher flows by province …" of one
/// province or the whole network, and "must never be able to change anything".
@Suite("Audit exports")
struct AuditTests {
  /// Who may export `province`, or their own scope when nil.
  static func auditors(of province: Province?) -> Permissions {
    switch province {
    case nil: return Permissions(allowed: [.admin, .networkAuditor, .shAuditor, .zjAuditor])
    case .shanghai?: return Permissions(allowed: [.admin, .networkAuditor, .shAuditor])
    case .zhejiang?: return Permissions(allowed: [.admin, .networkAuditor, .zjAuditor])
    case .jiangsu?, .anhui?: return Permissions(allowed: [.admin, .networkAuditor])
    }
  }

  /// The fixture with completed and open bookings, some paid with vouchers,
  /// in Shanghai and in Zhejiang.
  static func auditedNetwork() throws -> Fixture {
    let network = try Fixture()
    let shanghai = try network.issueVoucher(to: network.shEnterprise).code
    let zhejiang = try network.issueVoucher(to: network.zjEnterprise).code
    let paidHere = try network.book(network.nmr, as: .shEnterpriseResearcher, voucher: shanghai)
    let paidThere = try network.book(network.xrd, as: .zjEnterpriseResearcher, voucher: zhejiang)
    _ = try network.book(network.nmr, as: .zjEnterpriseResearcher, voucher: zhejiang)
    network.clock.now = instant("2026-12-10 09:00")
    for (booking, manager) in [(paidHere, Actor.fudanManager), (paidThere, .zjuManager)] {
      _ = try network.service.change(
        BookingChange(.complete, bookingID: booking.id, used: booking.interval),
        as: manager.principal)
    }
    return network
  }

  @Test(
    "auditors export their own scope, the network's auditor and admins everything; nobody else",
    arguments: AuditExport.allCases, [nil, Province.shanghai, .zhejiang])
  func permissions(export: AuditExport, province: Province?) throws {
    let network = try Self.auditedNetwork()
    try expectPermissions(
      "\(export.rawValue) of \(province?.code ?? "the actor's scope")",
      Self.auditors(of: province)
    ) { actor in
      _ = try export.run(network, province: province, as: actor.principal)
    }
  }

  @Test(
    "a province auditor's export stays in its province; the network's covers all",
    arguments: AuditExport.allCases)
  func scope(export: AuditExport) throws {
    let network = try Self.auditedNetwork()
    let booked: Set<Province> = [.shanghai, .zhejiang]
    let expected: [Actor: Set<Province>] = [
      .shAuditor: [.shanghai], .zjAuditor: [.zhejiang],
      .networkAuditor: Set(Province.allCases), .admin: Set(Province.allCases),
    ]
    for (actor, provinces) in expected {
      let covered = try export.run(network, province: nil, as: actor.principal)
      let wanted = export == .exportBookings ? provinces.intersection(booked) : provinces
      #expect(covered == wanted, "\(export) as \(actor)")
    }
    let asked = try export.run(network, province: .zhejiang, as: Actor.networkAuditor.principal)
    #expect(asked == [.zhejiang])
  }
}
