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

    func run() throws {
      let folder = try reporting { try demoFolder() }
      let path = folder + "/labnet.sqlite"
      if access(path, F_OK) == 0 {
        throw fail(
          .refused("\(path) already exists; give --folder an empty folder or remove the file"))
      }
      print("labnet demo: a fresh network in \(path)\n")
      for step in Self.steps {
        print("# \(step.say)")
        let arguments = ["--database", path] + step.arguments
        print("$ labnet " + arguments.map(shellQuoted).joined(separator: " "))
        var command = try LabNet.parseAsRoot(LabNet.hoistingGlobalOptions(arguments))
        try command.run()
        print("")
      }
      print(
        """
        Done. Explore it yourself, for example:
          labnet --database \(shellQuoted(path)) instrument list --format json
          labnet --database \(shellQuoted(path)) --as zhangwei instrument update 2 --rate 900
        """)
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

    static let steps: [(say: String, arguments: [String])] = [
      ("Create the schema; the first admin account is `admin`.", ["init"]),
      (
        "The admin adds a member unit in Zhejiang.",
        [
          "--as", "admin", "unit", "add", "--name", "浙江大学", "--province", "ZJ", "--city", "杭州",
          "--kind", "university",
        ]
      ),
      (
        "…and its lab manager.",
        [
          "--as", "admin", "account", "add", "zhangwei", "--name", "张伟", "--role", "manager",
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

/// `text` quoted for a POSIX shell when it needs it.
func shellQuoted(_ text: String) -> String {
  let safe = text.unicodeScalars.allSatisfy {
    $0.properties.isAlphabetic || $0.properties.numericType != nil || "-_./:=,@+%".unicodeScalars.contains($0)
  }
  if safe && !text.isEmpty { return text }
  return "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(
    separator: #"'\''"#) + "'"
}
