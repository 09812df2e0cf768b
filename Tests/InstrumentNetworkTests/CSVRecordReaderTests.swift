import InstrumentNetwork
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

struct CSVRecordReaderTests {
  /// Every record `reader` gives, in order.
  static func readAll(_ reader: CSVRecordReader) throws(LabNetError) -> [CSVRecord] {
    var records: [CSVRecord] = []
    while let record = try reader.next() { records.append(record) }
    return records
  }

  /// The records of `bytes` read from memory in one piece.
  static func records(_ bytes: [UInt8]) throws(LabNetError) -> [CSVRecord] {
    try readAll(CSVRecordReader(bytes: bytes))
  }

  /// The records of the UTF-8 text `text`, read from memory in one piece.
  static func records(_ text: String) throws(LabNetError) -> [CSVRecord] {
    try records(Array(text.utf8))
  }

  /// A reader whose `refill` hands out `bytes` `size` bytes at a time, with an empty chunk
  /// between every two when `withEmptyChunks` is set.
  static func chunkedReader(_ bytes: [UInt8], size: Int, withEmptyChunks: Bool = false)
    -> CSVRecordReader
  {
    var offset = 0
    var emptyNext = false
    return CSVRecordReader(refill: {
      if withEmptyChunks && emptyNext {
        emptyNext = false
        return []
      }
      guard offset < bytes.count else { return nil }
      let end = min(offset + size, bytes.count)
      defer { offset = end }
      emptyNext = true
      return Array(bytes[offset..<end])
    })
  }

  /// A reader whose `refill` hands out each of `chunks` in turn.
  static func reader(chunks: [[UInt8]]) -> CSVRecordReader {
    var remaining = chunks[...]
    return CSVRecordReader(refill: { remaining.popFirst() })
  }

  /// The message of the invalid-data error reading all of `bytes` throws, nil if it succeeds.
  static func errorMessage(_ bytes: [UInt8]) -> String? {
    invalidDataMessage { () throws(LabNetError) in try records(bytes) }
  }

  static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

  /// A file exercising everything at once: BOM, CRLF and LF, Chinese text, doubled quotes,
  /// commas and line breaks inside quotes, empty fields, blank lines, no final line end.
  static let mixedFile: [UInt8] =
    byteOrderMark
    + Array(
      ("仪器名称,原值(元),备注\r\n"
        + "透射电子显微镜,\"1,200,000.00\",\"5\"\" wafer, \"\"JEM\"\"\"\r\n"
        + "\r\n"
        + "\"多行\r\n备注\n第三行\",,\n"
        + "\n"
        + "\"\",\"\"\"\",末尾\r\n"
        + "扫描电镜,300000,无换行").utf8)

  static let mixedFileLines = [1, 2, 4, 8, 9]
  static let mixedFileFields = [
    ["仪器名称", "原值(元)", "备注"],
    ["透射电子显微镜", "1,200,000.00", "5\" wafer, \"JEM\""],
    ["多行\r\n备注\n第三行", "", ""],
    ["", "\"", "末尾"],
    ["扫描电镜", "300000", "无换行"],
  ]

  // MARK: - Well-formed files

  @Test func readsLineFeedFile() throws {
    let records = try Self.records("name,value\n电镜,500000\nXRD,300000\n")
    #expect(records.map(\.fields) == [["name", "value"], ["电镜", "500000"], ["XRD", "300000"]])
    #expect(records.map(\.line) == [1, 2, 3])
  }

  @Test func readsCarriageReturnLineFeedFile() throws {
    let records = try Self.records("name,value\r\n电镜,500000\r\nXRD,300000\r\n")
    #expect(records.map(\.fields) == [["name", "value"], ["电镜", "500000"], ["XRD", "300000"]])
    #expect(records.map(\.line) == [1, 2, 3])
  }

  @Test func readsMixedLineEnds() throws {
    let records = try Self.records("a,b\r\nc,d\ne,f\r\n")
    #expect(records.map(\.fields) == [["a", "b"], ["c", "d"], ["e", "f"]])
    #expect(records.map(\.line) == [1, 2, 3])
  }

  @Test func skipsTheByteOrderMark() throws {
    let records = try Self.records(Self.byteOrderMark + Array("name,value\r\n电镜,1\r\n".utf8))
    #expect(records.map(\.fields) == [["name", "value"], ["电镜", "1"]])
    #expect(records.map(\.line) == [1, 2])
    #expect(records.first?.fields.first?.unicodeScalars.first == "n")
  }

  @Test func readsFileWithoutByteOrderMark() throws {
    let records = try Self.records("name,value\r\n电镜,1\r\n")
    #expect(records.map(\.fields) == [["name", "value"], ["电镜", "1"]])
  }

  @Test func skipsOnlyOneByteOrderMark() throws {
    let records = try Self.records(Self.byteOrderMark + Self.byteOrderMark + Array("a\n".utf8))
    #expect(records.map(\.fields) == [["\u{FEFF}a"]])
  }

  /// Files whose first bytes begin like a byte order mark but are another character.
  @Test(arguments: [
    ("ｅ,x\n", ["ｅ", "x"]),  // U+FF45: EF BD 85, one byte in common with the mark
    ("ﻀ,x\n", ["ﻀ", "x"]),  // U+FEC0: EF BB 80, two bytes in common with the mark
  ])
  func keepsTextThatStartsLikeAByteOrderMark(text: String, fields: [String]) throws {
    let records = try Self.records(text)
    #expect(records.map(\.fields) == [fields])
  }

  @Test func readsQuotedFieldsWithCommasAndDoubledQuotes() throws {
    let records = try Self.records(
      "name,note\n\"Smith, John\",\"He said \"\"hi\"\"\"\n\"\"\"\",\"a,\"\"b\"\",c\"\n")
    #expect(
      records.map(\.fields) == [
        ["name", "note"], ["Smith, John", "He said \"hi\""], ["\"", "a,\"b\",c"],
      ])
    #expect(records.map(\.line) == [1, 2, 3])
  }

  @Test func countsLineBreaksInsideQuotedFields() throws {
    let records = try Self.records(
      "name,note\n\"TEM\",\"first\nsecond\nthird\"\nSEM,\"a\r\nb\"\r\nXRD,plain\n")
    #expect(
      records.map(\.fields) == [
        ["name", "note"], ["TEM", "first\nsecond\nthird"], ["SEM", "a\r\nb"], ["XRD", "plain"],
      ])
    #expect(records.map(\.line) == [1, 2, 5, 7])
  }

  @Test func readsEmptyFields() throws {
    let records = try Self.records("a,,c\n,b,\n,\n\"\",\"\"\nx,\"\"\n")
    #expect(
      records.map(\.fields) == [["a", "", "c"], ["", "b", ""], ["", ""], ["", ""], ["x", ""]])
    #expect(records.map(\.line) == [1, 2, 3, 4, 5])
  }

  @Test(arguments: ["a,b,\n", "a,b,\r\n", "a,b,"])
  func readsEmptyLastField(text: String) throws {
    let records = try Self.records(text)
    #expect(records.map(\.fields) == [["a", "b", ""]])
  }

  @Test func skipsBlankLines() throws {
    let records = try Self.records("\n\r\nname\n\n\nTEM\r\n\r\n\r\nSEM\n\n")
    #expect(records.map(\.fields) == [["name"], ["TEM"], ["SEM"]])
    #expect(records.map(\.line) == [3, 6, 9])
  }

  @Test(arguments: ["a,b\nc,d", "a,b\r\nc,d", "a,b\nc,\"d\""])
  func readsLastRecordWithoutLineEnd(text: String) throws {
    let records = try Self.records(text)
    #expect(records.map(\.fields) == [["a", "b"], ["c", "d"]])
    #expect(records.map(\.line) == [1, 2])
  }

  @Test(arguments: ["", "\n", "\r\n\r\n", "\u{FEFF}", "\u{FEFF}\r\n"])
  func readsNoRecordFromEmptyFile(text: String) throws {
    #expect(try Self.records(text).isEmpty)
  }

  @Test func keepsReturningNilAtTheEnd() throws {
    let reader = CSVRecordReader(bytes: Array("a\n".utf8))
    #expect(try reader.next()?.fields == ["a"])
    #expect(try reader.next() == nil)
    #expect(try reader.next() == nil)
  }

  @Test func readsChineseText() throws {
    let records = try Self.records(
      "仪器名称,所属单位,是否共享\n透射电子显微镜，场发射,\"复旦大学，化学系\",是\n")
    #expect(
      records.map(\.fields) == [
        ["仪器名称", "所属单位", "是否共享"], ["透射电子显微镜，场发射", "复旦大学，化学系", "是"],
      ])
  }

  @Test func keepsSpacesAroundFields() throws {
    let records = try Self.records(" a , b \n")
    #expect(records.map(\.fields) == [[" a ", " b "]])
  }

  @Test func readsTheMixedFile() throws {
    let records = try Self.records(Self.mixedFile)
    #expect(records.map(\.fields) == Self.mixedFileFields)
    #expect(records.map(\.line) == Self.mixedFileLines)
  }

  // MARK: - Reading in chunks

  @Test(arguments: [1, 2, 3, 7])
  func chunksGiveTheSameRecords(size: Int) throws {
    let whole = try Self.records(Self.mixedFile)
    let chunked = try Self.readAll(Self.chunkedReader(Self.mixedFile, size: size))
    #expect(chunked == whole)
    #expect(chunked.map(\.fields) == Self.mixedFileFields)
    #expect(chunked.map(\.line) == Self.mixedFileLines)
  }

  @Test(arguments: [1, 2, 3, 7])
  func emptyChunksAreSkipped(size: Int) throws {
    let chunked = try Self.readAll(
      Self.chunkedReader(Self.mixedFile, size: size, withEmptyChunks: true))
    #expect(chunked.map(\.fields) == Self.mixedFileFields)
    #expect(chunked.map(\.line) == Self.mixedFileLines)
  }

  /// Split in two at every byte, so one boundary falls inside the BOM, each multi-byte
  /// character, each CRLF and each doubled quote.
  @Test func everyTwoChunkSplitGivesTheSameRecords() throws {
    let whole = try Self.records(Self.mixedFile)
    for split in 0...Self.mixedFile.count {
      let chunks = [Array(Self.mixedFile[..<split]), Array(Self.mixedFile[split...])]
      let chunked = try Self.readAll(Self.reader(chunks: chunks))
      #expect(chunked == whole, "split at byte \(split)")
    }
  }

  @Test(arguments: [1, 2, 3, 7])
  func chunksGiveTheSameErrors(size: Int) {
    let files: [[UInt8]] = [
      Array("a,b\nc,d\ne,\"x\"y\n".utf8),
      Array("a,b\nc,d\"\n".utf8),
      Array("a,b\n\"c\nd,e\n".utf8),
      Self.byteOrderMark + Array("a,b\nc,d\ne,".utf8) + [0xE4, 0xB8] + Array(",f\r\n".utf8),
    ]
    for file in files {
      let whole = Self.errorMessage(file)
      let chunked = invalidDataMessage { () throws(LabNetError) in
        try Self.readAll(Self.chunkedReader(file, size: size))
      }
      #expect(whole != nil)
      #expect(chunked == whole)
    }
  }

  /// A file that begins with bytes the BOM begins with, but is not one, read in small chunks.
  /// Run in a child process because the reader may trap.
  @Test func chunksInsideAFalseByteOrderMark() async {
    await #expect(processExitsWith: .success) {
      // U+FEC0 is EF BB 80: the first two bytes match the BOM, the third does not.
      let bytes = Array("ﻀ,x\nab,c\n".utf8)
      for size in [1, 2] {
        var offset = 0
        let reader = CSVRecordReader(refill: {
          guard offset < bytes.count else { return nil }
          let end = min(offset + size, bytes.count)
          defer { offset = end }
          return Array(bytes[offset..<end])
        })
        var fields: [[String]] = []
        while let record = try reader.next() { fields.append(record.fields) }
        guard fields == [["ﻀ", "x"], ["ab", "c"]] else { exit(1) }
      }
    }
  }

  // MARK: - Refused files

  @Test func refusesQuoteInsideUnquotedField() {
    #expect(
      Self.errorMessage(Array("name,note\nTEM,ab\"c\n".utf8))
        == "line 2, column 2: a quote inside an unquoted field; quote the whole field and "
        + "double the quote (\"5\"\" wafer\")")
  }

  @Test func refusesTextAfterClosingQuote() {
    #expect(
      Self.errorMessage(Array("name,note\nTEM,x\nSEM,\"ab\"c,d\n".utf8))
        == "line 3, column 2: text after a closing quote; a quoted field must end at a comma "
        + "or the line's end")
  }

  @Test func refusesSpaceAfterClosingQuote() {
    #expect(
      Self.errorMessage(Array("\"ab\" ,c\n".utf8))
        == "line 1, column 1: text after a closing quote; a quoted field must end at a comma "
        + "or the line's end")
  }

  @Test func refusesTextAfterClosingQuoteOnTheQuotedFieldsLastLine() {
    #expect(
      Self.errorMessage(Array("a\n\"b\nc\"d\n".utf8))
        == "line 3, column 1: text after a closing quote; a quoted field must end at a comma "
        + "or the line's end")
  }

  @Test(arguments: [
    "name,note\nTEM,\"never closed\nSEM,x\nXRD,y\n",
    "name,note\nTEM,\"never closed",
    "name,note\nTEM,\"closed only by a doubled quote\"\"\n",
  ])
  func refusesQuotedFieldNeverClosed(text: String) {
    #expect(
      Self.errorMessage(Array(text.utf8))
        == "line 2, column 2: a quoted field is never closed; end it with \"")
  }

  @Test func neverClosedNamesTheLineWhereTheQuoteOpened() {
    #expect(
      Self.errorMessage(Array("a,b\n\"x\ny\",z\nc,\"open\nmore\nlines\n".utf8))
        == "line 4, column 2: a quoted field is never closed; end it with \"")
  }

  @Test(arguments: [
    [UInt8(0xFF)],  // never valid in UTF-8
    [0xE4, 0xB8],  // 中 (E4 B8 AD) cut short
    [0x80],  // a continuation byte alone
    [0xC0, 0xAF],  // overlong "/"
    [0xED, 0xA0, 0x80],  // a UTF-16 surrogate
  ])
  func refusesInvalidUTF8OnLineThree(bad: [UInt8]) {
    let file = Array("name,note\nTEM,中文\nSEM,".utf8) + bad + Array(",x\nXRD,y\n".utf8)
    #expect(
      Self.errorMessage(file)
        == "line 3, column 2: the text is not valid UTF-8; save the file as UTF-8")
  }

  @Test func refusesInvalidUTF8AtTheEndOfTheFile() {
    let file = Array("name,note\r\nTEM,x\r\nSEM,".utf8) + [0xE4, 0xB8]
    #expect(
      Self.errorMessage(file)
        == "line 3, column 2: the text is not valid UTF-8; save the file as UTF-8")
  }

  @Test func refusesInvalidUTF8AfterAMultiLineField() {
    let file = Array("name,note\n\"a\nb\",c\n".utf8) + [0xFF] + Array(",d\n".utf8)
    #expect(
      Self.errorMessage(file)
        == "line 4, column 1: the text is not valid UTF-8; save the file as UTF-8")
  }

  @Test func refusesInvalidUTF8InAQuotedField() {
    let file = Array("a,\"".utf8) + [0xFF] + Array("\"\n".utf8)
    #expect(
      Self.errorMessage(file)
        == "line 1, column 2: the text is not valid UTF-8; save the file as UTF-8")
  }

  @Test func returnsTheRecordsBeforeAnError() throws {
    let reader = CSVRecordReader(bytes: Array("a,b\nc,d\ne,f\"\n".utf8))
    #expect(try reader.next()?.fields == ["a", "b"])
    #expect(try reader.next()?.fields == ["c", "d"])
    #expect(throws: LabNetError.self) { try reader.next() }
  }

  struct DiskError: Error, CustomStringConvertible {
    var description: String { "disk unplugged" }
  }

  @Test func reportsARefillErrorAsInvalidData() throws {
    var calls = 0
    let reader = CSVRecordReader(refill: {
      calls += 1
      if calls == 1 { return Array("a,b\n".utf8) }
      throw DiskError()
    })
    #expect(try reader.next()?.fields == ["a", "b"])
    let message = invalidDataMessage { () throws(LabNetError) in try reader.next() }
    #expect(message == "cannot read the CSV file: disk unplugged")
  }

  @Test func reportsARefillErrorOnTheFirstRead() {
    let reader = CSVRecordReader(refill: { throw DiskError() })
    let message = invalidDataMessage { () throws(LabNetError) in try reader.next() }
    #expect(message == "cannot read the CSV file: disk unplugged")
  }

  @Test func passesALabNetErrorFromRefillThrough() {
    let reader = CSVRecordReader(refill: { throw LabNetError.busy("store locked") })
    #expect(throws: LabNetError.busy("store locked")) { try reader.next() }
  }
}
