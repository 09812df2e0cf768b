/// One record of a CSV file, with the line it starts on (the header is line 1).
public struct CSVRecord: Sendable, Hashable {
  public var fields: [String]
  public var line: Int
}

/// Reads RFC 4180 CSV from a stream of bytes: UTF-8 with or without a byte
/// order mark, CRLF or LF line ends, quoted fields with doubled quotes and
/// line breaks inside. Unlike a lenient reader it refuses, with the line and
/// field, a quote inside an unquoted field, text after a closing quote, a
/// quoted field never closed, and bytes that are not UTF-8.
///
/// ```swift
/// let reader = CSVRecordReader(bytes: Array("name,value\r\n电镜,500000\r\n".utf8))
/// while let record = try reader.next() { print(record.line, record.fields) }
/// ```
public final class CSVRecordReader {
  /// The most fields a record may have.
  public static let maximumFields = 200
  /// The longest field, in bytes.
  public static let maximumFieldBytes = 64 * 1024
  /// The longest record (a line, or several when a quoted field holds line breaks), in bytes.
  public static let maximumRecordBytes = 1024 * 1024

  private var chunk: [UInt8] = []
  private var position = 0
  private let refill: () throws -> [UInt8]?
  private var finished = false
  private var line = 1
  private var atStart = true

  /// Reads from `refill`, which returns the next bytes or nil at the end.
  public init(refill: @escaping () throws -> [UInt8]?) {
    self.refill = refill
  }

  /// Reads from bytes already in memory.
  public convenience init(bytes: [UInt8]) {
    var pending: [UInt8]? = bytes
    self.init(refill: {
      defer { pending = nil }
      return pending
    })
  }

  private func nextByte() throws -> UInt8? {
    while position >= chunk.count {
      guard !finished, let more = try refill() else {
        finished = true
        return nil
      }
      chunk = more
      position = 0
    }
    defer { position += 1 }
    return chunk[position]
  }

  private func peekByte() throws -> UInt8? {
    guard let byte = try nextByte() else { return nil }
    position -= 1
    return byte
  }

  private static let quote = UInt8(ascii: "\"")
  private static let comma = UInt8(ascii: ",")
  private static let lineFeed = UInt8(ascii: "\n")
  private static let carriageReturn = UInt8(ascii: "\r")

  /// The next record, or nil at the end of the input. A blank line is skipped.
  public func next() throws(LabNetError) -> CSVRecord? {
    do {
      return try readRecord()
    } catch let error as LabNetError {
      throw error
    } catch {
      throw .invalidData("cannot read the CSV file: \(error)")
    }
  }

  private func readRecord() throws -> CSVRecord? {
    if atStart {
      atStart = false
      try skipByteOrderMark()
    }
    while true {
      guard let first = try peekByte() else { return nil }
      if first == Self.lineFeed || first == Self.carriageReturn {
        try consumeLineEnd()
        continue
      }
      break
    }
    let startLine = line
    var fields: [String] = []
    var field: [UInt8] = []
    var recordBytes = 0
    // Input is bounded, so memory stays flat whatever the file holds
    // (`/dev/zero`, a million columns): refuse at once, with the line.
    func count(_ byte: UInt8) throws {
      recordBytes += 1
      if recordBytes > Self.maximumRecordBytes {
        throw LabNetError.invalidData(
          "line \(startLine): the line is longer than \(Self.maximumRecordBytes / 1024 / 1024) MB; is this a CSV file?"
        )
      }
      if field.count >= Self.maximumFieldBytes {
        throw LabNetError.invalidData(
          "line \(line), column \(fields.count + 1): the field is longer than \(Self.maximumFieldBytes / 1024) KB"
        )
      }
    }
    var quoted = false
    var afterClosingQuote = false
    var quoteOpenedOn = line
    func finishField() throws {
      guard let text = String(validating: field, as: UTF8.self) else {
        throw LabNetError.invalidData(
          "line \(line), column \(fields.count + 1): the text is not valid UTF-8; save the file as UTF-8"
        )
      }
      fields.append(text)
      if fields.count > Self.maximumFields {
        throw LabNetError.invalidData(
          "line \(startLine): more than \(Self.maximumFields) columns; a row of instruments has at most \(Self.maximumFields)"
        )
      }
      field.removeAll(keepingCapacity: true)
      quoted = false
      afterClosingQuote = false
    }
    while true {
      guard let byte = try nextByte() else {
        if quoted && !afterClosingQuote {
          throw LabNetError.invalidData(
            "line \(quoteOpenedOn), column \(fields.count + 1): a quoted field is never closed; end it with \""
          )
        }
        try finishField()
        return CSVRecord(fields: fields, line: startLine)
      }
      try count(byte)
      if quoted && !afterClosingQuote {
        if byte == Self.quote {
          if try peekByte() == Self.quote {
            _ = try nextByte()
            field.append(Self.quote)
          } else {
            afterClosingQuote = true
          }
        } else {
          if byte == Self.lineFeed { line += 1 }
          field.append(byte)
        }
        continue
      }
      switch byte {
      case Self.comma:
        try finishField()
      case Self.lineFeed, Self.carriageReturn:
        position -= 1
        try finishField()
        try consumeLineEnd()
        return CSVRecord(fields: fields, line: startLine)
      case Self.quote where field.isEmpty && !afterClosingQuote:
        quoted = true
        quoteOpenedOn = line
      case Self.quote:
        throw LabNetError.invalidData(
          "line \(line), column \(fields.count + 1): a quote inside an unquoted field; quote the whole field and double the quote (\"5\"\" wafer\")"
        )
      default:
        if afterClosingQuote {
          throw LabNetError.invalidData(
            "line \(line), column \(fields.count + 1): text after a closing quote; a quoted field must end at a comma or the line's end"
          )
        }
        field.append(byte)
      }
    }
  }

  private func consumeLineEnd() throws {
    if try nextByte() == Self.carriageReturn, try peekByte() == Self.lineFeed {
      _ = try nextByte()
    }
    line += 1
  }

  private func skipByteOrderMark() throws {
    var read: [UInt8] = []
    while read.count < 3, let byte = try nextByte() { read.append(byte) }
    if read == [0xEF, 0xBB, 0xBF] { return }
    // Not a mark: put the bytes back in front of what is left of the chunk.
    chunk = read + chunk[min(position, chunk.count)...]
    position = 0
  }

}
