import InstrumentNetwork

/// Writes JSON text with keys in the order given, so output is stable.
public enum JSONText {
  static func string(_ text: String) -> String {
    var output = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
        let hex = String(scalar.value, radix: 16)
        output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: output.unicodeScalars.append(scalar)
      }
    }
    return output + "\""
  }

  public static func value(_ cell: Cell) -> String {
    switch cell {
    case .text(let text): return string(text)
    case .number(let number): return String(number)
    case .money(let money): return string(money.yuanText)
    case .flag(let flag): return flag ? "true" : "false"
    case .list(let items): return "[" + items.map(string).joined(separator: ", ") + "]"
    case .hours, .share: return string(cell.machineText ?? "")
    case .none: return "null"
    }
  }

  public static func object(_ fields: [(key: String, json: String)], indent: Int = 0) -> String {
    guard !fields.isEmpty else { return "{}" }
    let inner = String(repeating: " ", count: indent + 2)
    let lines = fields.map { inner + string($0.key) + ": " + $0.json }
    return "{\n" + lines.joined(separator: ",\n") + "\n" + String(repeating: " ", count: indent)
      + "}"
  }

  public static func array(_ items: [String], indent: Int = 0) -> String {
    guard !items.isEmpty else { return "[]" }
    let inner = String(repeating: " ", count: indent + 2)
    return "[\n" + items.map { inner + $0 }.joined(separator: ",\n") + "\n"
      + String(repeating: " ", count: indent) + "]"
  }

  public static func record(_ fields: [Field], indent: Int = 0) -> String {
    object(fields.map { ($0.key, value($0.value)) }, indent: indent)
  }
}
