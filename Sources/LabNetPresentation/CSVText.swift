import InstrumentNetwork

/// Writes RFC 4180 CSV. Text that a spreadsheet would run as a formula
/// (starting with =, +, -, @, tab or CR) is prefixed with ' (OWASP CSV injection).
public enum CSVText {
  /// The byte order mark that makes spreadsheet programs read UTF-8 (for files).
  public static let byteOrderMark = "\u{FEFF}"

  public static func line(_ cells: [Cell]) -> String {
    cells.map(field).joined(separator: ",") + "\r\n"
  }

  public static func header(_ keys: [String]) -> String {
    line(keys.map(Cell.text))
  }

  static func field(_ cell: Cell) -> String {
    switch cell {
    case .text(let text): return quoted(neutralised(text))
    case .number(let number): return String(number)
    case .money(let money): return money.yuanText
    case .flag(let flag): return flag ? "true" : "false"
    case .list(let items): return quoted(neutralised(items.joined(separator: ";")))
    case .hours, .share: return cell.machineText ?? ""
    case .none: return ""
    }
  }

  static func neutralised(_ text: String) -> String {
    guard let first = text.unicodeScalars.first else { return text }
    return "=+-@\t\r".unicodeScalars.contains(first) ? "'" + text : text
  }

  static func quoted(_ text: String) -> String {
    let needsQuotes = text.utf8.contains {
      $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n")
        || $0 == UInt8(ascii: "\r")
    }
    guard needsQuotes else { return text }
    var result = "\""
    for character in text {
      if character == "\"" { result += "\"\"" } else { result.append(character) }
    }
    return result + "\""
  }
}
