import InstrumentNetwork
import Testing

struct WeekdayTests {
  @Test func numberedFromMonday() {
    #expect(Weekday.allCases.map(\.rawValue) == Array(1...7))
    #expect(Weekday.allCases.map(\.shortName) == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
    #expect(Weekday.monday < .sunday)
    #expect(Weekday.sunday.offsetFromMonday == 6)
    #expect(Weekday.sunday.chineseName == "周日")
  }

  @Test(arguments: [
    ("Mon", Weekday.monday), ("mon", .monday), ("MONDAY", .monday), (" tue ", .tuesday),
    ("Wednesday", .wednesday), ("thu", .thursday), ("fri", .friday), ("Saturday", .saturday),
    ("sun", .sunday), ("周三", .wednesday), ("星期五", .friday),
  ])
  func parses(text: String, day: Weekday) throws {
    #expect(try Weekday(parsing: text) == day)
  }

  @Test(arguments: ["", "Mo", "Mond", "weekend", "8"])
  func refuses(text: String) {
    let message = invalidDataMessage { () throws(LabNetError) in try Weekday(parsing: text) }
    #expect(message?.hasPrefix("weekday must be one of Mon, Tue, Wed, Thu, Fri, Sat, Sun") == true)
  }
}
