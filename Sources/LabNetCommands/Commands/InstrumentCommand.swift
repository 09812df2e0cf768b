import ArgumentParser
import InstrumentNetwork
import LabNetPresentation
import LabNetService
import NetworkStore

extension LabNet {
  /// `labnet instrument register|list|show|update|retire`.
  struct InstrumentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "instrument", abstract: "Register, find and change instruments.",
      subcommands: [
        Register.self, Import.self, List.self, Show.self, Update.self, Retire.self, Block.self,
        Blocks.self, Unblock.self,
      ])

    struct Register: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Register an instrument (the unit's manager, or an admin).",
        discussion: "Instruments under 300,000.00 yuan are below the network's admission bar.")

      @Option(help: "The owning unit (id or exact name).") var unit: String
      @Option(help: "The instrument's name, like 透射电子显微镜.") var name: String
      @Option(help: "Category key, English or Chinese name (e.g. analytical, 分析仪器).")
      var category: String
      @Option(parsing: .unconditional, help: "Purchase value in yuan, up to two decimals.")
      var value: String
      @Option(parsing: .unconditional, help: "Hourly rate in yuan, up to two decimals.")
      var rate: String
      @OptionGroup var details: InstrumentDetails
      @OptionGroup var global: GlobalOptions

      func run() throws {
        try global.withService { service in
          let unit = try service.unit(named: self.unit)
          var draft = InstrumentDraft(
            unitID: unit.id, name: name, category: try InstrumentCategory(parsing: category),
            value: try Money(yuan: value), hourlyRate: try Money(yuan: rate))
          try details.apply(to: &draft)
          let listing = try service.registerInstrument(draft, as: global.principal)
          Renderer.write(global.renderer.text(of: Presentation.fields(of: listing)))
        }
      }
    }

    struct List: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "List instruments; no account needed.")
      @Option(help: "Only this unit's (id or exact name).") var unit: String?
      @Option(help: "Only this province's.") var province: String?
      @Option(help: "Only this city's.") var city: String?
      @Option(help: "Only this category.") var category: String?
      @Option(help: "Only this value tier: flagship, major, large, standard.") var tier: String?
      @Option(help: "Text in the name, model or manufacturer.") var search: String?
      @OptionGroup var limit: ListLimit
      @Flag(help: "Include retired instruments.") var includeRetired = false
      @OptionGroup var global: GlobalOptions

      func run() throws {
        try global.withService { service in
          let filter = InstrumentFilter(
            unitID: try unit.map { try service.unit(named: $0).id },
            province: try province.map { text throws(LabNetError) in try Province(parsing: text) },
            city: city,
            category: try category.map { text throws(LabNetError) in
              try InstrumentCategory(parsing: text)
            },
            tier: try tier.map { text throws(LabNetError) in try ValueTier(parsing: text) },
            search: search, includeRetired: includeRetired, limit: limit.limit)
          let found = try service.instruments(matching: filter)
          let listing = Listing(
            columns: Presentation.instrumentColumns, rows: found.map(Presentation.row(of:)))
          Renderer.write(global.renderer.text(of: listing))
          try limit.note(
            shown: found.count, total: try service.instrumentCount(matching: filter),
            format: global.format)
        }
      }
    }

    struct Show: ParsableCommand {
      static let configuration = CommandConfiguration(abstract: "Show one instrument.")
      @Argument(help: "The instrument's id.") var id: Int64
      @OptionGroup var global: GlobalOptions

      func run() throws {
        try global.withService { service in
          let (listing, blocks) = try service.instrumentWithBlocks(id: id)
          Renderer.write(
            global.renderer.text(
              of: AvailabilityPresentation.fields(of: listing, blocks: blocks)))
        }
      }
    }

    struct Update: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Change an instrument (the unit's manager, or an admin).")
      @Argument(help: "The instrument's id.") var id: Int64
      @Option(help: "New name.") var name: String?
      @Option(help: "New category.") var category: String?
      @Option(parsing: .unconditional, help: "New purchase value in yuan.") var value: String?
      @Option(parsing: .unconditional, help: "New hourly rate in yuan.") var rate: String?
      @Option(help: "in_service or under_maintenance (use `retire` to retire).") var status: String?
      @Flag(help: "Open it to other units again.") var shared = false
      @OptionGroup var details: InstrumentDetails
      @OptionGroup var global: GlobalOptions

      func run() throws {
        try global.withService { service in
          let category = try self.category.map { text throws(LabNetError) in
            try InstrumentCategory(parsing: text)
          }
          let value = try self.value.map { text throws(LabNetError) in try Money(yuan: text) }
          let rate = try self.rate.map { text throws(LabNetError) in try Money(yuan: text) }
          let status = try self.status.map { text throws(LabNetError) in
            try InstrumentStatus(parsing: text)
          }
          if shared && details.notShared {
            throw LabNetError.invalidData("--shared and --not-shared contradict each other")
          }
          var changes = try details.changes()
          changes.name = name
          changes.category = category
          changes.value = value
          changes.hourlyRate = rate
          changes.status = status
          if shared { changes.isShared = true }
          let updated = try service.updateInstrument(id: id, changes, as: global.principal)
          Renderer.write(global.renderer.text(of: Presentation.fields(of: updated)))
        }
      }
    }

    struct Retire: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Retire an instrument for good (the unit's manager, or an admin).",
        discussion: "Refused while bookings of it are still to come, unless --cancel-bookings.")
      @Argument(help: "The instrument's id.") var id: Int64
      @Flag(help: "Cancel its bookings still to come (refunding their vouchers).")
      var cancelBookings = false
      @OptionGroup var global: GlobalOptions

      func run() throws {
        try global.withService { service in
          let retired = try service.retireInstrument(
            id: id, cancellingBookings: cancelBookings, as: global.principal)
          Renderer.write(global.renderer.text(of: Presentation.fields(of: retired)))
        }
      }
    }
  }
}

/// The optional details `register` and `update` share; the service checks them.
struct InstrumentDetails: ParsableArguments {
  @Option(help: "Model designation.") var model: String?
  @Option(help: "Manufacturer.") var maker: String?
  @Option(help: "Where it stands.") var location: String?
  @Option(help: "Weekly opening hours, like \"Mon-Fri 08:00-20:00\" or \"24/7\".") var hours:
    String?
  @Option(help: "Bookings start and end on multiples of this many minutes (default 15).")
  var granularity: Int?
  @Flag(help: "Only the owning unit may book it.") var notShared = false
  @OptionGroup var rules: InstrumentRuleOptions
  @Option(help: "The unit's asset number (资产编号), unique within the unit; \"\" removes it.")
  var assetNumber: String?

  /// The details as changes: an empty value clears model, maker, location or asset number.
  func changes() throws -> InstrumentChanges {
    InstrumentChanges(
      model: model, manufacturer: maker, location: location,
      openingHours: try hours.map { text throws(LabNetError) in try OpeningHours(parsing: text) },
      isShared: notShared ? false : nil, granularityMinutes: granularity,
      assetNumber: assetNumber, rules: try rules.changes())
  }

  func apply(to draft: inout InstrumentDraft) throws {
    draft.take(try changes())
  }

}

/// An instrument's booking rules, as `register` and `update` take them; the
/// domain checks their ranges.
struct InstrumentRuleOptions: ParsableArguments {
  @Option(
    help:
      "Whether bookings wait for a manager's approval: yes or no (default: yes for flagship instruments)."
  )
  var approval: String?
  @Option(help: "The longest booking, like 8h or 90m (default and most: 72h).")
  var maxLength: String?
  @Option(help: "How long ahead a booking must be made, like 24h (default: none).")
  var notice: String?
  @Option(help: "How many days ahead bookings open (default and most: 90).")
  var horizonDays: Int?
  @Option(help: "What completion charges: booked, actual or greater (default: greater).")
  var billing: String?
  @Option(help: "Cancelling under this many hours before the start costs a charge (default: 24).")
  var lateCancelHours: Int?
  @Option(help: "That charge, in percent of the quote (default: 50; 0 for none).")
  var lateCancelPercent: Int?
  @Option(help: "Whether booking it takes a qualification for its model: yes or no (default: no).")
  var training: String?
  @Option(
    help: "Whether it accepts qualifications other units granted: yes or no (default: yes).")
  var externalQualifications: String?

  func changes() throws -> InstrumentRuleChanges {
    InstrumentRuleChanges(
      approvalRequired: try approval.map { text throws(LabNetError) in
        try Self.yesOrNo(text, "--approval")
      },
      maximumMinutes: try maxLength.map { text throws(LabNetError) in
        Int(try BookingDuration(parsing: text).minutes)
      },
      minimumNoticeMinutes: try notice.map { text throws(LabNetError) in
        text.trimmedWhitespace == "0" ? 0 : Int(try BookingDuration(parsing: text).minutes)
      },
      horizonDays: horizonDays,
      billing: try billing.map { text throws(LabNetError) in try BillingBasis(parsing: text) },
      lateCancellationHours: lateCancelHours, lateCancellationPercent: lateCancelPercent,
      trainingRequired: try training.map { text throws(LabNetError) in
        try Self.yesOrNo(text, "--training")
      },
      acceptsExternalQualifications: try externalQualifications.map {
        text throws(LabNetError) in try Self.yesOrNo(text, "--external-qualifications")
      })
  }

  static func yesOrNo(_ text: String, _ option: String) throws(LabNetError) -> Bool {
    switch text.trimmedWhitespace.lowercased() {
    case "yes", "on", "true": return true
    case "no", "off", "false": return false
    default: throw .invalidData("\(option) must be yes or no; got \"\(text)\"")
    }
  }
}
