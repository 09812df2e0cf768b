/// Terminal columns a string takes: East Asian wide characters (汉字, 全角)
/// take two, combining marks none. Tables pad by this, not by character count.
func displayWidth(of text: String) -> Int {
  var width = 0
  for scalar in text.unicodeScalars { width += displayWidth(of: scalar) }
  return width
}

func displayWidth(of scalar: Unicode.Scalar) -> Int {
  let value = scalar.value
  if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
  if value < 0x300 { return 1 }
  switch scalar.properties.generalCategory {
  case .nonspacingMark, .enclosingMark, .format: return 0
  default: break
  }
  return wideRanges.contains { $0.contains(value) } ? 2 : 1
}

private let wideRanges: [ClosedRange<UInt32>] = [
  0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
  0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
  0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD,
]

/// `text` cut to at most `limit` columns, with "…" where it was cut.
func truncated(_ text: String, toWidth limit: Int) -> String {
  guard displayWidth(of: text) > limit else { return text }
  var result = ""
  var width = 0
  for character in text {
    let characterWidth = displayWidth(of: String(character))
    if width + characterWidth > limit - 1 { break }
    result.append(character)
    width += characterWidth
  }
  return result + "…"
}

/// `text` padded with spaces to `width` columns, on the right or the left.
func padded(_ text: String, toWidth width: Int, right: Bool = false) -> String {
  let padding = String(repeating: " ", count: max(0, width - displayWidth(of: text)))
  return right ? padding + text : text + padding
}
