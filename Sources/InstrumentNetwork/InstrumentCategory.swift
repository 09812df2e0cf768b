/// The instrument classes of the national large-instrument classification.
///
/// Raw values are stable snake_case keys used in CSV, JSON and the store.
public enum InstrumentCategory: String, CaseIterable, Sendable, Codable {
  case analytical
  case physicalProperty = "physical_property"
  case metrology
  case electronicMeasurement = "electronic_measurement"
  case oceanographic
  case geophysical
  case atmospheric
  case specialTesting = "special_testing"
  case laser
  case processTesting = "process_testing"
  case computing
  case medicalResearch = "medical_research"
  case nuclear
  case astronomical
  case other

  /// The stable snake_case key, e.g. `physical_property`.
  public var key: String { rawValue }

  /// The Chinese name, e.g. `分析仪器`.
  public var chineseName: String {
    switch self {
    case .analytical: return "分析仪器"
    case .physicalProperty: return "物理性能测试仪器"
    case .metrology: return "计量仪器"
    case .electronicMeasurement: return "电子测量仪器"
    case .oceanographic: return "海洋仪器"
    case .geophysical: return "地球探测仪器"
    case .atmospheric: return "大气探测仪器"
    case .specialTesting: return "特种检测仪器"
    case .laser: return "激光器"
    case .processTesting: return "工艺试验仪器"
    case .computing: return "计算机及其配套设备"
    case .medicalResearch: return "医学科研仪器"
    case .nuclear: return "核仪器"
    case .astronomical: return "天文仪器"
    case .other: return "其他仪器"
    }
  }

  /// The English name, e.g. `Analytical instruments`.
  public var englishName: String {
    switch self {
    case .analytical: return "Analytical instruments"
    case .physicalProperty: return "Physical property testing instruments"
    case .metrology: return "Metrology instruments"
    case .electronicMeasurement: return "Electronic measurement instruments"
    case .oceanographic: return "Oceanographic instruments"
    case .geophysical: return "Geophysical exploration instruments"
    case .atmospheric: return "Atmospheric sounding instruments"
    case .specialTesting: return "Special testing instruments"
    case .laser: return "Lasers"
    case .processTesting: return "Process testing instruments"
    case .computing: return "Computers and peripherals"
    case .medicalResearch: return "Medical research instruments"
    case .nuclear: return "Nuclear instruments"
    case .astronomical: return "Astronomical instruments"
    case .other: return "Other instruments"
    }
  }

  /// Parses the key, English name or Chinese name, ignoring case; `-` or spaces may replace `_`.
  public init(parsing text: String) throws(LabNetError) {
    let key = text.spellingKey
    let match = InstrumentCategory.allCases.first {
      key == $0.rawValue || key == $0.englishName.spellingKey || key == $0.chineseName
    }
    guard let match else {
      let keys = InstrumentCategory.allCases.map(\.rawValue).joined(separator: ", ")
      throw .invalidData("category must be one of \(keys); got \(quoted(text))")
    }
    self = match
  }
}
