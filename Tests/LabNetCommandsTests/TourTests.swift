import Foundation
import LabNetTestSupport
import Testing

/// README.md's "A short tour" is the script: this test reads the block and runs
/// it top to bottom on a fresh database, so the tour cannot drift from labnet.
@Suite("README tour")
struct TourTests {
  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  @Test("every command of the README's short tour succeeds on a fresh database")
  func tour() throws {
    let readme = try String(
      contentsOf: Self.repository.appendingPathComponent("README.md"), encoding: .utf8)
    let (block, firstLine) = try Script.block(in: readme, under: "## A short tour")
    let commands = try Script.commands(in: block, firstLine: firstLine)
    try #require(commands.contains { !$0.isExport }, "the tour has no labnet command")
    let database = try TestDatabase()
    // A new user's folder: the repository files the tour reads, and nothing else.
    let folder = database.folder.appendingPathComponent("tour")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let outputs = commands.flatMap(\.outputs)
    for path in Set(commands.flatMap(\.arguments)).subtracting(outputs) where path.contains("/") {
      var isFolder: ObjCBool = false
      let source = Self.repository.appendingPathComponent(path)
      guard FileManager.default.fileExists(atPath: source.path, isDirectory: &isFolder),
        !isFolder.boolValue
      else { continue }
      let copy = folder.appendingPathComponent(path)
      try FileManager.default.createDirectory(
        at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
      try FileManager.default.copyItem(at: source, to: copy)
    }
    var exported: [String: String] = [:]
    for command in commands {
      if command.isExport {
        exported.merge(command.environment) { $1 }
        continue
      }
      let environment = exported.merging(command.environment) { $1 }
      let outcome = try LabNetProcess.run(
        ["--database", database.url] + command.arguments, environment: environment,
        folder: folder)
      guard outcome.status == 0 else {
        let settings = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }
        Issue.record(
          """
          README.md line \(command.line) failed on \(TestDatabase.backend):
          \(command.text)
          environment: \(settings.joined(separator: " ")), database: \(database.url)
          \(outcome)
          """)
        return
      }
    }
    #expect(!outputs.isEmpty, "the tour writes no --output file")
    for output in outputs {
      let written = try? Data(contentsOf: folder.appendingPathComponent(output))
      #expect(written?.isEmpty == false, "the tour's --output \(output) was not written")
    }
  }

  /// One command of the tour: `labnet …` (its arguments after `labnet`, with
  /// `NAME=value` assignments before it as its environment), or
  /// `export NAME=value…` (the environment of every later command).
  struct Command {
    /// The command as README.md has it, and its first line's number there.
    let text: String
    let line: Int
    var isExport = false
    let environment: [String: String]
    var arguments: [String] = []

    /// The files it writes: the values of `--output`.
    var outputs: [String] {
      zip(arguments, arguments.dropFirst()).compactMap { $0 == "--output" ? $1 : nil }
        + arguments.compactMap { $0.hasPrefix("--output=") ? String($0.dropFirst(9)) : nil }
    }
  }

  /// The little of a POSIX shell the README may use: words, 'single' and
  /// "double" quotes, backslash escapes and line continuations, `# comments`,
  /// `NAME=value` before a command, and `export NAME=value`. Anything else
  /// (variables, pipes, redirections, globs, `;`) is refused, not guessed at.
  enum Script {
    struct Word {
      var text = ""
      /// The name when the word is an unquoted `NAME=value`.
      var assignedName: String?
      var quoted = false
    }

    /// The body of the first ```sh block after the line `heading`, and the
    /// number of its first line.
    static func block(in markdown: String, under heading: String) throws -> (String, Int) {
      let lines = markdown.replacingOccurrences(of: "\r\n", with: "\n")
        .split(separator: "\n", omittingEmptySubsequences: false)
      guard
        let title = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == heading })
      else { throw Failure("README.md has no heading \(heading)") }
      guard
        let open = lines[title...].firstIndex(where: { $0.hasPrefix("```") }),
        lines[open].trimmingCharacters(in: .whitespaces) == "```sh",
        let close = lines[(open + 1)...].firstIndex(where: { $0.hasPrefix("```") })
      else { throw Failure("README.md has no ```sh block under \(heading)") }
      return (lines[(open + 1)..<close].joined(separator: "\n"), open + 2)
    }

    static func commands(in script: String, firstLine: Int = 1) throws -> [Command] {
      let characters = Array(script)
      var line = firstLine
      var commands: [Command] = []
      var words: [Word] = []
      var word: Word?
      var start = 0
      var index = 0

      func endWord() {
        if let word { words.append(word) }
        word = nil
      }
      func endCommand() throws {
        endWord()
        let written = String(characters[start..<min(index, characters.count)])
        let text = written.replacingOccurrences(of: "\\\n", with: "")
          .trimmingCharacters(in: .whitespacesAndNewlines)
        if !words.isEmpty { commands.append(try command(of: words, text: text, line: line)) }
        start = index
        line += written.filter { $0 == "\n" }.count
        words = []
      }
      func text(at position: Int) -> String {
        let end = min(position, characters.count)
        let before = characters[..<end].lastIndex(of: "\n").map { $0 + 1 } ?? 0
        let after = characters[end...].firstIndex(of: "\n") ?? characters.count
        return String(characters[before..<after])
      }
      func next(in context: String) throws -> Character {
        guard index < characters.count else { throw Failure("the tour ends inside \(context)") }
        defer { index += 1 }
        return characters[index]
      }

      while index < characters.count {
        let character = characters[index]
        index += 1
        switch character {
        case "\\":
          let escaped = try next(in: "a backslash escape")
          if escaped == "\n" { continue }  // a continued line
          word = word ?? Word()
          word?.text.append(escaped)
          word?.quoted = true
        case "'":
          word = word ?? Word()
          word?.quoted = true
          var quoted = try next(in: "'…'")
          while quoted != "'" {
            word?.text.append(quoted)
            quoted = try next(in: "'…'")
          }
        case "\"":
          word = word ?? Word()
          word?.quoted = true
          var quoted = try next(in: "\"…\"")
          while quoted != "\"" {
            switch quoted {
            case "\\":
              let escaped = try next(in: "\"…\"")
              if !"$`\"\\\n".contains(escaped) { word?.text.append("\\") }
              if escaped != "\n" { word?.text.append(escaped) }
            case "$", "`":
              throw Failure(
                "the tour test does not expand \(quoted) inside \"…\": \(text(at: index))")
            default: word?.text.append(quoted)
            }
            quoted = try next(in: "\"…\"")
          }
        case "#" where word == nil:
          while index < characters.count, characters[index] != "\n" { index += 1 }
        case " ", "\t":
          endWord()
        case "\n":
          try endCommand()
        case "=" where word.map { $0.assignedName == nil && !$0.quoted && isName($0.text) } == true:
          let name = word?.text
          word?.assignedName = name
          word?.text.append("=")
        default:
          if "$`|&;<>()*?[]{}~".contains(character) {
            throw Failure(
              "the tour test does not run the shell syntax \(character): \(text(at: index))")
          }
          word = word ?? Word()
          word?.text.append(character)
        }
      }
      try endCommand()
      return commands
    }

    /// `NAME=value… labnet arguments…` or `export NAME=value…`.
    static func command(of words: [Word], text: String, line: Int) throws -> Command {
      func assignments(_ words: ArraySlice<Word>) -> [String: String] {
        var environment: [String: String] = [:]
        for word in words {
          if let name = word.assignedName {
            environment[name] = String(word.text.dropFirst(name.count + 1))
          }
        }
        return environment
      }
      if words[0].text == "export", words[0].assignedName == nil {
        guard words.count > 1, words.dropFirst().allSatisfy({ $0.assignedName != nil }) else {
          throw Failure("the tour test runs only `export NAME=value`: \(text)")
        }
        return Command(
          text: text, line: line, isExport: true, environment: assignments(words.dropFirst()))
      }
      let program = words.firstIndex { $0.assignedName == nil } ?? words.endIndex
      guard program < words.endIndex, words[program].text == "labnet" else {
        throw Failure("the tour test runs only labnet commands: \(text)")
      }
      return Command(
        text: text, line: line, environment: assignments(words[..<program]),
        arguments: words[(program + 1)...].map(\.text))
    }

    /// A shell variable name: ASCII letters, digits and `_`, not starting with a digit.
    static func isName(_ text: String) -> Bool {
      guard let first = text.unicodeScalars.first, !("0"..."9").contains(first) else {
        return false
      }
      return text.unicodeScalars.allSatisfy {
        $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0)
          || ("0"..."9").contains($0)
      }
    }
  }
}
