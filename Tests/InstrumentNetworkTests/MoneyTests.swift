import InstrumentNetwork
import Testing

struct MoneyTests {
  @Test(arguments: [
    ("1200", Int64(120_000)), ("1200.5", 120_050), ("1200.50", 120_050), ("0", 0), ("0.01", 1),
    ("0.1", 10), ("007.07", 707), (" 3.25 ", 325), ("300000", 30_000_000),
    ("92233720368547758.07", Int64.max),
  ])
  func parsesYuan(text: String, fen: Int64) throws {
    #expect(try Money(yuan: text) == Money(fen: fen))
  }

  @Test func refusesMoreDecimalsWithTheExampleMessage() {
    let message = invalidDataMessage { () throws(LabNetError) in try Money(yuan: "0.001") }
    #expect(message == "money must be yuan with at most two decimals, like 1200.50; got \"0.001\"")
  }

  @Test(arguments: [
    ("-1", "must not be negative"), ("-0.50", "must not be negative"),
    ("abc", "at most two decimals"), ("1e9999", "at most two decimals"),
    ("", "at most two decimals"), ("   ", "at most two decimals"),
    ("+1", "at most two decimals"), ("1.2.3", "at most two decimals"),
    ("１２", "at most two decimals"), ("1 200", "at most two decimals"),
    ("1,200.50", "without thousands separators"), (".5", "digit before the decimal point"),
    ("1.", "one or two digits after the decimal point"),
    ("92233720368547758.08", "too large"), ("99999999999999999999", "too large"),
    ("92233720368547759", "too large"),
  ])
  func refuses(text: String, reason: String) {
    let message = invalidDataMessage { () throws(LabNetError) in try Money(yuan: text) }
    #expect(message?.contains(reason) == true, "\(message ?? "accepted")")
    #expect(message?.hasSuffix("got \"\(text)\"") == true)
  }

  @Test func overflowMessageNamesTheLimit() {
    let message = invalidDataMessage { () throws(LabNetError) in
      try Money(yuan: "99999999999999999999")
    }
    #expect(
      message == "money is too large: at most 92,233,720,368,547,758.07 yuan; "
        + "got \"99999999999999999999\"")
  }

  @Test(arguments: [
    (Int64(120_050), "1200.50", "1,200.50"), (0, "0.00", "0.00"), (5, "0.05", "0.05"),
    (100, "1.00", "1.00"), (99_999_999, "999999.99", "999,999.99"),
    (100_000_000, "1000000.00", "1,000,000.00"), (-350, "-3.50", "-3.50"),
    (-123_456_789, "-1234567.89", "-1,234,567.89"),
    (Int64.max, "92233720368547758.07", "92,233,720,368,547,758.07"),
    (Int64.min, "-92233720368547758.08", "-92,233,720,368,547,758.08"),
  ])
  func formats(fen: Int64, plain: String, grouped: String) {
    #expect(Money(fen: fen).yuanText == plain)
    #expect(Money(fen: fen).groupedYuan == grouped)
    #expect(Money(fen: fen).description == grouped)
  }

  @Test(arguments: ["0.00", "1200.50", "999999.99", "92233720368547758.07", "12.30"])
  func roundTripsThroughYuanText(text: String) throws {
    #expect(try Money(yuan: text).yuanText == text)
  }

  @Test func arithmeticAndOrder() {
    var total = Money(fen: 150)
    total += Money(yuanWhole: 2)
    #expect(total == Money(fen: 350))
    total -= Money(fen: 400)
    #expect(total == Money(fen: -50))
    #expect(-total == Money(fen: 50))
    #expect(Money(fen: 1) - Money(fen: 3) == Money(fen: -2))
    #expect(Money(fen: 1) < Money(fen: 2))
    #expect(max(Money(fen: 7), .zero) == Money(fen: 7))
    #expect([Money(fen: 1), Money(fen: 2), Money(yuanWhole: 1)].sum() == Money(fen: 103))
    #expect([Money]().sum() == .zero)
    #expect(Money(yuanWhole: 300_000) == ValueTier.admissionBar)
  }

  @Test func codesAsBareFen() throws {
    #expect(try jsonText(Money(fen: 120_050)) == "120050")
    #expect(try decodeJSON(Money.self, "-7") == Money(fen: -7))
  }
}
