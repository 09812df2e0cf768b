import Foundation
import Testing

/// The layering of docs/architecture.md, checked on the sources: SQL lives
/// only in NetworkStore, and no front end decides who may do what.
@Suite("Layering")
struct LayeringTests {
  static let sources = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Sources")

  /// Every Swift file under `Sources/<module>`, with its text.
  func files(in module: String) throws -> [(String, String)] {
    let folder = Self.sources.appendingPathComponent(module)
    let paths = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String }
    return try (paths ?? []).filter { $0.hasSuffix(".swift") }.map {
      ($0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8))
    }
  }

  @Test("no SQL outside NetworkStore")
  func sqlOnlyInTheStore() throws {
    let modules = try FileManager.default.contentsOfDirectory(atPath: Self.sources.path)
    #expect(modules.contains("NetworkStore") && modules.contains("LabNetService"))
    let statement =
      #/\b(SELECT .+ FROM|INSERT INTO [a-z_]+|UPDATE [a-z_]+ SET|DELETE FROM [a-z_]+)/#
    for module in modules where module != "NetworkStore" && module != "SchemaEmbedder" {
      for (path, text) in try files(in: module) {
        // Comments may talk about SQL; code may not hold it.
        let code = text.split(separator: "\n").filter {
          !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//")
        }
        for line in code {
          #expect(
            line.firstMatch(of: statement) == nil, "SQL in Sources/\(module)/\(path): \(line)")
        }
      }
    }
  }

  @Test("no permission check in the command line")
  func noPermissionInTheCLI() throws {
    let check =
      #/\b(require(Admin|Manager|Issuer|Auditor|Booker|Importer|To[A-Z]\w*)|may(Manage|Audit|Issue|See)\w*|isAdmin|bookingScope|auditScope)\b/#
    let found = try files(in: "LabNetCommands")
    #expect(found.count > 10)
    for (path, text) in found {
      #expect(!text.contains(check), "a permission check in LabNetCommands/\(path)")
    }
  }
}
