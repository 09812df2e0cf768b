/// An e-mail address where a person's messages go: one `@` with text on
/// both sides, no spaces or line breaks (nothing that could smuggle a
/// header into a message), at most 254 characters.
public struct EmailAddress: Sendable, Hashable, CustomStringConvertible {
  public let text: String

  public init(parsing raw: String) throws(LabNetError) {
    let text = raw.trimmedWhitespace
    let parts = text.split(separator: "@", omittingEmptySubsequences: false)
    guard text.count <= 254, parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
      !text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 }),
      !text.contains("<"), !text.contains(">"), !text.contains(",")
    else {
      throw .invalidData("\(quoted(raw)) is not an e-mail address; give one like name@example.cn")
    }
    self.text = text
  }

  public var description: String { text }
}
