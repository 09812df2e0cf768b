import InstrumentNetwork
import Testing

struct InstrumentSheetTests {
  typealias Column = InstrumentSheet.Column

  /// The records of the CSV `text`.
  static func records(_ text: String) throws(LabNetError) -> [CSVRecord] {
    let reader = CSVRecordReader(bytes: Array(text.utf8))
    var records: [CSVRecord] = []
    while let record = try reader.next() { records.append(record) }
    return records
  }

  /// The sheet of the CSV `text`'s first record and the results of every following row.
  static func read(_ text: String) throws -> (
    sheet: InstrumentSheet, rows: [Result<InstrumentSheet.Row, RowProblems>]
  ) {
    let records = try records(text)
    let header = try #require(records.first)
    let sheet = try InstrumentSheet(header: header)
    return (sheet, records.dropFirst().map(sheet.row))
  }

  /// The one row of the CSV `text`, or its problems.
  static func onlyRow(_ text: String) throws -> Result<InstrumentSheet.Row, RowProblems> {
    let rows = try read(text).rows
    try #require(rows.count == 1)
    return rows[0]
  }

  /// The one row of the CSV `text`, which must be valid.
  static func validRow(_ text: String) throws -> InstrumentSheet.Row {
    try onlyRow(text).get()
  }

  /// The problems of the one row of the CSV `text`, or nil if it is valid.
  static func problems(_ text: String) throws -> [String]? {
    switch try onlyRow(text) {
    case .success: return nil
    case .failure(let problems): return problems.messages
    }
  }

  /// The message the header line(s) of `text` are refused with, nil if accepted.
  static func headerMessage(_ text: String) throws -> String? {
    let header = try #require(try records(text).first)
    return invalidDataMessage { () throws(LabNetError) in try InstrumentSheet(header: header) }
  }

  static let required = "name,category,value_yuan,rate_yuan_per_hour"
  static let knownColumns =
    "unit, name, model, manufacturer, category, value_yuan, rate_yuan_per_hour, location, "
    + "opening_hours, shared, granularity_minutes, asset_number"
  static let categoryKeys =
    "analytical, physical_property, metrology, electronic_measurement, oceanographic, "
    + "geophysical, atmospheric, special_testing, laser, process_testing, computing, "
    + "medical_research, nuclear, astronomical, other"

  // MARK: - Header

  @Test func mapsEnglishHeaders() throws {
    let sheet = try Self.read(
      "unit,name,model,manufacturer,category,value_yuan,rate_yuan_per_hour,location,"
        + "opening_hours,shared,granularity_minutes,asset_number\n"
    ).sheet
    #expect(sheet.columns == Column.allCases)
    #expect(sheet.hasUnitColumn)
  }

  @Test func mapsChineseHeaders() throws {
    let sheet = try Self.read(
      "所属单位,仪器名称,规格型号,生产厂家,仪器类别,原值(元),收费标准(元/小时),存放地点,"
        + "开放时间,是否共享,预约粒度（分钟）,资产编号\n"
    ).sheet
    #expect(sheet.columns == Column.allCases)
  }

  @Test func requiredOnlyHeaderHasNoUnitColumn() throws {
    let sheet = try Self.read("rate_yuan_per_hour,value_yuan,category,name\n").sheet
    #expect(sheet.columns == [.rate, .value, .category, .name])
    #expect(!sheet.hasUnitColumn)
  }

  @Test(arguments: [
    ("仪器名称", Column.name), ("名称", .name), ("设备名称", .name), ("instrument", .name),
    ("原值", .value), ("原值(元)", .value), ("原值（元）", .value), ("价值", .value),
    ("购置金额", .value), ("value", .value),
    ("收费标准", .rate), ("收费标准(元/小时)", .rate), ("收费标准（元/小时）", .rate),
    ("每小时收费", .rate), ("rate", .rate), ("rate_yuan", .rate),
    ("是否共享", .shared), ("共享", .shared),
    ("单位", .unit), ("所属单位", .unit), ("单位名称", .unit), ("unit_id", .unit),
    ("型号", .model), ("规格型号", .model),
    ("maker", .manufacturer), ("生产厂家", .manufacturer), ("制造商", .manufacturer),
    ("类别", .category), ("分类", .category), ("仪器分类", .category),
    ("地点", .location), ("安放地点", .location), ("位置", .location),
    ("hours", .openingHours), ("开放时间", .openingHours),
    ("granularity", .granularity), ("预约粒度", .granularity), ("预约粒度(分钟)", .granularity),
    ("资产编号", .assetNumber), ("asset-no", .assetNumber),
  ])
  func mapsAlias(alias: String, column: Column) throws {
    let others = Column.allCases.filter { $0.isRequired && $0 != column }.map(\.rawValue)
    let sheet = try Self.read(([alias] + others).joined(separator: ",") + "\n").sheet
    #expect(sheet.columns.first == column)
    #expect(sheet.columns.count == others.count + 1)
  }

  @Test(arguments: [
    ("Name", Column.name), ("NAME", .name), ("  name  ", .name), ("Value-Yuan", .value),
    ("VALUE YUAN", .value), ("rate yuan per hour", .rate), ("Rate-Yuan-Per-Hour", .rate),
    ("rate  yuan__per-hour", .rate), ("Opening Hours", .openingHours),
    ("GRANULARITY-MINUTES", .granularity), ("Unit-ID", .unit), ("\u{3000}仪器名称 ", .name),
  ])
  func mapsHeaderIgnoringCaseSpacesAndHyphens(header: String, column: Column) throws {
    let others = Column.allCases.filter { $0.isRequired && $0 != column }.map(\.rawValue)
    let sheet = try Self.read("\"\(header)\"," + others.joined(separator: ",") + "\n").sheet
    #expect(sheet.columns.first == column)
  }

  @Test func refusesUnknownRepeatedAndMissingColumnsAllAtOnce() throws {
    let message = try Self.headerMessage("name,colour,category,Name,rate_yuan_per_hour\n")
    #expect(
      message
        == "line 1, column 2: unknown column \"colour\"; known columns are \(Self.knownColumns)"
        + "\nline 1, column 4: column name appears twice"
        + "\nline 1: missing column value_yuan")
  }

  @Test func refusesColumnRepeatedUnderAnAlias() throws {
    let message = try Self.headerMessage(Self.required + ",原值(元),型号,model\n")
    #expect(
      message == "line 1, column 5: column value_yuan appears twice"
        + "\nline 1, column 7: column model appears twice")
  }

  @Test func namesEveryMissingColumn() throws {
    let message = try Self.headerMessage("name,location\n")
    #expect(
      message == "line 1: missing column category\nline 1: missing column value_yuan"
        + "\nline 1: missing column rate_yuan_per_hour")
  }

  @Test func refusesEmptyHeaderField() throws {
    let message = try Self.headerMessage(Self.required + ",\n")
    #expect(
      message == "line 1, column 5: unknown column \"\"; known columns are \(Self.knownColumns)")
  }

  @Test func headerMessagesUseTheHeadersLine() throws {
    let message = try Self.headerMessage("\n\nname,category,rate,price\n")
    #expect(
      message
        == "line 3, column 4: unknown column \"price\"; known columns are \(Self.knownColumns)"
        + "\nline 3: missing column value_yuan")
  }

  @Test func unitIsNotRequired() throws {
    #expect(try Self.headerMessage(Self.required + "\n") == nil)
    #expect(Column.allCases.filter(\.isRequired) == [.name, .category, .value, .rate])
  }

  // MARK: - Rows

  @Test func readsEveryColumn() throws {
    let row = try Self.validRow(
      "unit,name,model,manufacturer,category,value_yuan,rate_yuan_per_hour,location,"
        + "opening_hours,shared,granularity_minutes\n"
        + "U-01,透射电子显微镜,JEM-2100F,JEOL,analytical,1200000.50,350.5,B楼101,"
        + "Mon-Fri 09:00-17:00; Sat 09:00-12:00,否,30\n")
    #expect(row.line == 2)
    #expect(row.unit == "U-01")
    let draft = row.draft
    #expect(draft.unitID == 0)
    #expect(draft.name == "透射电子显微镜")
    #expect(draft.model == "JEM-2100F")
    #expect(draft.manufacturer == "JEOL")
    #expect(draft.category == .analytical)
    #expect(draft.value == Money(fen: 120_000_050))
    #expect(draft.hourlyRate == Money(fen: 35_050))
    #expect(draft.location == "B楼101")
    #expect(draft.openingHours.text == "Mon-Fri 09:00-17:00; Sat 09:00-12:00")
    #expect(
      draft.openingHours == (try OpeningHours(parsing: "Mon-Fri 09:00-17:00; Sat 09:00-12:00")))
    #expect(!draft.isShared)
    #expect(draft.granularityMinutes == 30)
  }

  @Test func readsChineseSheet() throws {
    let row = try Self.validRow(
      "仪器名称,仪器类别,原值(元),收费标准(元/小时),是否共享,开放时间\n"
        + "扫描电子显微镜,分析仪器,\"850000.00\",200,是,24/7\n")
    #expect(row.draft.name == "扫描电子显微镜")
    #expect(row.draft.category == .analytical)
    #expect(row.draft.value == Money(fen: 85_000_000))
    #expect(row.draft.hourlyRate == Money(fen: 20_000))
    #expect(row.draft.isShared)
    #expect(row.draft.openingHours == .allWeek)
    #expect(row.unit == nil)
  }

  @Test func readsAssetNumberAndTheChangesAnUpdateMakes() throws {
    let sheet = try Self.read("资产编号,仪器名称,仪器类别,原值(元),收费标准(元/小时),存放地点\n").sheet
    let row = try Self.validRow(
      "资产编号,仪器名称,仪器类别,原值(元),收费标准(元/小时),存放地点\n"
        + " ZC-2015-0101 ,扫描电子显微镜,分析仪器,850000,200,\n")
    #expect(row.draft.assetNumber == "ZC-2015-0101")
    let changes = sheet.changes(of: row)
    #expect(changes.name == "扫描电子显微镜")
    #expect(changes.hourlyRate == Money(fen: 20_000))
    #expect(changes.location == "", "an empty field the sheet has takes its default")
    #expect(changes.model == nil && changes.openingHours == nil && changes.isShared == nil)
    #expect(changes.assetNumber == nil, "the key is not a change")
    let none = try Self.validRow(Self.required + ",asset_number\n电镜,metrology,300000,0,\n")
    #expect(none.draft.assetNumber == nil)
  }

  @Test func refusesAssetNumberWithControlCharacters() throws {
    let problems = try Self.problems(
      Self.required + ",asset_number\n电镜,metrology,300000,0,\"A\u{7}1\"\n")
    #expect(problems?.count == 1)
    #expect(
      problems?.first?.hasPrefix("line 2, column asset_number: asset_number must be plain text")
        == true, "\(problems ?? [])")
  }

  @Test func defaultsAbsentOptionalColumns() throws {
    let row = try Self.validRow(Self.required + "\n电镜,metrology,300000,0\n")
    #expect(row.line == 2)
    #expect(row.unit == nil)
    #expect(row.draft.name == "电镜")
    #expect(row.draft.category == .metrology)
    #expect(row.draft.value == Money(fen: 30_000_000))
    #expect(row.draft.hourlyRate == .zero)
    #expect(row.draft.model == "")
    #expect(row.draft.manufacturer == "")
    #expect(row.draft.location == "")
    #expect(row.draft.openingHours == .standard)
    #expect(row.draft.openingHours.text == "Mon-Fri 08:00-20:00")
    #expect(row.draft.isShared)
    #expect(row.draft.granularityMinutes == 15)
  }

  @Test func defaultsEmptyOptionalFields() throws {
    let row = try Self.validRow(
      Self.required + ",model,manufacturer,location,opening_hours,shared,granularity_minutes\n"
        + "电镜,laser,300000.01,1.5, , ,,,,\n")
    #expect(row.draft.model == "")
    #expect(row.draft.manufacturer == "")
    #expect(row.draft.location == "")
    #expect(row.draft.openingHours == .standard)
    #expect(row.draft.isShared)
    #expect(row.draft.granularityMinutes == 15)
    #expect(row.draft.value == Money(fen: 30_000_001))
    #expect(row.draft.hourlyRate == Money(fen: 150))
  }

  @Test func trimsFields() throws {
    let row = try Self.validRow(
      Self.required + ",location\n  电镜 ,\" Analytical instruments \", 500000 , 12.30 ,\t3楼 \n")
    #expect(row.draft.name == "电镜")
    #expect(row.draft.category == .analytical)
    #expect(row.draft.value == Money(fen: 50_000_000))
    #expect(row.draft.hourlyRate == Money(fen: 1_230))
    #expect(row.draft.location == "3楼")
  }

  @Test(arguments: [
    ("analytical", InstrumentCategory.analytical), ("分析仪器", .analytical),
    ("Physical-Property", .physicalProperty),
    ("physical property testing instruments", .physicalProperty),
    ("激光器", .laser), ("OTHER", .other),
  ])
  func readsCategory(text: String, category: InstrumentCategory) throws {
    let row = try Self.validRow(Self.required + "\n电镜,\(text),300000,0\n")
    #expect(row.draft.category == category)
  }

  @Test(arguments: [
    ("yes", true), ("YES", true), ("y", true), ("true", true), ("1", true), ("是", true),
    ("共享", true), ("no", false), ("No", false), ("n", false), ("false", false), ("0", false),
    ("否", false), ("不共享", false),
  ])
  func readsShared(text: String, shared: Bool) throws {
    let row = try Self.validRow(Self.required + ",shared\n电镜,laser,300000,0,\(text)\n")
    #expect(row.draft.isShared == shared)
  }

  @Test(arguments: ["maybe", "共", "2", "yes please"])
  func refusesShared(text: String) throws {
    #expect(
      try Self.problems(Self.required + ",shared\n电镜,laser,300000,0,\(text)\n") == [
        "line 2, column shared: must be yes or no (是/否); got \"\(text)\""
      ])
  }

  @Test(arguments: [("1", 1), ("5", 5), ("15", 15), ("60", 60), ("90", 90), ("1440", 1440)])
  func readsGranularity(text: String, minutes: Int) throws {
    let row = try Self.validRow(
      Self.required + ",granularity_minutes\n电镜,laser,300000,0,\(text)\n")
    #expect(row.draft.granularityMinutes == minutes)
  }

  @Test(arguments: ["7", "0", "-15", "1441", "2880", "15.0", "quarter", "50", "+"])
  func refusesGranularity(text: String) throws {
    #expect(
      try Self.problems(Self.required + ",granularity_minutes\n电镜,laser,300000,0,\(text)\n") == [
        "line 2, column granularity_minutes: must be minutes that divide a day evenly, "
          + "like 5, 10, 15, 30 or 60; got \"\(text)\""
      ])
  }

  @Test func refusesWrongNumberOfFields() throws {
    let rows = try Self.read(
      Self.required + "\n电镜,laser,300000\n\n电镜,laser,300000,0,extra\n电镜,laser,300000,0\n"
    ).rows
    #expect(rows.count == 3)
    guard case .failure(let short) = rows[0], case .failure(let long) = rows[1] else {
      Issue.record("rows with the wrong number of fields were accepted")
      return
    }
    #expect(short.messages == ["line 2: 3 fields, but the header names 4 columns"])
    #expect(long.messages == ["line 4: 5 fields, but the header names 4 columns"])
    #expect((try rows[2].get()).line == 5)
  }

  @Test func reportsEveryBadField() throws {
    let rows = try Self.read(
      Self.required + ",granularity_minutes\n"
        + "电镜,laser,300000,0,15\n"
        + "\"多行\n名称\",laser,300000,0,15\n"
        + ",spaceship,299999.99,0.001,7\n"
    ).rows
    #expect(rows.count == 3)
    #expect((try rows[0].get()).line == 2)
    guard case .failure(let problems) = rows[2] else {
      Issue.record("the bad row was accepted")
      return
    }
    #expect(
      problems.messages == [
        "line 5, column name: empty",
        "line 5, column category: category must be one of \(Self.categoryKeys); got \"spaceship\"",
        "line 5, column value_yuan: instrument value 299,999.99 yuan is below the network's "
          + "admission bar of 300,000.00 yuan",
        "line 5, column rate_yuan_per_hour: money must be yuan with at most two decimals, "
          + "like 1200.50; got \"0.001\"",
        "line 5, column granularity_minutes: must be minutes that divide a day evenly, "
          + "like 5, 10, 15, 30 or 60; got \"7\"",
      ])
  }

  @Test func refusesNameWithLineBreak() throws {
    #expect(
      try Self.problems(Self.required + "\n\"多行\n名称\",laser,300000,0\n") == [
        "line 2, column name: name must be plain text without control characters; "
          + "found U+000A at position 3"
      ])
  }

  @Test func refusesNameLongerThan200Characters() throws {
    let name = String(repeating: "镜", count: 201)
    #expect(
      try Self.problems(Self.required + "\n\(name),laser,300000,0\n") == [
        "line 2, column name: name must be at most 200 characters; got 201"
      ])
    let longest = String(repeating: "镜", count: 200)
    #expect(
      try Self.validRow(Self.required + "\n\(longest),laser,300000,0\n").draft.name == longest)
  }

  @Test func refusesBadMoneyInValue() throws {
    #expect(
      try Self.problems(Self.required + "\n电镜,laser,0.001,1\n") == [
        "line 2, column value_yuan: money must be yuan with at most two decimals, "
          + "like 1200.50; got \"0.001\""
      ])
  }

  @Test func refusesEmptyRequiredFields() throws {
    #expect(
      try Self.problems(Self.required + ",model\n , ,\"\",\t,x\n") == [
        "line 2, column name: empty", "line 2, column category: empty",
        "line 2, column value_yuan: empty", "line 2, column rate_yuan_per_hour: empty",
      ])
  }

  @Test func refusesBadOptionalText() throws {
    #expect(
      try Self.problems(
        Self.required + ",model,opening_hours\n电镜,laser,300000,0,\"JEM\t2100\",sometimes\n") == [
          "line 2, column opening_hours: opening hours must look like \"Mon-Fri 08:00-20:00\" or "
            + "\"24/7\" (several segments separated by \";\"); got \"sometimes\"",
          "line 2, column model: model must be plain text without control characters; "
            + "found U+0009 at position 4",
        ])
  }

  // MARK: - Unit column

  @Test(arguments: ["", "   "])
  func refusesEmptyUnit(text: String) throws {
    #expect(
      try Self.problems("unit," + Self.required + "\n\"\(text)\",电镜,laser,300000,0\n") == [
        "line 2, column unit: empty"
      ])
  }

  @Test func reportsEmptyUnitWithOtherProblems() throws {
    #expect(
      try Self.problems("所属单位," + Self.required + "\n,电镜,laser,1,0\n") == [
        "line 2, column value_yuan: instrument value 1.00 yuan is below the network's "
          + "admission bar of 300,000.00 yuan",
        "line 2, column unit: empty",
      ])
  }

  @Test func readsUnit() throws {
    let row = try Self.validRow("unit," + Self.required + "\n  复旦大学 化学系 ,电镜,laser,300000,0\n")
    #expect(row.unit == "复旦大学 化学系")
    #expect(row.draft.unitID == 0)
  }

  @Test func noUnitColumnGivesNoUnit() throws {
    let row = try Self.validRow(Self.required + "\n电镜,laser,300000,0\n")
    #expect(row.unit == nil)
  }
}
