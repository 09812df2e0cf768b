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

extension NameRule {
  /// The longest reason or purpose a booking or block carries, in characters.
  public static let longTextLength = 500

  /// A reason for a cancellation, rejection or block, validated.
  public static func reason(_ text: String) throws(LabNetError) -> String {
    try validate(text, field: "reason", maxLength: longTextLength)
  }

  /// What a booking is for; empty is allowed.
  public static func purpose(_ text: String?) throws(LabNetError) -> String {
    guard let text, !text.trimmedWhitespace.isEmpty else { return "" }
    return try validate(text, field: "purpose", maxLength: longTextLength)
  }

  /// An optional detail (model, maker, location): empty clears it.
  public static func optionalDetail(_ text: String, field: String) throws(LabNetError) -> String {
    text.isEmpty ? "" : try validate(text, field: field)
  }
}

extension Instrument {
  /// The longest asset number labnet keeps, in characters.
  public static let assetNumberLength = 100

  /// An asset number trimmed and checked (plain text, at most
  /// `assetNumberLength` characters); empty means none.
  public static func validAssetNumber(_ text: String) throws(LabNetError) -> String? {
    guard !text.trimmedWhitespace.isEmpty else { return nil }
    return try NameRule.validate(text, field: "asset_number", maxLength: assetNumberLength)
  }

  /// The highest hourly rate labnet takes, 1,000,000.00 yuan: a 72-hour
  /// booking at it is 72,000,000.00 yuan, far inside the fen's range.
  public static let maximumRate = Money(yuanWhole: 1_000_000)

  /// Refuses a negative rate or one above `maximumRate`.
  public static func validRate(_ rate: Money) throws(LabNetError) -> Money {
    guard rate.fen >= 0, rate <= maximumRate else {
      throw .invalidData(
        "the hourly rate must be from 0.00 to \(maximumRate.groupedYuan) yuan; got \(rate.groupedYuan)"
      )
    }
    return rate
  }

  /// Refuses a booking granularity that does not divide a day evenly.
  public static func validGranularity(_ minutes: Int) throws(LabNetError) -> Int {
    guard minutes >= 1, minutes <= 1440, 1440 % minutes == 0 else {
      throw .invalidData(
        "the granularity must divide a day evenly, like 5, 10, 15, 30 or 60 minutes; got \(minutes)"
      )
    }
    return minutes
  }
}
