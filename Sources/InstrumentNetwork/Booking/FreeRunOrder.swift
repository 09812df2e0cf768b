/// How a network search orders what it found.
public enum FreeRunOrder: String, Sendable, Hashable, CaseIterable, Codable {
  /// The earliest free run first (the default).
  case soonest
  /// The lowest hourly rate first, then the soonest.
  case price
  /// The nearest province first (to the researcher's, or the one named), then the soonest.
  case distanceToProvince = "distance-to-province"

  /// The order named `text`, or a refusal naming the three.
  public init(parsing text: String) throws(LabNetError) {
    guard let order = FreeRunOrder(rawValue: text.trimmedWhitespace.lowercased()) else {
      throw .invalidData(
        "--sort must be soonest, price or distance-to-province; got \(quoted(text))")
    }
    self = order
  }
}

extension Province {
  /// The distance in kilometres by road between the capitals of two
  /// provinces (Shanghai, Nanjing, Hangzhou, Hefei), 0 within one: what
  /// `--sort distance-to-province` orders by.
  public func distanceKilometres(to other: Province) -> Int {
    if self == other { return 0 }
    switch Set([self, other]) {
    case [.shanghai, .jiangsu]: return 300
    case [.shanghai, .zhejiang]: return 175
    case [.shanghai, .anhui]: return 470
    case [.jiangsu, .zhejiang]: return 280
    case [.jiangsu, .anhui]: return 175
    default: return 400  // Zhejiang and Anhui
    }
  }
}
