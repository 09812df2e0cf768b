import Hummingbird
import LabNetPresentation
import LabNetService

/// Lists come in pages: `{"items": [...], "next_cursor": "…"|null}`. A
/// cursor is the key of a page's last item (an id, or a booking's start and
/// id), opaque to clients: the next page is what comes after it, so rows
/// added or removed meanwhile never shift a page.
enum Cursor {
  /// The cursor after an item whose key is `parts`.
  static func text(_ parts: [Int64]) -> String {
    let plain = parts.map(String.init).joined(separator: ".")
    return Base64URL.encode(Array(plain.utf8))
  }

  /// The key a request's `cursor` names, `count` numbers long, if it has one.
  static func key(of request: Request, count: Int) throws -> [Int64]? {
    guard let text = API.query(request, "cursor") else { return nil }
    guard let bytes = Base64URL.decode(text),
      let parts = Optional(String(decoding: bytes, as: UTF8.self).split(separator: ".")),
      parts.count == count
    else {
      throw APIError(
        .badRequest, code: "invalid_cursor",
        "cursor must be a next_cursor this API returned; got \"\(text.prefix(64))\"")
    }
    let numbers = parts.compactMap { Int64($0) }
    guard numbers.count == count else {
      throw APIError(
        .badRequest, code: "invalid_cursor", "cursor must be a next_cursor this API returned")
    }
    return numbers
  }
}

extension API {
  /// One page of `rows` (fetched with one more than `limit`, to know whether
  /// another page follows), `key` giving the cursor of a row.
  static func page<Row>(
    _ rows: [Row], limit: Int, columns: [(key: String, title: String)],
    cells: (Row) -> [Cell], key: (Row) -> [Int64], total: Int? = nil
  ) -> Response {
    let shown = rows.prefix(limit)
    let next = rows.count > limit ? shown.last.map { Cursor.text(key($0)) } : nil
    return page(Listing(columns: columns, rows: shown.map(cells)), nextCursor: next, total: total)
  }

  /// One page of an in-memory list ordered by `id`: the rows after the
  /// request's cursor, at most its limit.
  static func page<Row>(
    _ rows: [Row], of request: Request, columns: [(key: String, title: String)],
    cells: (Row) -> [Cell], id: (Row) -> Int64
  ) throws -> Response {
    let limit = try limit(request)
    let after = try Cursor.key(of: request, count: 1)?[0] ?? Int64.min
    let sorted = rows.sorted { id($0) < id($1) }.filter { id($0) > after }
    return page(
      Array(sorted.prefix(limit + 1)), limit: limit, columns: columns, cells: cells,
      key: { [id($0)] })
  }

  /// `total`, when asked for (`count=true`), is how many the whole list holds.
  static func page(_ listing: Listing, nextCursor: String?, total: Int? = nil) -> Response {
    let items = Renderer(format: .json).text(of: listing).trimmingCharacters(
      in: .whitespacesAndNewlines)
    let cursor = nextCursor.map { JSONText.value(.text($0)) } ?? "null"
    let counted = total.map { ", \"total\": \($0)" } ?? ""
    return json("{\"items\": \(items), \"next_cursor\": \(cursor)\(counted)}")
  }
}
