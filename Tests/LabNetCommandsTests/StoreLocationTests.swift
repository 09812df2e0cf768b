import Foundation
import LabNetTestSupport
import NetworkStore
import Testing

/// Stores that cannot be used: exit 69 with a message that says why.
@Suite("Unavailable stores through the binary")
struct StoreLocationTests {
  @Test("a database path in a missing folder")
  func missingFolder() throws {
    let outcome = try LabNetProcess.run([
      "--database", "/nonexistent-folder/x/labnet.sqlite", "init",
    ])
    #expect(outcome.status == 69, "\(outcome)")
    #expect(outcome.stdout.isEmpty)
    if TestDatabase.isPostgres {
      #expect(outcome.stderr.contains("built without the SQLite store"))
    } else {
      #expect(outcome.stderr.contains("folder /nonexistent-folder/x does not exist"), "\(outcome)")
    }
  }

  @Test("a file that is not SQLite")
  func notSQLite() throws {
    let database = try TestDatabase()
    let path = database.folder.appendingPathComponent("notes.db").path
    let text = String(repeating: "这不是数据库。", count: 200)
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    for command in [["init"], ["instrument", "list"]] {
      let outcome = try LabNetProcess.run(["--database", path] + command)
      #expect(outcome.status == 69, "\(outcome)")
      if !TestDatabase.isPostgres {
        #expect(outcome.stderr.contains("not a SQLite database"), "\(outcome)")
      }
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
  }

  @Test("a PostgreSQL URL with no server answers at once")
  func noServer() throws {
    let started = Date()
    let outcome = try LabNetProcess.run(
      ["--database", "postgres://nobody@127.0.0.1:1/labnet", "instrument", "list"])
    #expect(outcome.status == 69, "\(outcome)")
    #expect(Date().timeIntervalSince(started) < 10)
    if TestDatabase.isPostgres {
      #expect(
        outcome.stderr.contains(
          "cannot connect to PostgreSQL at postgres://nobody@127.0.0.1:1/labnet"), "\(outcome)")
    } else {
      #expect(outcome.stderr.contains("built without the PostgreSQL store"))
    }
  }

  @Test(
    "a password in the URL never appears in the output", arguments: ["init", "instrument list"])
  func passwordHidden(command: String) throws {
    for url in [
      "postgres://nobody:sekrit-one@127.0.0.1:1/labnet",
      "postgresql://nobody@127.0.0.1:1/labnet?sslmode=disable&password=sekrit-two",
      "not-a-url?password=sekrit-three",
    ] {
      let outcome = try LabNetProcess.run(
        ["--database", url] + command.split(separator: " ").map(String.init))
      #expect(outcome.status != 0, "\(outcome)")
      #expect(!(outcome.stdout + outcome.stderr).contains("sekrit"), "\(outcome)")
    }
    #expect(
      StoreLocation.postgres(url: "postgres://u:p@h/d?password=q&x=1").description
        == "postgres://u:***@h/d?password=***&x=1")
  }

  @Test("a database without the schema says to run labnet init")
  func uninitialised() throws {
    let database = try TestDatabase()
    let outcome = try LabNetProcess.run(["--database", database.url, "unit", "list"])
    #expect(outcome.status == 69, "\(outcome)")
    #expect(outcome.stderr.contains("labnet init"))
    if !TestDatabase.isPostgres {
      // Asking did not leave an empty file behind.
      #expect(
        !FileManager.default.fileExists(
          atPath: database.folder.appendingPathComponent("labnet.sqlite").path))
    }
  }

  @Test("an unknown --database form is invalid data")
  func unknownForm() throws {
    let outcome = try LabNetProcess.run(["--database", "mysql://x", "unit", "list"])
    #expect(outcome.status == 65, "\(outcome)")
    #expect(outcome.stderr.contains("sqlite:PATH"))
  }
}
