import Foundation
import PackagePlugin

/// Turns the `*.json` files at the top of a target's folder (e.g.
/// Sources/LabNetHTTP/openapi.json) and every file of its `Templates` folder
/// (the web pages' Mustache templates and style sheet) into one Swift source
/// file holding `embeddedFiles`, keyed by file name, so the binary serves them
/// wherever it is installed. The same tool as EmbedSchema; the target
/// excludes the files from its sources.
@main
struct EmbedFiles: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let folder = target.directoryURL
    let files = FileManager.default
    let documents = try files.contentsOfDirectory(atPath: folder.path())
      .filter { $0.hasSuffix(".json") }.sorted().map { folder.appending(path: $0) }
    let templates = folder.appending(path: "Templates")
    let pages = ((try? files.contentsOfDirectory(atPath: templates.path())) ?? [])
      .filter { !$0.hasPrefix(".") }.sorted().map { templates.appending(path: $0) }
    let inputs = documents + pages
    let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFiles.swift")
    return [
      .buildCommand(
        displayName: "Embedding \(inputs.map(\.lastPathComponent).joined(separator: ", "))",
        executable: try context.tool(named: "SchemaEmbedder").url,
        arguments: ["--files", output.path()] + inputs.map { $0.path() },
        inputFiles: inputs,
        outputFiles: [output]
      )
    ]
  }
}
