/// One province's rules for its innovation vouchers (科技创新券): the share of
/// a fee a voucher may pay, an optional cap per booking, and the provinces
/// whose instruments accept them. The real figures differ by city and year,
/// so they are data an issuer sets, not code.
public struct VoucherPolicy: Sendable, Hashable {
  /// The issuing province.
  public var province: Province
  /// The share of a fee vouchers may pay, in basis points (5000 = 50%).
  public var coverBasisPoints: Int
  /// The most vouchers may pay on one booking, if limited.
  public var capPerBooking: Money?
  /// Provinces whose instruments accept this province's vouchers.
  public var acceptedIn: [Province]

  public init(
    province: Province, coverBasisPoints: Int = 5_000, capPerBooking: Money? = nil,
    acceptedIn: [Province] = Province.allCases
  ) {
    self.province = province
    self.coverBasisPoints = coverBasisPoints
    self.capPerBooking = capPerBooking
    self.acceptedIn = acceptedIn
  }

  /// The cover as a percentage text, e.g. "50%" or "37.5%".
  public var coverText: String {
    let whole = coverBasisPoints / 100
    let rest = coverBasisPoints % 100
    if rest == 0 { return "\(whole)%" }
    let decimals = rest % 10 == 0 ? "\(rest / 10)" : (rest < 10 ? "0\(rest)" : "\(rest)")
    return "\(whole).\(decimals)%"
  }

  /// Reads a percentage like `50`, `50%` or `37.5` into basis points (1 to 10000).
  public static func coverBasisPoints(parsing text: String) throws(LabNetError) -> Int {
    var digits = text.trimmedWhitespace
    if digits.hasSuffix("%") { digits.removeLast() }
    let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count <= 2, let whole = Int(parts[0]), whole >= 0, parts[0].allSatisfy(\.isNumber)
    else {
      throw .invalidData(
        "cover must be a percentage from 0.01 to 100, like 50 or 37.5; got \(quoted(text))")
    }
    var fraction = 0
    if parts.count == 2 {
      let decimals = parts[1]
      guard (1...2).contains(decimals.count), decimals.allSatisfy(\.isNumber),
        let value = Int(decimals)
      else {
        throw .invalidData("cover takes at most two decimals, like 37.5; got \(quoted(text))")
      }
      fraction = decimals.count == 1 ? value * 10 : value
    }
    // More than 100 whole percent is refused before multiplying: no overflow.
    guard whole <= 100, case let points = whole * 100 + fraction, (1...10_000).contains(points)
    else {
      throw .invalidData("cover must be more than 0% and at most 100%; got \(quoted(text))")
    }
    return points
  }

  /// Whether a voucher of this province may pay at an instrument of `provider`.
  public func accepts(provider: Province) -> Bool { acceptedIn.contains(provider) }

  /// The most vouchers may pay in all on a booking charged `fee`: the cover
  /// share, rounded down to the fen, and no more than the cap.
  public func share(of fee: Money) -> Money {
    let covered = fee.portion(basisPoints: coverBasisPoints)
    guard let cap = capPerBooking else { return covered }
    return min(covered, cap)
  }
}
