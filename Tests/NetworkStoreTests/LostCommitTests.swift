import InstrumentNetwork
import LabNetTestSupport
import Testing

@testable import NetworkStore

/// A connection that does everything but loses its server exactly at COMMIT,
/// the moment no client can tell whether the change was made.
final class ConnectionLostAtCommit: SQLDatabase {
  let dialect = SQLDialect.postgres
  var scripts: [String] = []

  func execute(_ sql: String, _ parameters: [SQLValue]) throws -> Int { 1 }
  func query(_ sql: String, _ parameters: [SQLValue], _ row: (any SQLRow) throws -> Void) throws {}
  func stream(_ sql: String, _ parameters: [SQLValue], _ row: (any SQLRow) throws -> Void) throws {}
  func executeScript(_ sql: String) throws {
    scripts.append(sql)
    if sql == "COMMIT" {
      throw DatabaseError(
        kind: .unavailable, code: "08006", message: "server closed the connection unexpectedly")
    }
  }
}

@Suite("A commit whose answer was lost")
struct LostCommitTests {
  @Test("is reported as maybe made (busy, commit_unknown), not as failed, and not retried")
  func lostCommit() throws {
    let connection = ConnectionLostAtCommit()
    let store = NetworkStore(database: connection, location: .postgres(url: "postgres://x/y"))
    var runs = 0
    let error = #expect(throws: LabNetError.self) {
      try store.transaction { runs += 1 }
    }
    #expect(error?.kind == .busy)
    #expect(error?.code == "commit_unknown")
    #expect(error?.message.contains("may or may not have been made") == true)
    #expect(error?.hint == .checkWhetherMade)
    #expect(runs == 1)
    #expect(connection.scripts == ["BEGIN", "COMMIT"])
  }
}
