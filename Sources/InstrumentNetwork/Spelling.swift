/// Helpers shared by every `init(parsing:)`: how a person's spelling is normalised.
extension String {
  /// The text without leading and trailing whitespace (including newlines and full-width spaces).
  public var trimmedWhitespace: String {
    var scalars = Substring(self)
    while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
    while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
    return String(scalars)
  }

  /// A comparison key: trimmed, lowercased, with hyphens and runs of spaces turned into `_`.
  var spellingKey: String {
    var key = ""
    var pendingSeparator = false
    for character in trimmedWhitespace.lowercased() {
      if character == "-" || character == "_" || character.isWhitespace {
        pendingSeparator = true
        continue
      }
      if pendingSeparator && !key.isEmpty { key.append("_") }
      pendingSeparator = false
      key.append(character)
    }
    return key
  }
}

/// Zero-padded decimal text of a non-negative number, e.g. `padded(7, width: 2)` is `"07"`.
func padded<Number: BinaryInteger>(_ value: Number, width: Int) -> String {
  let digits = String(value)
  if digits.count >= width { return digits }
  return String(repeating: "0", count: width - digits.count) + digits
}

/// Quotes a person's input for an error message, e.g. `"0.001"`.
func quoted(_ text: String) -> String {
  "\"\(text)\""
}
