import Hummingbird
import InstrumentNetwork
import LabNetPresentation
import LabNetService
import NetworkStore

extension API {
  func addVoucherListRoutes(to api: RouterGroup<BasicRequestContext>) {
    api.get("/vouchers") { request, _ in
      await respond(request) { principal in
        var filter = VoucherFilter(province: try Self.province(request))
        if let holder = Self.query(request, "holder") {
          guard let id = Int64(holder) else {
            throw APIError(.badRequest, code: "invalid_id", "holder must be a unit's id")
          }
          filter.holderUnitID = id
        }
        let found = try await run { [filter] in try $0.vouchers(matching: filter, as: principal) }
        let now = service.now
        return Self.json(
          Listing(
            columns: VoucherPresentation.columns,
            rows: found.map { VoucherPresentation.row(of: $0, now: now) }))
      }
    }
    api.post("/vouchers") { request, _ in
      await respond(request) { principal in
        let body = try await Self.object(
          of: request, allowed: ["holder", "amount", "expires", "valid_from"])
        let issue = VoucherIssueRequest(
          holder: try Self.text(body, "holder") ?? "",
          faceValue: try Money(yuan: try Self.text(body, "amount") ?? ""),
          validFrom: try Self.text(body, "valid_from", required: false).map {
            text throws(LabNetError) in try LocalDate(parsing: text)
          },
          lastValidDay: try LocalDate(parsing: try Self.text(body, "expires") ?? ""))
        let listing = try await run { try $0.issueVoucher(issue, as: principal) }
        return Self.json(
          VoucherPresentation.fields(of: listing, now: service.now), status: .created)
      }
    }
    api.get("/voucher-policies/{province}") { request, context in
      await respond(request) { _ in
        let province = try Province(parsing: context.parameters.get("province") ?? "")
        let policies = try await run { try $0.voucherPolicies([province]) }
        return Self.json(
          zip(VoucherPresentation.policyColumns, VoucherPresentation.row(of: policies[0])).map {
            Field($0.key, $0.title, $1)
          })
      }
    }
  }
}
