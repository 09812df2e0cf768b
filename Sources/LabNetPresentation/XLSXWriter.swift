import Foundation
import InstrumentNetwork
import ZIPFoundation

/// One worksheet of typed cells, written as a minimal Office Open XML
/// workbook (.xlsx): plain SpreadsheetML parts in a ZIP archive made with
/// ZIPFoundation, in memory. Text is inline (`t="inlineStr"`, no shared
/// strings), numbers are numbers, times are Excel serial dates in China
/// Standard Time with a date style, money is yuan from integer fen with
/// `#,##0.00`. Any export can build a sheet of these and write it.
public struct XLSXSheet: Sendable {
  /// What a cell holds.
  public enum Cell: Sendable, Hashable {
    case text(String)
    case integer(Int64)
    /// Yuan with two decimals, from fen, formatted `#,##0.00`.
    case money(Money)
    /// A decimal with two places, from hundredths, formatted `0.00`.
    case hundredths(Int64)
    /// A moment as the local (China Standard Time) date and time, `yyyy-mm-dd hh:mm`.
    case dateTime(Instant)
    case empty
  }

  /// A row; `bold` for headers and totals.
  public struct Row: Sendable, Hashable {
    public var cells: [Cell]
    public var bold: Bool

    public init(_ cells: [Cell], bold: Bool = false) {
      self.cells = cells
      self.bold = bold
    }
  }

  /// The sheet's tab name (at most 31 characters, no `[]:*?/\`).
  public var name: String
  /// Column widths in characters, from the first column; the rest default.
  public var columnWidths: [Int]
  public var rows: [Row]

  public init(name: String, columnWidths: [Int] = [], rows: [Row] = []) {
    self.name = name
    self.columnWidths = columnWidths
    self.rows = rows
  }

  /// The .xlsx file's bytes. `modified` stamps the archive's entries.
  public func workbook(modified: Date = Date()) throws -> Data {
    let parts: [(String, String)] = [
      ("[Content_Types].xml", Self.contentTypes),
      ("_rels/.rels", Self.packageRelationships),
      ("xl/workbook.xml", workbookPart),
      ("xl/_rels/workbook.xml.rels", Self.workbookRelationships),
      ("xl/styles.xml", Self.styles),
      ("xl/worksheets/sheet1.xml", worksheetPart),
    ]
    let archive = try Archive(data: Data(), accessMode: .create)
    for (path, text) in parts {
      let bytes = Data(text.utf8)
      try archive.addEntry(
        with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: modified,
        compressionMethod: .deflate
      ) { position, size in
        bytes.subdata(in: Int(position)..<min(bytes.count, Int(position) + size))
      }
    }
    guard let data = archive.data else {
      throw LabNetError.outputFailed("the xlsx archive could not be made in memory")
    }
    return data
  }

  // MARK: Parts

  static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
  static let relationships =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

  static let contentTypes =
    header
      + """
      <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
      <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
      <Default Extension="xml" ContentType="application/xml"/>\
      <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
      <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
      <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
      </Types>
      """

  static let packageRelationships =
    header
      + """
      <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
      <Relationship Id="rId1" Type="\(relationships)/officeDocument" Target="xl/workbook.xml"/>\
      </Relationships>
      """

  static let workbookRelationships =
    header
      + """
      <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
      <Relationship Id="rId1" Type="\(relationships)/worksheet" Target="worksheets/sheet1.xml"/>\
      <Relationship Id="rId2" Type="\(relationships)/styles" Target="styles.xml"/>\
      </Relationships>
      """

  /// Cell formats, two per kind (plain, bold): general, date-time, money, two decimals.
  static let styles =
    header
      + """
      <styleSheet xmlns="\(main)">\
      <numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm"/>\
      <numFmt numFmtId="165" formatCode="#,##0.00"/></numFmts>\
      <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>\
      <font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
      <fills count="2"><fill><patternFill patternType="none"/></fill>\
      <fill><patternFill patternType="gray125"/></fill></fills>\
      <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
      <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
      <cellXfs count="8">\
      <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
      <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
      <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
      <xf numFmtId="164" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>\
      <xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
      <xf numFmtId="165" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>\
      <xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
      <xf numFmtId="2" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>\
      </cellXfs>\
      <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
      </styleSheet>
      """

  var workbookPart: String {
    Self.header
      + "<workbook xmlns=\"\(Self.main)\" xmlns:r=\"\(Self.relationships)\"><sheets>"
      + "<sheet name=\"\(Self.escaped(Self.sheetName(name)))\" sheetId=\"1\" r:id=\"rId1\"/>"
      + "</sheets></workbook>"
  }

  var worksheetPart: String {
    var xml = Self.header + "<worksheet xmlns=\"\(Self.main)\">"
    if !columnWidths.isEmpty {
      xml += "<cols>"
      for (index, width) in columnWidths.enumerated() {
        xml +=
          "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
      }
      xml += "</cols>"
    }
    xml += "<sheetData>"
    for (rowIndex, row) in rows.enumerated() {
      let number = rowIndex + 1
      xml += "<row r=\"\(number)\">"
      for (columnIndex, cell) in row.cells.enumerated() {
        xml += Self.cell(cell, at: Self.column(columnIndex) + String(number), bold: row.bold)
      }
      xml += "</row>"
    }
    return xml + "</sheetData></worksheet>"
  }

  static func cell(_ cell: Cell, at reference: String, bold: Bool) -> String {
    let weight = bold ? 1 : 0
    func number(_ value: String, style: Int) -> String {
      "<c r=\"\(reference)\" s=\"\(style + weight)\"><v>\(value)</v></c>"
    }
    switch cell {
    case .text(let text):
      return "<c r=\"\(reference)\" s=\"\(weight)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">"
        + escaped(text) + "</t></is></c>"
    case .integer(let value): return number(String(value), style: 0)
    case .money(let money): return number(decimal(money.fen, places: 2), style: 4)
    case .hundredths(let value): return number(decimal(value, places: 2), style: 6)
    case .dateTime(let instant): return number(serial(instant), style: 2)
    case .empty: return bold ? "<c r=\"\(reference)\" s=\"1\"/>" : ""
    }
  }

  /// `A`, `B`, … `Z`, `AA`, … for a zero-based column index.
  static func column(_ index: Int) -> String {
    var index = index + 1
    var letters = ""
    while index > 0 {
      let remainder = (index - 1) % 26
      letters = String(UnicodeScalar(UInt8(65 + remainder))) + letters
      index = (index - 1) / 26
    }
    return letters
  }

  /// `units` / 10^places as decimal text, exactly (integer arithmetic): 123456, 2 → `1234.56`.
  static func decimal(_ units: Int64, places: Int) -> String {
    var scale: Int64 = 1
    for _ in 0..<places { scale *= 10 }
    let magnitude = units.magnitude
    let whole = magnitude / UInt64(scale)
    let fraction = String(magnitude % UInt64(scale))
    return (units < 0 ? "-" : "") + String(whole) + "."
      + String(repeating: "0", count: places - fraction.count) + fraction
  }

  /// The Excel serial date (days since 1899-12-30, with the time as a
  /// fraction) of the moment's China Standard Time date and time, to ten
  /// decimals (a hundred-thousandth of a second), by integer arithmetic.
  static func serial(_ instant: Instant) -> String {
    let date = instant.localDate
    let days = date.daysSinceEpoch + 25_569
    let second = instant - date.startInstant
    let fraction = (second * 10_000_000_000 + 43_200) / 86_400
    return decimal(days * 10_000_000_000 + fraction, places: 10)
  }

  /// A valid tab name: forbidden characters replaced, at most 31 characters.
  static func sheetName(_ name: String) -> String {
    let cleaned = String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31))
    return cleaned.isEmpty ? "Sheet1" : cleaned
  }

  /// Text as XML character data: markup escaped, characters XML 1.0 cannot hold dropped.
  static func escaped(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
      default:
        let value = scalar.value
        if value < 0x20 || value == 0xFFFE || value == 0xFFFF { continue }
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}
