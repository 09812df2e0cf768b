import ArgumentParser
import InstrumentNetwork
import LabNetService
import NetworkStore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension LabNet {
  /// `labnet demo`: a guided run on a fresh SQLite file.
  struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "A guided end-to-end run on a fresh SQLite file.",
      discussion: """
        Each step prints the `labnet …` command it runs, so you can repeat it yourself.
        """)

    @Option(help: "Folder for the demo database (default: a new temporary folder).")
    var folder: String?

    /// `--database` names an empty database to run in instead (e.g. postgres://…);
    /// the demo chooses its own actors, so `--as` is not needed.
    @OptionGroup var global: GlobalOptions

    func run() throws {
      if global.serverURL != nil {
        throw ValidationError("labnet demo runs on its own database, not through a server")
      }
      let target = try reporting { try demoDatabase() }
      let example = try reporting { try writeExample(nextTo: target.folder) }
      print("labnet demo: a fresh network in \(target.description)\n")
      let now = try reporting {
        try environment("LABNET_NOW").flatMap { text throws(LabNetError) in
          text.isEmpty ? nil : try Instant(parsing: text)
        } ?? Instant.now()
      }
      let day = Self.nextWorkingDay(after: now)
      let steps =
        Self.steps(admin: target.adminArguments, example: example)
        + Self.bookingSteps(day: day, calendar: target.folder + "/r0001.ics")
      for step in steps { try perform(step, database: target.url) }
      // The voucher story needs a Shanghai instrument free on that day: ask the service.
      let service = try reporting {
        NetworkService(
          pool: StorePool(location: try StoreLocation(parsing: target.url)), clock: { now })
      }
      let open = day.startInstant + 8 * 3_600
      guard
        let run = try reporting({
          try service.searchFreeRuns(
            FreeRunSearch(
              window: open..<(open + 12 * 3_600), seconds: 2 * 3_600,
              filter: InstrumentFilter(province: .shanghai, category: .analytical),
              maximumRate: Money(yuanWhole: 2_000), limit: 1))
        }).first
      else { return }
      for step in Self.voucherSteps(
        admin: target.adminArguments, day: day, year: now.localDate.year, run: run)
      {
        try perform(step, database: target.url)
      }
      let database = shellQuoted(target.url)
      print(
        """
        Done. Explore it yourself, for example:
          labnet --database \(database) instrument list --format json
          labnet --database \(database) --as zhangwei instrument update 45271 --rate 4800
          labnet --database \(database) --as m0001 instrument list --unit 1
        """)
    }

    /// Where the demo runs: `--database` if given (it must hold no units yet),
    /// else a new SQLite file.
    private func demoDatabase() throws -> (
      url: String, description: String, adminArguments: [String], folder: String
    ) {
      if let database = global.database {
        let location = try StoreLocation(parsing: database)
        let service = NetworkService(pool: StorePool(location: location, creating: true))
        if try service.holdsNetwork() {
          throw LabNetError.refused(
            "\(location) already holds a network; the demo needs an empty database")
        }
        let folder = try self.folder ?? temporaryFolder()
        return (database, location.description, ["--as", "admin"], folder)
      }
      #if SQLite
        let folder = try self.folder.map(existingFolder) ?? temporaryFolder()
        let path = folder + "/labnet.sqlite"
        if access(path, F_OK) == 0 {
          throw LabNetError.refused(
            "\(path) already exists; give --folder an empty folder or remove the file")
        }
        return (path, path, ["--as", "admin"], folder)
      #else
        throw LabNetError.storeUnavailable(
          "this labnet was built without SQLite; run the demo with --database postgres://… naming an empty database"
        )
      #endif
    }

    private func existingFolder(_ folder: String) throws -> String {
      var status = stat()
      guard stat(folder, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else {
        throw LabNetError.storeUnavailable("--folder \(folder) is not an existing folder")
      }
      return folder
    }

    private func temporaryFolder() throws -> String {
      var template = Array("/tmp/labnet-demo-XXXXXX".utf8CString)
      guard let made = mkdtemp(&template) else {
        throw LabNetError.storeUnavailable("cannot make a temporary folder under /tmp")
      }
      return String(cString: made)
    }

    /// Writes the sample import file (docs/examples/instruments.csv) into `folder`.
    private func writeExample(nextTo folder: String) throws -> String {
      let path = folder + "/instruments.csv"
      guard let file = fopen(path, "wb") else {
        throw LabNetError.storeUnavailable("cannot write \(path)")
      }
      defer { fclose(file) }
      var text = DemoExample.instrumentsCSV
      text.withUTF8 { _ = fwrite($0.baseAddress, 1, $0.count, file) }
      return path
    }

    typealias Step = (say: String, arguments: [String], refused: Bool)

    /// Runs one step in-process, printing it as the `labnet` command it is.
    private func perform(_ step: Step, database: String) throws {
      print("# \(step.say)")
      let arguments = ["--database", database] + step.arguments
      print("$ labnet " + arguments.map(shellQuoted).joined(separator: " "))
      var command = try LabNet.parseAsRoot(LabNet.hoistingGlobalOptions(arguments))
      fflush(nil)  // keep the step's lines in order with a refusal on stderr
      do {
        try command.run()
      } catch let exit as ExitCode where step.refused && exit.rawValue == 67 {
        print("(refused with exit code 67, as it should be)")
      }
      print("")
      fflush(nil)
    }

    /// A Zhejiang enterprise pays half of a Shanghai booking with a Zhejiang
    /// voucher, sees the balance fall, cancels, and sees it refunded.
    static func voucherSteps(admin: [String], day: LocalDate, year: Int, run: FreeRun) -> [Step] {
      let code = Voucher.code(province: .zhejiang, year: year, sequence: 1)
      let start = run.run.lowerBound
      let instrument = String(run.listing.instrument.id)
      return [
        (
          "The admin adds a Zhejiang enterprise and one of its researchers.",
          admin + [
            "unit", "add", "--name", "嘉兴光电科技有限公司", "--province", "ZJ", "--city", "嘉兴", "--kind",
            "enterprise",
          ], false
        ),
        (
          "…",
          admin + [
            "account", "add", "qianmin", "--name", "钱敏", "--role", "researcher", "--unit",
            "嘉兴光电科技有限公司",
          ], false
        ),
        (
          "Zhejiang's issuer gives the enterprise an innovation voucher (科技创新券).",
          [
            "--as", "issuer-zj", "voucher", "issue", "--holder", "嘉兴光电科技有限公司", "--amount", "20000",
            "--expires", day.adding(days: 180).iso,
          ], false
        ),
        (
          "Each province's voucher policy: cover, cap, where accepted.",
          ["voucher", "policy", "show"], false
        ),
        (
          "The researcher books a Shanghai instrument (\(run.listing.instrument.name)) and pays with the Zhejiang voucher.",
          [
            "--as", "qianmin", "book", instrument, "--from", start.localText, "--to",
            (start + 2 * 3_600).localText, "--purpose", "光学元件检测", "--voucher", code,
          ], false
        ),
        (
          "The voucher's balance fell by its share of the fee.",
          ["--as", "qianmin", "voucher", "show", code], false
        ),
        (
          "The researcher cancels the booking…", ["--as", "qianmin", "booking", "cancel", "2"],
          false
        ),
        (
          "…and the voucher is refunded: every change is a ledger row.",
          ["--as", "qianmin", "voucher", "show", code], false
        ),
      ]
    }

    /// The first weekday after `now`, in China Standard Time.
    static func nextWorkingDay(after now: Instant) -> LocalDate {
      var day = now.localDate.adding(days: 1)
      while day.weekday == .saturday || day.weekday == .sunday { day = day.adding(days: 1) }
      return day
    }

    /// A researcher finds a free slot, books it, a colliding booking is
    /// refused, and the booking goes to a calendar file.
    static func bookingSteps(day: LocalDate, calendar: String) -> [Step] {
      let date = day.iso
      let nextWeek = day.adding(days: 7).iso
      return [
        (
          "A researcher looks for a free 4-hour run on an analytical instrument in 浙江.",
          [
            "availability", "search", "--from", "\(date) 08:00", "--to", "\(nextWeek) 00:00",
            "--duration", "4h", "--province", "浙江", "--category", "analytical", "--limit", "5",
          ], false
        ),
        (
          "A Shanghai researcher books the new 核磁共振波谱仪 (instrument 45264) across the province line.",
          [
            "--as", "r0001", "book", "45264", "--from", "\(date) 09:00", "--to", "\(date) 13:00",
            "--purpose", "样品结构表征",
          ], false
        ),
        (
          "Another researcher asks for an overlapping time: refused, saying when the slot is taken.",
          ["--as", "r0002", "book", "45264", "--from", "\(date) 11:00", "--to", "\(date) 12:00"],
          true
        ),
        (
          "The free slots of that instrument on that day.",
          [
            "availability", "45264", "--from", "\(date) 00:00", "--to",
            "\(day.adding(days: 1).iso) 00:00",
          ],
          false
        ),
        (
          "The researcher exports the booking to a calendar file (RFC 5545).",
          ["--as", "r0001", "booking", "calendar", "--output", calendar], false
        ),
      ]
    }

    static func steps(admin: [String], example: String) -> [Step] {
      [
        ("Create the schema and the first admin account.", ["init"], false),
        (
          "Build the 2018 network: 2,086 units and 45,262 instruments, with accounts for every role.",
          admin + ["seed"], false
        ),
        (
          "The network's headline figures, by province, tier and category.", ["network", "stats"],
          false
        ),
        (
          "Anyone can search the catalogue; no account needed.",
          ["instrument", "list", "--province", "浙江", "--tier", "flagship", "--limit", "5"], false
        ),
        (
          "The admin adds a new member unit…",
          admin + [
            "unit", "add", "--name", "浙江大学", "--province", "ZJ", "--city", "杭州", "--kind",
            "university",
          ], false
        ),
        (
          "…and its lab manager.",
          admin + [
            "account", "add", "zhangwei", "--name", "张伟", "--role", "manager", "--unit", "浙江大学",
          ], false
        ),
        (
          "The manager checks the unit's instrument file (docs/examples/instruments.csv)…",
          ["--as", "zhangwei", "instrument", "import", example, "--dry-run"], false
        ),
        (
          "…and imports it: all rows or none.",
          ["--as", "zhangwei", "instrument", "import", example], false
        ),
        (
          "The manager registers one more by hand.",
          [
            "--as", "zhangwei", "instrument", "register", "--unit", "浙江大学", "--name", "冷冻透射电镜",
            "--category", "medical_research", "--value", "52000000", "--rate", "5000", "--model",
            "Titan Krios G4", "--maker", "Thermo Fisher 赛默飞", "--hours", "24/7",
          ], false
        ),
        ("The unit's instruments.", ["instrument", "list", "--unit", "浙江大学"], false),
      ]
    }
  }
}

/// `text` quoted for a POSIX shell when it needs it.
func shellQuoted(_ text: String) -> String {
  let safe = text.unicodeScalars.allSatisfy {
    $0.properties.isAlphabetic || $0.properties.numericType != nil
      || "-_./:=,@+%".unicodeScalars.contains($0)
  }
  if safe && !text.isEmpty { return text }
  return "'"
    + text.split(separator: "'", omittingEmptySubsequences: false).joined(
      separator: #"'\''"#) + "'"
}
