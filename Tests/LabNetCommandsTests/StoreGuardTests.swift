import Foundation
import LabNetTestSupport
import Testing

/// A store that is held, newer, or reached with a password: clear answers,
/// never a hang, never a secret.
@Suite("Store guards", .serialized)
struct StoreGuardTests {
  @Test("a store a newer labnet made: init and seed --replace refuse with 69, nothing changed")
  func newerStore() throws {
    let network = try CLINetwork()
    _ = try network.database.scalar(
      "INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 0) RETURNING version"
    )
    for arguments in [["init"], ["seed", "--scale", "0.01", "--replace"]] {
      let outcome = try network.run(arguments, as: network.admin)
      #expect(outcome.status == 69, "\(arguments): \(outcome)")
      #expect(outcome.stderr.contains("made by a newer labnet"), "\(outcome)")
    }
    #expect(try network.database.scalar("SELECT count(*) FROM unit") == 2)
    #expect(try network.database.scalar("SELECT max(version) FROM schema_migrations") == 99)
  }

  #if PostgreSQL
    @Test("a table held locked gives 75 within the lock timeout, never a hang")
    func lockTimeout() throws {
      let network = try CLINetwork()
      // Another session holds the reservation table for 20 seconds.
      let holder = Process()
      holder.executableURL = URL(fileURLWithPath: PSQL.binary)
      holder.arguments = [
        "-X", "-q", "-d", network.database.url, "-c",
        "BEGIN; LOCK TABLE reservation IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(20); COMMIT;",
      ]
      holder.standardOutput = FileHandle.nullDevice
      holder.standardError = FileHandle.nullDevice
      try holder.run()
      defer {
        holder.terminate()
        holder.waitUntilExit()
      }
      Thread.sleep(forTimeInterval: 1)
      let started = Date()
      let outcome = try LabNetProcess.run(
        [
          "--database", network.database.url, "--as", "wang", "booking", "list",
        ], environment: ["LABNET_LOCK_TIMEOUT_MS": "300"])
      let seconds = Date().timeIntervalSince(started)
      #expect(outcome.status == 75, "\(outcome)")
      #expect(outcome.stderr.contains("busy"), "\(outcome)")
      #expect(seconds < 10, "\(seconds) s")
    }

    @Test("a password in the URL appears in no output of a command that succeeds")
    func passwordHiddenOnSuccess() throws {
      let network = try CLINetwork()
      let login = try DatabaseLogin("labnet_app_login", in: "labnet_app", on: network.database)
      defer { login.drop() }
      let password = try #require(URLComponents(string: login.url)?.password)
      for arguments in [
        ["network", "stats", "--format", "json"], ["instrument", "list"],
        ["--as", "wang", "booking", "list", "--format", "json"],
      ] {
        let outcome = try LabNetProcess.run(["--database", login.url] + arguments)
        #expect(outcome.status == 0, "\(arguments): \(outcome)")
        #expect(!(outcome.stdout + outcome.stderr).contains(password), "\(arguments)")
      }
      // And in a refusal that names the store.
      let refused = try LabNetProcess.run(["--database", login.url, "init"])
      #expect(refused.status != 0)
      #expect(!(refused.stdout + refused.stderr).contains(password), "\(refused)")
    }
  #endif
}
