/// One of the four provincial-level regions of the Yangtze River Delta network.
///
/// ```swift
/// let province = try Province(parsing: "浙江省")  // .zhejiang
/// ```
public enum Province: String, CaseIterable, Sendable, Codable, Comparable {
  case shanghai = "SH"
  case jiangsu = "JS"
  case zhejiang = "ZJ"
  case anhui = "AH"

  /// The two-letter code used in vouchers and exports, e.g. `ZJ`.
  public var code: String { rawValue }

  /// The Chinese short name, e.g. `浙江`.
  public var chineseName: String {
    switch self {
    case .shanghai: return "上海"
    case .jiangsu: return "江苏"
    case .zhejiang: return "浙江"
    case .anhui: return "安徽"
    }
  }

  /// The official Chinese name with its administrative suffix, e.g. `上海市` or `浙江省`.
  public var fullChineseName: String {
    self == .shanghai ? chineseName + "市" : chineseName + "省"
  }

  /// The pinyin name, e.g. `Zhejiang`.
  public var pinyin: String {
    switch self {
    case .shanghai: return "Shanghai"
    case .jiangsu: return "Jiangsu"
    case .zhejiang: return "Zhejiang"
    case .anhui: return "Anhui"
    }
  }

  /// Position in the network's customary order SH, JS, ZJ, AH.
  var order: Int {
    switch self {
    case .shanghai: return 0
    case .jiangsu: return 1
    case .zhejiang: return 2
    case .anhui: return 3
    }
  }

  /// Parses a code, Chinese name (with or without 市/省) or pinyin, ignoring case and whitespace.
  public init(parsing text: String) throws(LabNetError) {
    let key = text.trimmedWhitespace.lowercased()
    for province in Province.allCases {
      let spellings = [
        province.code.lowercased(), province.chineseName, province.fullChineseName,
        province.pinyin.lowercased(),
      ]
      if spellings.contains(key) {
        self = province
        return
      }
    }
    throw .invalidData(
      "province must be one of SH, JS, ZJ, AH (or 上海, 江苏, 浙江, 安徽, "
        + "or Shanghai, Jiangsu, Zhejiang, Anhui); got \(quoted(text))")
  }

  /// Parses a comma-separated list like `SH,JS,ZJ,AH` into sorted, distinct provinces.
  public static func parseList(_ text: String) throws(LabNetError) -> [Province] {
    let items = text.split(separator: ",", omittingEmptySubsequences: false)
      .flatMap { $0.split(separator: "，", omittingEmptySubsequences: false) }
    var found = Set<Province>()
    for item in items {
      if item.allSatisfy(\.isWhitespace) {
        throw .invalidData(
          "province list must be codes separated by commas, like SH,JS,ZJ,AH; "
            + "got \(quoted(text))")
      }
      found.insert(try Province(parsing: String(item)))
    }
    return found.sorted()
  }

  public static func < (lhs: Province, rhs: Province) -> Bool {
    lhs.order < rhs.order
  }
}
