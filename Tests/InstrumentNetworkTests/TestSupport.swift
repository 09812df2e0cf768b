import Foundation
import InstrumentNetwork

/// The message of the `.invalidData` error `body` throws, or nil if it succeeds or throws another case.
func invalidDataMessage<Value>(_ body: () throws(LabNetError) -> Value) -> String? {
  do {
    _ = try body()
    return nil
  } catch {
    if error.kind == .invalidData { return error.message }
    return nil
  }
}

/// The JSON text of `value`, with sorted keys.
func jsonText<Value: Encodable>(_ value: Value) throws -> String {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
  return String(decoding: try encoder.encode(value), as: UTF8.self)
}

/// The value decoded from the JSON `text`.
func decodeJSON<Value: Decodable>(_ type: Value.Type, _ text: String) throws -> Value {
  try JSONDecoder().decode(type, from: Data(text.utf8))
}
