import Foundation
import LabNetTestSupport
import Testing

/// `labnet login`, `--server` and `labnet logout`, as a researcher uses them.
@Suite("The CLI through a server")
struct RemoteCLITests {
  @Test("login keeps a 0600 token file; --server acts as that account; logout forgets it")
  func loginAndLogout() throws {
    let network = try BookingNetwork()
    let set = try network.network.runLocally(
      ["account", "password", "chen"], as: network.network.admin,
      input: "chen-remote-password\n")
    #expect(set.status == 0, "\(set)")
    let server = try LiveServer(database: network.network.database, now: BookingNetwork.monday)
    defer { _ = server.stop() }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "labnet-login-\(UUID().uuidString.prefix(8))")
    defer { try? FileManager.default.removeItem(at: folder) }
    // The default place: ~/.config/labnet/credentials under this HOME.
    let environment = [
      "HOME": folder.path, "XDG_CONFIG_HOME": "", "LABNET_NOW": BookingNetwork.monday,
    ]
    let file = folder.appendingPathComponent(".config/labnet/credentials").path

    let wrong = try LabNetProcess.run(
      ["login", "--server", server.url, "--login", "chen"], environment: environment,
      input: "not-the-password\n")
    #expect(wrong.status == 77 && wrong.stderr.contains("wrong login or password"), "\(wrong)")
    #expect(!FileManager.default.fileExists(atPath: file))

    let login = try LabNetProcess.run(
      ["login", "--server", server.url, "--login", "chen"], environment: environment,
      input: "chen-remote-password\n")
    #expect(login.status == 0 && login.stdout.contains("chen"), "\(login)")
    let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
    #expect(mode == 0o600, "the credentials file is its owner's only")
    let kept = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file)))
    let entry = (kept as? [String: Any])?[server.url] as? [String: Any]
    #expect(entry?["login"] as? String == "chen" && (entry?["token"] as? String)?.count == 43)

    var through = environment
    through["LABNET_SERVER"] = server.url
    let booked = try LabNetProcess.run(
      ["book", "2", "--from", "2026-12-08 09:00", "--to", "2026-12-08 10:00", "--format", "json"],
      environment: through)
    #expect(booked.status == 0, "\(booked)")
    #expect(BookingNetwork.field(booked, "booker") as? String == "chen")
    let taken = try LabNetProcess.run(
      ["book", "2", "--from", "2026-12-08 09:30", "--to", "2026-12-08 10:30"], environment: through)
    #expect(taken.status == 67 && taken.stderr.contains("that time is taken"), "\(taken)")
    let claimed = try LabNetProcess.run(["booking", "list", "--as", "wang"], environment: through)
    #expect(claimed.status == 65 && claimed.stderr.contains("leave out --as"), "\(claimed)")
    let operatorOnly = try LabNetProcess.run(["init"], environment: through)
    #expect(operatorOnly.status == 65 && operatorOnly.stderr.contains("database host"))

    let logout = try LabNetProcess.run(["logout"], environment: through)
    #expect(logout.status == 0, "\(logout)")
    let after = try LabNetProcess.run(["booking", "list"], environment: through)
    #expect(after.status == 77 && after.stderr.contains("labnet login --server"), "\(after)")
    let unreachable = try LabNetProcess.run(
      ["instrument", "list", "--server", "http://127.0.0.1:9"], environment: environment)
    #expect(
      unreachable.status == 69 && unreachable.stderr.contains("cannot reach"), "\(unreachable)")
  }
}
