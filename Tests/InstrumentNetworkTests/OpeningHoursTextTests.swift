import InstrumentNetwork
import Testing

struct OpeningHoursTextTests {
  @Test(arguments: [
    ("24/7", "24/7"),
    (" 24/7 ", "24/7"),
    ("Mon-Fri 08:00-20:00", "Mon-Fri 08:00-20:00"),
    ("mon-fri   08:00-20:00", "Mon-Fri 08:00-20:00"),
    ("Mon-Sat 09:00-17:30", "Mon-Sat 09:00-17:30"),
    ("Mon-Fri 08:00-20:00; Sat 09:00-12:00", "Mon-Fri 08:00-20:00; Sat 09:00-12:00"),
    ("Mon-Fri 08:00-20:00, Sat 09:00-12:00", "Mon-Fri 08:00-20:00; Sat 09:00-12:00"),
    ("Sat 09:00-12:00", "Sat 09:00-12:00"),
    ("Mon,Wed 09:00-17:00", "Mon,Wed 09:00-17:00"),
    ("Mon, Wed, Fri 09:00-17:00", "Mon,Wed,Fri 09:00-17:00"),
    ("Sat-Mon 10:00-16:00", "Mon,Sat-Sun 10:00-16:00"),
    ("Mon-Sun 00:00-24:00", "24/7"),
    ("Mon-Fri 08:00-12:00,13:00-17:00", "Mon-Fri 08:00-12:00,13:00-17:00"),
    ("Mon-Fri 08:00-12:00 13:00-17:00", "Mon-Fri 08:00-12:00,13:00-17:00"),
    ("Mon-Fri 08:00-12:00; Mon-Fri 11:00-14:00", "Mon-Fri 08:00-14:00"),
    ("Mon-Fri 08:00-20:00; Wed 19:00-22:00", "Mon-Tue,Thu-Fri 08:00-20:00; Wed 08:00-22:00"),
    ("Fri 18:00-24:00; Sat 00:00-02:00", "Fri 18:00-24:00; Sat 00:00-02:00"),
    ("Monday-Friday 08:00-20:00", "Mon-Fri 08:00-20:00"),
    ("closed", "closed"),
  ])
  func parsesToCanonicalText(text: String, canonical: String) throws {
    let hours = try OpeningHours(parsing: text)
    #expect(hours.text == canonical)
    #expect(try OpeningHours(parsing: canonical) == hours)
  }

  @Test func weeklyRangesOfSegments() throws {
    let hours = try OpeningHours(parsing: "Mon-Fri 08:00-20:00; Sat 09:00-12:00")
    let saturday: Range<Int> = 7740..<7920  // 5 × 1440 + 09:00 … 12:00
    #expect(hours.weeklyRanges.last == saturday)
    #expect(hours.weeklyRanges.count == 6)
    #expect(hours.weeklyOpenMinutes == 3780)
    #expect(try OpeningHours(parsing: "Mon-Fri 08:00-20:00") == .standard)
    #expect(try OpeningHours(parsing: "Sun 23:00-24:00").weeklyRanges == [10_020..<10_080])
  }

  @Test(arguments: [
    "Mon-Fri 8-20", "", "Mon-Fri", "Mon-Fri 08:00", "Mon-Fri 08:00-20", "Moon 08:00-20:00",
    "Mon-Fri 08:00-20:00;", "; Mon 08:00-20:00", "Mon-Fri 08:00 - 20:00", "08:00-20:00",
    "Mon-Fri 08:00-20:00, Sat", "Mon-Wed-Fri 08:00-20:00", "always",
  ])
  func refusesOtherShapes(text: String) {
    let message = invalidDataMessage { () throws(LabNetError) in try OpeningHours(parsing: text) }
    #expect(
      message == "opening hours must look like \"Mon-Fri 08:00-20:00\" or \"24/7\" "
        + "(several segments separated by \";\"); got \"\(text)\"")
  }

  @Test(arguments: ["Mon 20:00-08:00", "Mon 09:00-09:00"])
  func refusesStartNotBeforeEnd(text: String) {
    let message = invalidDataMessage { () throws(LabNetError) in try OpeningHours(parsing: text) }
    #expect(message?.contains("must start before it ends") == true)
    #expect(message?.hasSuffix("got \"\(text)\"") == true)
  }

  @Test(arguments: ["Mon 08:00-24:30", "Mon 24:00-24:00", "Mon 08:60-20:00", "Mon 25:00-26:00"])
  func refusesTimesOutsideTheDay(text: String) {
    let message = invalidDataMessage { () throws(LabNetError) in try OpeningHours(parsing: text) }
    #expect(message?.hasPrefix("opening times must be between 00:00 and 24:00") == true)
  }
}
