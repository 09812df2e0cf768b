import InstrumentNetwork
import Testing

struct BookingDurationTests {
  @Test(arguments: [
    ("90m", Int64(5400), "1h30m"), ("4h", 14_400, "4h"), ("1h30m", 5400, "1h30m"),
    ("15m", 900, "15m"), (" 2H15M ", 8100, "2h15m"), ("0h45m", 2700, "45m"),
    ("72h", 259_200, "72h"), ("1h0m", 3600, "1h"), ("120m", 7200, "2h"),
  ])
  func parses(text: String, seconds: Int64, canonical: String) throws {
    let duration = try BookingDuration(parsing: text)
    #expect(duration.seconds == seconds)
    #expect(duration.text == canonical)
    #expect(try BookingDuration(parsing: canonical) == duration)
  }

  @Test(arguments: [
    ("0m", "duration must be longer than zero, like 30m; got \"0m\""),
    ("0h", "duration must be longer than zero, like 30m; got \"0h\""),
    ("1h90m", "duration minutes must be below 60 after hours, like 2h30m; got \"1h90m\""),
    ("abc", "duration must look like 90m, 4h or 1h30m; got \"abc\""),
    ("-1h", "duration must look like 90m, 4h or 1h30m; got \"-1h\""),
    ("", "duration must look like 90m, 4h or 1h30m; got \"\""),
    ("90", "duration must look like 90m, 4h or 1h30m; got \"90\""),
    ("2h 15m", "duration must look like 90m, 4h or 1h30m; got \"2h 15m\""),
    ("30m1h", "duration must look like 90m, 4h or 1h30m; got \"30m1h\""),
    ("1h30", "duration must look like 90m, 4h or 1h30m; got \"1h30\""),
    ("1.5h", "duration must look like 90m, 4h or 1h30m; got \"1.5h\""),
    ("9999999999h", "duration must look like 90m, 4h or 1h30m; got \"9999999999h\""),
  ])
  func refuses(text: String, message: String) {
    #expect(
      invalidDataMessage { () throws(LabNetError) in try BookingDuration(parsing: text) }
        == message)
  }

  @Test func textOfOddLengths() {
    #expect(BookingDuration(seconds: 0).text == "0m")
    #expect(BookingDuration(seconds: 61).text == "1m1s")
    #expect(BookingDuration(seconds: 3605).text == "1h5s")
    #expect(BookingDuration(minutes: 135).text == "2h15m")
    #expect(BookingDuration(minutes: 135).minutes == 135)
    #expect(BookingDuration(minutes: 1) < BookingDuration(minutes: 2))
  }
}
