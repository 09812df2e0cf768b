/// The rule for names people type: units, instruments, cities, display names.
public enum NameRule {
  /// Returns `text` trimmed, refusing it when empty, longer than `maxLength` characters,
  /// or containing control characters (NUL, tab, newline, …).
  public static func validate(_ text: String, field: String, maxLength: Int = 200)
    throws(LabNetError) -> String
  {
    let trimmed = text.trimmedWhitespace
    guard !trimmed.isEmpty else {
      throw .invalidData("\(field) must not be empty")
    }
    let scalars = Array(trimmed.unicodeScalars)
    if let index = scalars.firstIndex(where: { $0.properties.generalCategory == .control }) {
      let hex = String(scalars[index].value, radix: 16, uppercase: true)
      let code = String(repeating: "0", count: Swift.max(0, 4 - hex.count)) + hex
      throw .invalidData(
        "\(field) must be plain text without control characters; "
          + "found U+\(code) at position \(index + 1)")
    }
    guard trimmed.count <= maxLength else {
      throw .invalidData("\(field) must be at most \(maxLength) characters; got \(trimmed.count)")
    }
    return trimmed
  }
}
