import InstrumentNetwork
import Testing

struct NameRuleTests {
  @Test(arguments: [
    ("复旦大学", "复旦大学"), ("  透射电子显微镜 JEM-2100F \n", "透射电子显微镜 JEM-2100F"),
    ("\u{3000}上海\u{3000}", "上海"), ("O'Brien & Sons", "O'Brien & Sons"),
  ])
  func trims(text: String, expected: String) throws {
    #expect(try NameRule.validate(text, field: "name") == expected)
  }

  @Test(arguments: ["", "   ", "\n\t"])
  func refusesEmpty(text: String) {
    #expect(
      invalidDataMessage { () throws(LabNetError) in try NameRule.validate(text, field: "city") }
        == "city must not be empty")
  }

  @Test(arguments: [
    ("a\u{0}b", "U+0000 at position 2"), ("line\nbreak", "U+000A at position 5"),
    ("tab\there", "U+0009 at position 4"), ("bell\u{7}", "U+0007 at position 5"),
    ("x\u{85}y", "U+0085 at position 2"),
  ])
  func refusesControlCharacters(text: String, detail: String) {
    let message = invalidDataMessage { () throws(LabNetError) in
      try NameRule.validate(text, field: "unit name")
    }
    #expect(
      message == "unit name must be plain text without control characters; found \(detail)")
  }

  @Test func refusesTooLong() throws {
    let limit = String(repeating: "仪", count: 200)
    #expect(try NameRule.validate(limit, field: "name") == limit)
    #expect(
      invalidDataMessage { () throws(LabNetError) in
        try NameRule.validate(limit + "器", field: "name")
      } == "name must be at most 200 characters; got 201")
    #expect(
      invalidDataMessage { () throws(LabNetError) in
        try NameRule.validate("abcd", field: "code", maxLength: 3)
      } == "code must be at most 3 characters; got 4")
  }
}
