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
        filter.holderUnitID = try Self.queryID(request, "holder")
        if let status = Self.query(request, "status") {
          guard let standing = Voucher.Standing(rawValue: status) else {
            throw APIError(
              .badRequest, code: "invalid_status",
              "status must be active, not_yet_valid, expired, exhausted or revoked; got \"\(status.prefix(40))\""
            )
          }
          filter.standing = standing
        }
        // Expired vouchers are listed unless include_expired=false (the server's clock decides).
        filter.includeExpired = Self.query(request, "include_expired") != "false"
        _ = try Self.flag(query: request, "include_expired")
        let found = try await run { [filter] in try $0.vouchers(matching: filter, as: principal) }
        let now = service.now
        return try Self.page(
          found, of: request, columns: VoucherPresentation.columns,
          cells: { VoucherPresentation.row(of: $0, now: now) }, id: \.voucher.id)
      }
    }
    api.post("/vouchers") { request, _ in
      await creating(request) { request, _ in
        let body = try await Self.object(
          of: request, allowed: ["holder", "amount", "expires", "valid_from"])
        let issue = VoucherIssueRequest(
          holder: try Self.text(body, "holder") ?? "",
          faceValue: try Money(yuan: try Self.text(body, "amount") ?? ""),
          validFrom: try Self.text(body, "valid_from", required: false).map {
            text throws(LabNetError) in try LocalDate(parsing: text)
          },
          lastValidDay: try LocalDate(parsing: try Self.text(body, "expires") ?? ""))
        return { service, principal in
          Self.created(
            VoucherPresentation.fields(
              of: try service.issueVoucher(issue, as: principal), now: service.now))
        }
      }
    }
    api.get("/voucher-policies/{province}") { request, context in
      await respond(request) { _ in
        let province = try Province(parsing: Self.pathText(context, "province"))
        let policies = try await run { try $0.voucherPolicies([province]) }
        return Self.json(
          VoucherPresentation.fields(of: policies[0]))
      }
    }
    api.put("/voucher-policies/{province}") { request, context in
      await respond(request) { principal in
        let province = try Province(parsing: Self.pathText(context, "province"))
        let body = try await Self.object(
          of: request, allowed: ["cover_percent", "cap_yuan", "accepted_in"])
        let cover = try Self.text(body, "cover_percent", required: false).map {
          text throws(LabNetError) in try VoucherPolicy.coverBasisPoints(parsing: text)
        }
        // A cap: absent leaves it, null removes it, a string sets it.
        let cap: Money?? =
          body.keys.contains("cap_yuan")
          ? .some(
            try Self.text(body, "cap_yuan", required: false).map { text throws(LabNetError) in
              try Money(yuan: text)
            }) : nil
        var accepted: [Province]?
        if let list = body["accepted_in"] {
          guard let texts = list as? [Any], texts.allSatisfy({ $0 is String }) else {
            throw APIError(
              .badRequest, code: "wrong_type",
              "\"accepted_in\" must be a list like [\"SH\", \"ZJ\"]")
          }
          accepted = try texts.compactMap { $0 as? String }.map { text throws(LabNetError) in
            try Province(parsing: text)
          }
        }
        let change = VoucherPolicyChange(
          province: province, coverBasisPoints: cover, capPerBooking: cap, acceptedIn: accepted)
        let policy = try await run { try $0.setVoucherPolicy(change, as: principal) }
        return Self.json(VoucherPresentation.fields(of: policy))
      }
    }
  }
}
