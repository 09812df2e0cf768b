import Hummingbird
import InstrumentNetwork
import LabNetPresentation
import LabNetService
import NetworkStore

extension Pages {
  /// `/vouchers`: the vouchers the visitor may see (the service decides:
  /// their unit's, or their province's for an issuer), a ledger, issuing,
  /// the province's policy.
  func addVouchersPage(to router: Router<BasicRequestContext>) {
    router.get("/vouchers") { request, _ in
      await signedIn(request) { visit in
        let code = Self.queryFields(request)["code"].flatMap { $0.isEmpty ? nil : $0 }
        let now = api.service.now
        let principal = visit.principal
        let (vouchers, statement, policies) = try await run { service in
          (
            try service.vouchers(matching: VoucherFilter(includeExpired: false), as: principal),
            try code.map { try service.voucher(code: $0, as: principal) },
            try service.voucherPolicies(Province.allCases)
          )
        }
        let language = visit.language
        var values: [String: Any] = [
          "vouchers": Self.table(
            "vouchers", VoucherPresentation.columns,
            vouchers.map { VoucherPresentation.fields(of: $0, now: now) }, language,
            link: { fields in
              fields.first { $0.key == "code" }.map { "/vouchers?code=" + $0.value.tableText }
            }),
          "policies": Self.table(
            "policies", VoucherPresentation.policyColumns,
            policies.map { VoucherPresentation.fields(of: $0) }, language),
          "may_issue": visit.account.map { account in
            account.isAdmin || account.has(.issuer)
          } ?? false,
        ]
        if let statement {
          values["ledger"] =
            [
              "code": statement.listing.voucher.code,
              "summary": Self.table(
                "voucher", VoucherPresentation.columns,
                [VoucherPresentation.fields(of: statement.listing, now: now)], language),
              "entries": Self.table(
                "ledger", VoucherPresentation.ledgerColumns,
                statement.ledger.map(VoucherPresentation.fields(of:)), language),
            ] as [String: Any]
        }
        let t = PageText.words(language)
        return page(
          "vouchers", title: t["nav_vouchers"] ?? "", values, visit: visit,
          notice: Self.notice(request, language))
      }
    }
    router.post("/vouchers/issue") { request, _ in
      await signedIn(request) { visit in
        let fields = try await Self.form(request, visit: visit)
        let issue = VoucherIssueRequest(
          holder: fields["holder"] ?? "", faceValue: try Money(yuan: fields["amount"] ?? ""),
          validFrom: nil, lastValidDay: try LocalDate(parsing: fields["expires"] ?? ""))
        let made = try await run { try $0.issueVoucher(issue, as: visit.principal) }
        return Self.redirect("/vouchers?notice=issued&code=\(made.voucher.code)", visit)
      }
    }
  }

  /// `/reports`: usage by a grouping with the HTML reports' own SVG charts,
  /// the voucher flow matrix, and the downloads (the API's exports).
  func addReportsPage(to router: Router<BasicRequestContext>) {
    router.get("/reports") { request, _ in
      await signedIn(request) { visit in
        var fields = Self.queryFields(request).filter { !$0.value.isEmpty }
        let by = UsageGrouping(rawValue: fields["by"] ?? "") ?? .province
        fields["by"] = by.rawValue
        let parameters = Self.parameters(fields, path: "/reports")
        let period = try API.period(parameters)
        let province = try API.province(parameters)
        let principal = visit.principal
        let (usage, flows) = try await run { service in
          (
            try service.usageDocument(
              by: by, period: period, province: province, top: nil, format: .html, as: principal),
            try service.voucherFlowDocument(
              period: period, province: province, format: .html, as: principal)
          )
        }
        let t = PageText.words(visit.language)
        var query = fields
        query.removeValue(forKey: "by")
        func link(_ path: String, _ extra: [String: String]) -> String {
          path + "?" + Self.query(query.merging(extra) { $1 })
        }
        let values: [String: Any] = [
          "form": fields,
          "groupings": UsageGrouping.allCases.map {
            [
              "code": $0.rawValue, "name": t["by_" + $0.rawValue] ?? $0.rawValue,
              "selected": $0 == by,
            ]
          },
          "provinces": Province.allCases.map {
            ["code": $0.code, "name": $0.chineseName, "selected": fields["province"] == $0.code]
          },
          "usage": HTMLReport.bodyPart(of: usage),
          "vouchers": HTMLReport.bodyPart(of: flows),
          "usage_csv": link("/api/v1/exports/usage", ["by": by.rawValue, "format": "csv"]),
          "usage_html": link("/api/v1/exports/usage", ["by": by.rawValue, "format": "html"]),
          "vouchers_csv": link("/api/v1/exports/vouchers", ["format": "csv"]),
          "bookings_csv": link("/api/v1/exports/bookings", ["format": "csv"]),
        ]
        return page("reports", title: t["nav_reports"] ?? "", values, visit: visit)
      }
    }
  }

  /// A table of presentation fields, headed in the visitor's language
  /// (`col_KEY`, else the CLI's title); `link` makes a row's first cell a link.
  static func table(
    _ id: String, _ columns: [(key: String, title: String)], _ rows: [[Field]],
    _ language: PageLanguage, link: (([Field]) -> String?)? = nil
  ) -> [String: Any] {
    let t = PageText.words(language)
    return [
      "table_id": id,
      "columns": columns.map { t["col_" + $0.key] ?? $0.title },
      "rows": rows.map { fields in
        let href = link?(fields)
        return [
          "key": fields.first.map(\.value.tableText) ?? "",
          "cells": columns.enumerated().map { index, column in
            let cell = fields.first { $0.key == column.key }?.value ?? .none
            var values: [String: Any] = ["text": cell.tableText, "numeric": cell.isNumeric]
            if index == 0, let href { values["href"] = href }
            return values
          },
        ] as [String: Any]
      },
    ]
  }
}
