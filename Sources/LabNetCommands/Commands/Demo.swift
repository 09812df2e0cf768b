import ArgumentParser
import InstrumentNetwork
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

    @Option(help: "Run the demo in this empty database instead (e.g. postgres://…).")
    var database: String?

    func run() throws {
      let target = try reporting { try demoDatabase() }
      print("labnet demo: a fresh network in \(target.description)\n")
      for step in Self.steps(admin: target.adminArguments) {
        print("# \(step.say)")
        let arguments = ["--database", target.url] + step.arguments
        print("$ labnet " + arguments.map(shellQuoted).joined(separator: " "))
        var command = try LabNet.parseAsRoot(LabNet.hoistingGlobalOptions(arguments))
        try command.run()
        print("")
      }
      let database = shellQuoted(target.url)
      print(
        """
        Done. Explore it yourself, for example:
          labnet --database \(database) instrument list --format json
          labnet --database \(database) --as zhangwei instrument update 2 --rate 900
        """)
    }

    /// Where the demo runs: `--database` if given (it must hold no units yet),
    /// else a new SQLite file.
    private func demoDatabase() throws -> (
      url: String, description: String, adminArguments: [String]
    ) {
      if let database {
        let location = try StoreLocation(parsing: database)
        let store = try NetworkStore.open(location, creating: true)
        if try store.schemaVersion() != nil,
          try store.database.scalar("SELECT count(*) FROM unit") ?? 0 > 0
        {
          throw LabNetError.refused(
            "\(location) already holds a network; the demo needs an empty database")
        }
        let isServer = store.database.dialect.sessionUserQuery != nil
        return (database, location.description, isServer ? [] : ["--as", "admin"])
      }
      #if SQLite
        let path = try demoFolder() + "/labnet.sqlite"
        if access(path, F_OK) == 0 {
          throw LabNetError.refused(
            "\(path) already exists; give --folder an empty folder or remove the file")
        }
        return (path, path, ["--as", "admin"])
      #else
        throw LabNetError.storeUnavailable(
          "this labnet was built without SQLite; run the demo with --database postgres://… naming an empty database"
        )
      #endif
    }

    private func demoFolder() throws -> String {
      if let folder {
        var status = stat()
        guard stat(folder, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else {
          throw LabNetError.storeUnavailable("--folder \(folder) is not an existing folder")
        }
        return folder
      }
      var template = Array("/tmp/labnet-demo-XXXXXX".utf8CString)
      guard let made = mkdtemp(&template) else {
        throw LabNetError.storeUnavailable("cannot make a temporary folder under /tmp")
      }
      return String(cString: made)
    }

    static func steps(admin: [String]) -> [(say: String, arguments: [String])] {
      [
        ("Create the schema and the first admin account.", ["init"]),
        (
          "The admin adds a member unit in Zhejiang.",
          admin + [
            "unit", "add", "--name", "浙江大学", "--province", "ZJ", "--city", "杭州",
            "--kind", "university",
          ]
        ),
        (
          "…and its lab manager.",
          admin + [
            "account", "add", "zhangwei", "--name", "张伟", "--role", "manager",
            "--unit", "浙江大学",
          ]
        ),
        (
          "The manager registers a flagship instrument (≥ 10,000,000 yuan: bookings need approval).",
          [
            "--as", "zhangwei", "instrument", "register", "--unit", "浙江大学", "--name", "透射电子显微镜",
            "--category", "analytical", "--value", "12500000", "--rate", "1500", "--model",
            "Talos F200X", "--maker", "Thermo Fisher", "--location", "紫金港校区 分析测试中心 101",
          ]
        ),
        (
          "…and a major one, open around the clock.",
          [
            "--as", "zhangwei", "instrument", "register", "--unit", "浙江大学", "--name", "核磁共振波谱仪",
            "--category", "分析仪器", "--value", "3800000.00", "--rate", "800", "--model",
            "AVANCE NEO 600", "--maker", "Bruker", "--hours", "24/7",
          ]
        ),
        ("Anyone can list the catalogue; no account needed.", ["instrument", "list"]),
        ("The network's figures.", ["network", "stats"]),
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
