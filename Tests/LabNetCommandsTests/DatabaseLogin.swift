#if PostgreSQL
  import Foundation
  import LabNetTestSupport

  /// A PostgreSQL login with a password, member of `group`, made by the test
  /// server's superuser; `drop()` removes it (roles outlive databases).
  struct DatabaseLogin {
    let name: String
    /// The test database, reached as this login with its password.
    let url: String
    private let database: TestDatabase

    init(_ prefix: String, in group: String, on database: TestDatabase) throws {
      self.database = database
      name = "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
      let password = UUID().uuidString
      guard var components = URLComponents(string: database.url) else {
        throw Failure("not a URL: \(database.url)")
      }
      components.user = name
      components.password = password
      url = components.string ?? database.url
      let created = try PSQL.run(
        database.url, "CREATE ROLE \(name) LOGIN PASSWORD '\(password)' IN ROLE \(group)")
      guard created.status == 0 else { throw Failure("CREATE ROLE \(name): \(created)") }
    }

    func drop() {
      _ = try? PSQL.run(database.url, "DROP OWNED BY \(name); DROP ROLE \(name)")
    }
  }

  /// psql, the client a person with a database login would use.
  enum PSQL {
    static let binary: String = {
      let environment = ProcessInfo.processInfo.environment
      let folders = [environment["LABNET_PG_BINDIR"], bindir(), "/usr/bin"].compactMap { $0 }
      return folders.map { $0 + "/psql" }.first(where: FileManager.default.isExecutableFile)
        ?? "psql"
    }()

    /// `pg_config --bindir`, or nil.
    private static func bindir() -> String? {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = ["pg_config", "--bindir"]
      let output = Pipe()
      process.standardOutput = output
      process.standardError = FileHandle.nullDevice
      guard (try? process.run()) != nil else { return nil }
      let data = output.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      guard process.terminationStatus == 0 else { return nil }
      return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs `sql` as one psql `-c` (stopping at the first error, never asking
    /// for a password); rows unaligned, one a line.
    static func run(_ url: String, _ sql: String) throws -> Outcome {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: binary)
      process.arguments = [
        "-X", "-q", "-w", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql,
      ]
      process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") }
      let output = Pipe()
      let errors = Pipe()
      process.standardOutput = output
      process.standardError = errors
      process.standardInput = FileHandle.nullDevice
      try process.run()
      let stdout = output.fileHandleForReading.readDataToEndOfFile()
      let stderr = errors.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      return Outcome(
        status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
        stderr: String(decoding: stderr, as: UTF8.self))
    }
  }
#endif
