import Foundation
import InstrumentNetwork

/// A JSON object the server answered, read field by field into domain
/// values; a missing or malformed field is the server's fault, said so.
struct JSONRecord {
  let object: [String: Any]

  init(_ object: [String: Any]) { self.object = object }

  func missing(_ key: String) -> LabNetError {
    .storeUnavailable(
      "the server's answer lacks a readable \"\(key)\"; is it a labnet server of this version?")
  }

  func has(_ key: String) -> Bool {
    object[key] != nil && !(object[key] is NSNull)
  }

  func text(_ key: String) throws -> String {
    guard let value = object[key] as? String else { throw missing(key) }
    return value
  }

  func optionalText(_ key: String) -> String? { object[key] as? String }

  func integer(_ key: String) throws -> Int64 {
    guard let value = object[key] as? NSNumber else { throw missing(key) }
    return value.int64Value
  }

  func optionalInteger(_ key: String) -> Int64? { (object[key] as? NSNumber)?.int64Value }

  func int(_ key: String) throws -> Int { Int(try integer(key)) }

  func flag(_ key: String) throws -> Bool {
    guard let value = object[key] as? Bool else { throw missing(key) }
    return value
  }

  /// Yuan with two decimals; a ledger's amounts may be negative.
  func money(_ key: String) throws -> Money {
    let text = try text(key)
    do {
      if text.hasPrefix("-") { return Money(fen: -(try Money(yuan: String(text.dropFirst()))).fen) }
      return try Money(yuan: text)
    } catch { throw missing(key) }
  }

  func optionalMoney(_ key: String) throws -> Money? {
    has(key) ? try money(key) : nil
  }

  func instant(_ key: String) throws -> Instant {
    do { return try Instant(parsing: try text(key)) } catch { throw missing(key) }
  }

  func optionalInstant(_ key: String) throws -> Instant? {
    has(key) ? try instant(key) : nil
  }

  func texts(_ key: String) throws -> [String] {
    guard let values = object[key] as? [Any] else { throw missing(key) }
    return values.compactMap { $0 as? String }
  }

  func records(_ key: String) throws -> [JSONRecord] {
    guard let values = object[key] as? [Any] else { throw missing(key) }
    return values.compactMap { ($0 as? [String: Any]).map(JSONRecord.init) }
  }

  func record(_ key: String) throws -> JSONRecord {
    guard let value = object[key] as? [String: Any] else { throw missing(key) }
    return JSONRecord(value)
  }

  /// A value the domain parses from text (a province, a status, a category).
  func parsed<T>(_ key: String, _ parse: (String) throws(LabNetError) -> T) throws -> T {
    do { return try parse(try text(key)) } catch { throw missing(key) }
  }
}
