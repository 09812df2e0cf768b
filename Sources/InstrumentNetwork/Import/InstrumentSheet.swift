/// The columns of an instrument import file and how each row becomes an
/// `InstrumentDraft`. Headers are English keys or Chinese aliases; see
/// docs/import.md.
///
/// ```swift
/// let sheet = try InstrumentSheet(header: headerRecord)
/// switch sheet.row(record) { case .success(let row): …; case .failure(let problems): … }
/// ```
public struct InstrumentSheet: Sendable {
  /// A column the file may have.
  public enum Column: String, CaseIterable, Sendable {
    case unit, name, model, manufacturer, category
    case value = "value_yuan"
    case rate = "rate_yuan_per_hour"
    case location
    case openingHours = "opening_hours"
    case shared
    case granularity = "granularity_minutes"
    case assetNumber = "asset_number"

    /// Other header spellings accepted for the column, Chinese among them.
    public var aliases: [String] {
      switch self {
      case .unit: return ["unit_id", "单位", "所属单位", "单位名称"]
      case .name: return ["instrument", "仪器名称", "名称", "设备名称"]
      case .model: return ["型号", "规格型号"]
      case .manufacturer: return ["maker", "生产厂家", "制造商", "厂商", "生产厂商"]
      case .category: return ["类别", "分类", "仪器类别", "仪器分类"]
      case .value: return ["value", "原值", "原值(元)", "原值（元）", "价值", "购置金额"]
      case .rate:
        return ["rate", "rate_yuan", "收费标准", "收费标准(元/小时)", "收费标准（元/小时）", "每小时收费"]
      case .location: return ["地点", "存放地点", "安放地点", "位置"]
      case .openingHours: return ["hours", "开放时间"]
      case .shared: return ["是否共享", "共享"]
      case .granularity: return ["granularity", "预约粒度", "预约粒度(分钟)", "预约粒度（分钟）"]
      case .assetNumber: return ["asset", "asset_no", "资产编号", "资产号", "固定资产编号"]
      }
    }

    /// Whether every file must have it. `unit` is required of admins only.
    public var isRequired: Bool { [.name, .category, .value, .rate].contains(self) }

    init?(header text: String) {
      let key = text.spellingKey
      guard
        let match = Column.allCases.first(where: {
          $0.rawValue == key || $0.aliases.contains { $0.spellingKey == key }
        })
      else { return nil }
      self = match
    }
  }

  /// One valid row: the draft (its unit still to resolve) and where it came from.
  public struct Row: Sendable, Hashable {
    public var line: Int
    /// The unit as the file names it (id or exact name), if the file has the column.
    public var unit: String?
    public var draft: InstrumentDraft
  }

  /// The column each field of a record holds.
  public let columns: [Column]

  /// Reads the header; refuses unknown, repeated and missing columns.
  public init(header: CSVRecord) throws(LabNetError) {
    var columns: [Column] = []
    var problems: [String] = []
    for (index, text) in header.fields.enumerated() {
      guard let column = Column(header: text) else {
        problems.append(
          "line \(header.line), column \(index + 1): unknown column \(quoted(text)); known columns are "
            + Column.allCases.map(\.rawValue).joined(separator: ", "))
        continue
      }
      if columns.contains(column) {
        problems.append(
          "line \(header.line), column \(index + 1): column \(column.rawValue) appears twice")
      }
      columns.append(column)
    }
    for column in Column.allCases where column.isRequired && !columns.contains(column) {
      problems.append("line \(header.line): missing column \(column.rawValue)")
    }
    guard problems.isEmpty else { throw .invalidData(problems.joined(separator: "\n")) }
    self.columns = columns
  }

  /// Whether the file names a unit per row.
  public var hasUnitColumn: Bool { columns.contains(.unit) }

  /// The row as a draft, or every problem found in it, one `line N, column C: why` each.
  public func row(_ record: CSVRecord) -> Result<Row, RowProblems> {
    guard record.fields.count == columns.count else {
      return .failure(
        RowProblems(messages: [
          "line \(record.line): \(record.fields.count) fields, but the header names \(columns.count) columns"
        ]))
    }
    var values: [Column: String] = [:]
    for (column, field) in zip(columns, record.fields) { values[column] = field.trimmedWhitespace }
    var problems: [String] = []
    func parse<T>(_ column: Column, _ parser: (String) throws(LabNetError) -> T) -> T? {
      guard let text = values[column], !text.isEmpty else {
        if column.isRequired {
          problems.append("line \(record.line), column \(column.rawValue): empty")
        }
        return nil
      }
      do {
        return try parser(text)
      } catch {
        problems.append("line \(record.line), column \(column.rawValue): \(error.message)")
        return nil
      }
    }
    func text(_ column: Column) -> String? {
      parse(column) { text throws(LabNetError) in
        try NameRule.validate(text, field: column.rawValue)
      }
    }
    let name = text(.name)
    let category = parse(.category) { text throws(LabNetError) in
      try InstrumentCategory(parsing: text)
    }
    let value = parse(.value) { text throws(LabNetError) -> Money in
      let money = try Money(yuan: text)
      _ = try ValueTier.admit(value: money)
      return money
    }
    let rate = parse(.rate) { text throws(LabNetError) in
      try Instrument.validRate(try Money(yuan: text))
    }
    let hours = parse(.openingHours) { text throws(LabNetError) in try OpeningHours(parsing: text) }
    let shared = parse(.shared) { text throws(LabNetError) in try Self.flag(text) }
    let granularity = parse(.granularity) { text throws(LabNetError) in
      try Self.granularity(text)
    }
    let model = text(.model)
    let manufacturer = text(.manufacturer)
    let location = text(.location)
    let assetNumber = parse(.assetNumber) { text throws(LabNetError) in
      try Instrument.validAssetNumber(text)
    }
    let unit = values[.unit].flatMap { $0.isEmpty ? nil : $0 }
    if hasUnitColumn && unit == nil {
      problems.append("line \(record.line), column unit: empty")
    }
    guard problems.isEmpty, let name, let category, let value, let rate else {
      return .failure(RowProblems(messages: problems))
    }
    var draft = InstrumentDraft(
      unitID: 0, name: name, category: category, value: value, hourlyRate: rate)
    draft.model = model ?? ""
    draft.manufacturer = manufacturer ?? ""
    draft.location = location ?? ""
    draft.openingHours = hours ?? .standard
    draft.isShared = shared ?? true
    draft.granularityMinutes = granularity ?? Instrument.defaultGranularityMinutes
    draft.assetNumber = assetNumber ?? nil
    return .success(Row(line: record.line, unit: unit, draft: draft))
  }

  /// What updating an instrument from `row` changes: every field the sheet
  /// has a column for (an empty optional field taking its default, as a new
  /// row would), and nothing else. The asset number is the key, not a change.
  public func changes(of row: Row) -> InstrumentChanges {
    let draft = row.draft
    var changes = InstrumentChanges(
      name: draft.name, category: draft.category, value: draft.value,
      hourlyRate: draft.hourlyRate)
    for column in columns {
      switch column {
      case .model: changes.model = draft.model
      case .manufacturer: changes.manufacturer = draft.manufacturer
      case .location: changes.location = draft.location
      case .openingHours: changes.openingHours = draft.openingHours
      case .shared: changes.isShared = draft.isShared
      case .granularity: changes.granularityMinutes = draft.granularityMinutes
      case .unit, .name, .category, .value, .rate, .assetNumber: break
      }
    }
    return changes
  }

  static func flag(_ text: String) throws(LabNetError) -> Bool {
    switch text.spellingKey {
    case "yes", "y", "true", "1", "是", "共享": return true
    case "no", "n", "false", "0", "否", "不共享": return false
    default: throw .invalidData("must be yes or no (是/否); got \(quoted(text))")
    }
  }

  static func granularity(_ text: String) throws(LabNetError) -> Int {
    guard let minutes = Int(text), minutes >= 1, minutes <= 1440, 1440 % minutes == 0 else {
      throw .invalidData(
        "must be minutes that divide a day evenly, like 5, 10, 15, 30 or 60; got \(quoted(text))")
    }
    return minutes
  }
}

/// What is wrong with one row, one message per problem.
public struct RowProblems: Error, Sendable, Hashable {
  public var messages: [String]
}
