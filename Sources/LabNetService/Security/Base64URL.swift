/// base64url without padding (RFC 4648 §5).
public enum Base64URL {
  static let alphabet = Array(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

  public static func encode(_ bytes: [UInt8]) -> String {
    var out: [UInt8] = []
    var index = 0
    while index < bytes.count {
      let chunk = bytes[index..<min(index + 3, bytes.count)]
      var value: UInt32 = 0
      for byte in chunk { value = value << 8 | UInt32(byte) }
      value <<= UInt32(8 * (3 - chunk.count))
      for position in 0..<(chunk.count + 1) {
        out.append(alphabet[Int(value >> UInt32(18 - 6 * position) & 63)])
      }
      index += 3
    }
    return String(decoding: out, as: UTF8.self)
  }

  public static func decode(_ text: String) -> [UInt8]? {
    var value: UInt32 = 0
    var bits = 0
    var out: [UInt8] = []
    guard text.utf8.count <= 256 else { return nil }
    for character in text.utf8 {
      guard let digit = alphabet.firstIndex(of: character) else { return nil }
      value = value << 6 | UInt32(digit)
      bits += 6
      if bits >= 8 {
        bits -= 8
        out.append(UInt8(truncatingIfNeeded: value >> UInt32(bits)))
      }
    }
    return out
  }
}
