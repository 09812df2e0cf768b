import ArgumentParser
import InstrumentNetwork
import LabNetPresentation
import LabNetService
import NetworkStore

extension LabNet {
  /// `labnet voucher issue|show|list|redeem|policy`.
  struct VoucherCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "voucher", abstract: "Innovation vouchers (科技创新券) across provinces.",
      subcommands: [Issue.self, Show.self, List.self, Redeem.self, Policy.self])

    struct Issue: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Issue a voucher to an enterprise of your province (its issuer).")
      @Option(help: "The enterprise unit (id or exact name).") var holder: String
      @Option(parsing: .unconditional, help: "Face value in yuan, up to two decimals.")
      var amount: String
      @Option(help: "Last valid day, like 2027-06-30 (valid through its end).") var expires: String
      @Option(help: "First valid day (default today).") var validFrom: String?
      @OptionGroup var global: GlobalOptions

      func run() throws {
        try global.withService { service in
          let request = VoucherIssueRequest(
            holder: holder, faceValue: try Money(yuan: amount),
            validFrom: try validFrom.map { text throws(LabNetError) in
              try LocalDate(parsing: text)
            },
            lastValidDay: try LocalDate(parsing: expires))
          let listing = try service.issueVoucher(request, as: global.principal)
          Renderer.write(
            global.renderer.text(of: VoucherPresentation.fields(of: listing, now: service.now)))
        }
      }
    }

    struct Show: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Show a voucher, its balance and its ledger.")
      @Argument(help: "The voucher's code, like ZJ-2026-000123.") var code: String
      @OptionGroup var global: GlobalOptions

      func run() throws {
        try global.withService { service in
          let statement = try service.voucher(code: code, as: global.principal)
          let ledger = statement.ledger
          let fields = VoucherPresentation.fields(of: statement.listing, now: service.now)
          switch global.format {
          case .json:
            let entries = ledger.map { entry in
              JSONText.record(VoucherPresentation.fields(of: entry), indent: 4)
            }
            Renderer.write(
              JSONText.object(
                fields.map { ($0.key, JSONText.value($0.value)) }
                  + [("ledger", JSONText.array(entries, indent: 2))]) + "\n")
          case .csv:
            Renderer.write(
              global.renderer.text(
                of: Listing(
                  columns: VoucherPresentation.ledgerColumns,
                  rows: ledger.map { VoucherPresentation.fields(of: $0).map(\.value) })))
          case .table, .html, .xlsx:
            Renderer.write(global.renderer.text(of: fields) + "\nLedger\n")
            Renderer.write(
              global.renderer.text(
                of: Listing(
                  columns: VoucherPresentation.ledgerColumns,
                  rows: ledger.map { VoucherPresentation.fields(of: $0).map(\.value) })))
          }
        }
      }
    }

    struct List: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "List vouchers: your unit's, or your province's (issuers, auditors).")
      @Option(help: "Only this holder unit's (id or exact name).") var holder: String?
      @Option(help: "Only this issuing province's.") var province: String?
      @Option(help: "active, not_yet_valid, expired, exhausted or revoked.") var status: String?
      @Flag(help: "List expired vouchers too (without it, --status expired lists only them).")
      var includeExpired = false
      @OptionGroup var limit: ListLimit
      @OptionGroup var global: GlobalOptions

      func run() throws {
        try global.withService { service in
          var filter = VoucherFilter(
            holderUnitID: try holder.map { try service.unit(named: $0).id },
            province: try province.map { text throws(LabNetError) in try Province(parsing: text) },
            includeExpired: includeExpired)
          if let status {
            guard let standing = Voucher.Standing(rawValue: status.lowercased()) else {
              throw LabNetError.invalidData(
                "--status must be active, not_yet_valid, expired, exhausted or revoked; got \"\(status)\""
              )
            }
            filter.standing = standing
          }
          let now = service.now
          let visible = try service.vouchers(matching: filter, as: global.principal)
          Renderer.write(
            global.renderer.text(
              of: Listing(
                columns: VoucherPresentation.columns,
                rows: visible.prefix(limit.limit).map { VoucherPresentation.row(of: $0, now: now) })
            ))
          limit.note(
            shown: min(visible.count, limit.limit), total: visible.count, format: global.format)
        }
      }
    }

    struct Redeem: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Pay part of a booking with a voucher of your unit.")
      @Argument(help: "The voucher's code.") var code: String
      @Option(help: "The booking's id.") var booking: Int64
      @OptionGroup var global: GlobalOptions

      func run() throws {
        try global.withService { service in
          let redemption = try service.redeemVoucher(
            code: code, bookingID: booking, as: global.principal)
          Renderer.write(
            global.renderer.text(
              of: VoucherPresentation.fields(of: redemption, bookingID: booking)))
        }
      }
    }

    struct Policy: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Show or set a province's voucher policy.",
        subcommands: [PolicyShow.self, PolicySet.self])
    }

    struct PolicyShow: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show voucher policies; no account needed.")
      @Option(help: "Only this province's.") var province: String?
      @OptionGroup var global: GlobalOptions

      func run() throws {
        try global.withService { service in
          let provinces =
            try province.map { text throws(LabNetError) in [try Province(parsing: text)] }
            ?? Province.allCases
          let policies = try service.voucherPolicies(provinces)
          Renderer.write(
            global.renderer.text(
              of: Listing(
                columns: VoucherPresentation.policyColumns,
                rows: policies.map(VoucherPresentation.row(of:)))))
        }
      }
    }

    struct PolicySet: ParsableCommand {
      static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Set a province's voucher policy (its issuer, or an admin).")
      @Option(help: "The issuing province.") var province: String
      @Option(help: "Share of a fee vouchers may pay, in percent, like 50 or 37.5.") var cover:
        String?
      @Option(
        parsing: .unconditional,
        help: "Most vouchers may pay on one booking, in yuan; `none` for no cap.")
      var cap: String?
      @Option(help: "Provinces whose instruments accept the vouchers, like SH,JS,ZJ,AH.")
      var accept: String?
      @OptionGroup var global: GlobalOptions

      func run() throws {
        try global.withService { service in
          let province = try Province(parsing: province)
          let cover = try self.cover.map { text throws(LabNetError) in
            try VoucherPolicy.coverBasisPoints(parsing: text)
          }
          let cap: Money?? = try self.cap.map { text throws(LabNetError) -> Money? in
            guard text.lowercased() != "none" else { return nil }
            return try Money(yuan: text)
          }
          let accepted = try accept.map { text throws(LabNetError) in try Province.parseList(text) }
          let policy = try service.setVoucherPolicy(
            VoucherPolicyChange(
              province: province, coverBasisPoints: cover, capPerBooking: cap,
              acceptedIn: accepted),
            as: global.principal)
          Renderer.write(
            global.renderer.text(of: VoucherPresentation.fields(of: policy)))
        }
      }
    }
  }
}
