import ArgumentParser

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Finds a mistyped subcommand before the parser does, so the message names
/// it and the nearest real one (`bokking` → `booking`) instead of blaming
/// whatever option stood before it.
enum CommandSpelling {
  /// The refusal for the first word of `arguments` that is not a
  /// subcommand where one is expected, or nil when every word is known.
  static func mistake(in arguments: [String], root: any ParsableCommand.Type) -> String? {
    var command = root
    var path = [root.configuration.commandName ?? "labnet"]
    var index = 0
    while index < arguments.count {
      let word = arguments[index]
      if word == "--" { return nil }
      if word.hasPrefix("-") {
        // A global option's value is not a command word.
        let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
        index += GlobalOptions.names.contains(name) && !word.contains("=") ? 2 : 1
        continue
      }
      let subcommands = command.configuration.subcommands
      guard !subcommands.isEmpty else { return nil }
      if word == "help" { return nil }
      guard let next = subcommands.first(where: { name(of: $0) == word }) else {
        // A group with a default subcommand takes the word as that one's argument.
        if command.configuration.defaultSubcommand != nil { return nil }
        let names = subcommands.map(name(of:))
        let nearest = names.min { distance(word, $0) < distance(word, $1) }
        var text = "unknown command '\(word)' for `\(path.joined(separator: " "))`"
        if let nearest, distance(word, nearest) <= max(2, nearest.count / 3) {
          text += "; did you mean '\(nearest)'?"
        } else {
          text += "; it has " + names.joined(separator: ", ")
        }
        return text
      }
      command = next
      path.append(word)
      index += 1
    }
    return nil
  }

  static func name(of command: any ParsableCommand.Type) -> String {
    command.configuration.commandName ?? command._commandName
  }

  /// Levenshtein distance, for the nearest name.
  static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    var previous = Array(0...b.count)
    for (i, x) in a.enumerated() {
      var current = [i + 1]
      for (j, y) in b.enumerated() {
        current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
      }
      previous = current
    }
    return previous[b.count]
  }
}
