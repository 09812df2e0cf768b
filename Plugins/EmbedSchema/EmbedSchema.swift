import Foundation
import PackagePlugin

/// Turns `Schema/<dialect>/NNNN_name.sql` into one Swift source file, so the
/// `labnet` binary carries its migrations and works when copied alone.
@main
struct EmbedSchema: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let schema = context.package.directoryURL.appending(path: "Schema")
    let inputs = try sqlFiles(under: schema)
    let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedSchema.swift")
    return [
      .buildCommand(
        displayName: "Embedding \(inputs.count) schema migrations",
        executable: try context.tool(named: "SchemaEmbedder").url,
        arguments: [output.path()] + inputs.map { $0.path() },
        inputFiles: inputs,
        outputFiles: [output]
      )
    ]
  }

  private func sqlFiles(under folder: URL) throws -> [URL] {
    let manager = FileManager.default
    var found: [URL] = []
    for dialect in try manager.contentsOfDirectory(atPath: folder.path()) {
      let dialectFolder = folder.appending(path: dialect)
      for name in try manager.contentsOfDirectory(atPath: dialectFolder.path())
      where name.hasSuffix(".sql") {
        found.append(dialectFolder.appending(path: name))
      }
    }
    return found.sorted { $0.path() < $1.path() }
  }
}
