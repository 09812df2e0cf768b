import ArgumentParser
import InstrumentNetwork
import LabNetPresentation
import LabNetService
import NetworkStore

extension LabNet {
  /// `labnet unit add|list|show`.
  struct UnitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "unit", abstract: "Manage member units (成员单位).",
      subcommands: [Add.self, List.self, Show.self])

    struct Add: ParsableCommand {
      static let configuration = CommandConfiguration(abstract: "Add a member unit (admin only).")
      @Option(help: "The unit's name, like 复旦大学.") var name: String
      @Option(help: "SH, JS, ZJ, AH, or the Chinese or pinyin name.") var province: String
      @Option(help: "The city, like 杭州 or Hangzhou.") var city: String
      @Option(help: "university, institute, enterprise, hospital or other.") var kind: String
      @OptionGroup var global: GlobalOptions

      func run() throws {
        try global.withService { service in
          let unit = try service.addUnit(
            UnitRequest(
              name: name, province: try Province(parsing: province), city: city,
              kind: try UnitKind(parsing: kind)),
            as: global.principal)
          Renderer.write(global.renderer.text(of: Presentation.fields(of: unit)))
        }
      }
    }

    struct List: ParsableCommand {
      static let configuration = CommandConfiguration(abstract: "List member units.")
      @Option(help: "Only units of this province.") var province: String?
      @OptionGroup var limit: ListLimit
      @OptionGroup var global: GlobalOptions

      func run() throws {
        try global.withService { service in
          let province = try self.province.map { text throws(LabNetError) in
            try Province(parsing: text)
          }
          let units = try service.units(in: province)
          let records = units.prefix(limit.limit).map(Presentation.fields(of:))
          Renderer.write(
            global.renderer.text(of: Listing(records: records, columns: Presentation.unitColumns)))
          limit.note(shown: records.count, total: units.count, format: global.format)
        }
      }
    }

    struct Show: ParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Show a unit, its instruments' count and value, and its managers.")
      @Argument(help: "The unit's id or exact name.") var unit: String
      @OptionGroup var global: GlobalOptions

      func run() throws {
        try global.withService { service in
          let summary = try service.unitSummary(named: unit)
          Renderer.write(global.renderer.text(of: Presentation.fields(of: summary)))
        }
      }
    }
  }
}
