import Foundation
import Hummingbird
import InstrumentNetwork
import LabNetPresentation
import LabNetService
import NIOCore

/// What every route needs: the service, the threads its blocking calls run
/// on, and the answer for who is asking.
struct API: Sendable {
  let service: NetworkService
  let threads: BlockingThreadPool
  /// The most a JSON body may hold (1 MiB); imports take more.
  static let bodyLimit = 1 << 20

  /// Runs a use case off the event loop, on the store's own threads.
  func run<T: Sendable>(_ body: @escaping @Sendable (NetworkService) throws -> T) async throws -> T
  {
    try await service.perform(on: threads, body)
  }

  /// The session token a request carries: `Authorization: Bearer …`, else
  /// the `labnet_session` cookie.
  static func token(of request: Request) -> String? {
    if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
      return String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
    }
    return request.cookies["labnet_session"]?.value
  }

  /// Who asks: the session's account, or nobody. A token that is not a
  /// valid session is refused (401), never taken as nobody.
  func principal(of request: Request) async throws -> Principal {
    guard let token = Self.token(of: request), !token.isEmpty else { return .anonymous }
    return try await run { try $0.principal(forToken: token) }
  }

  /// Answers `body`'s result, or the error as the API words it.
  func respond(
    _ request: Request, _ body: (Principal) async throws -> Response
  ) async -> Response {
    var principal = Principal.anonymous
    do {
      principal = try await self.principal(of: request)
      return try await body(principal)
    } catch {
      return APIError(error, signedIn: principal != .anonymous).response
    }
  }

  /// JSON `text` with `status`.
  static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(
      status: status, headers: [.contentType: "application/json; charset=utf-8"],
      body: .init(byteBuffer: ByteBuffer(string: text.hasSuffix("\n") ? text : text + "\n")))
  }

  /// A record as the CLI's `--format json` prints it.
  static func json(_ record: [Field], status: HTTPResponse.Status = .ok) -> Response {
    json(Renderer(format: .json).text(of: record), status: status)
  }

  /// A list: `{"items": [...], "next_cursor": null}`, items as the CLI prints them.
  static func json(_ listing: Listing) -> Response {
    let items = Renderer(format: .json).text(of: listing).trimmingCharacters(
      in: .whitespacesAndNewlines)
    return json("{\"items\": \(items), \"next_cursor\": null}")
  }

  // MARK: Reading requests

  /// The JSON object of a request's body, refusing a wrong content type
  /// (415), a body over the limit (413), malformed JSON or fields not in
  /// `allowed` (400).
  static func object(of request: Request, allowed: Set<String>) async throws -> [String: Any] {
    let type = request.headers[.contentType]?.lowercased() ?? ""
    guard type.hasPrefix("application/json") else {
      throw APIError(
        .unsupportedMediaType, code: "unsupported_media_type",
        "send the body as application/json")
    }
    let buffer: ByteBuffer
    do {
      buffer = try await request.body.collect(upTo: bodyLimit)
    } catch is NIOTooManyBytesError {
      throw APIError(.contentTooLarge, code: "too_large", "the body is over 1 MiB")
    }
    let data = Data(buffer.readableBytesView)
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw APIError(.badRequest, code: "malformed_json", "the body must be one JSON object")
    }
    if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
      throw APIError(
        .badRequest, code: "unknown_field",
        "unknown field \"\(unknown)\"; this takes " + allowed.sorted().joined(separator: ", "))
    }
    return object
  }

  /// A text field of a JSON body.
  static func text(_ object: [String: Any], _ key: String, required: Bool = true) throws -> String?
  {
    guard let value = object[key], !(value is NSNull) else {
      if required { throw APIError(.badRequest, code: "missing_field", "\"\(key)\" is required") }
      return nil
    }
    guard let text = value as? String else {
      throw APIError(.badRequest, code: "wrong_type", "\"\(key)\" must be a string")
    }
    return text
  }

  /// An integer field of a JSON body. JSONSerialization gives every number
  /// and `true`/`false` as NSNumber, and on Linux `1 is Bool` holds: the
  /// number's own type tells a boolean (`c`) from 1, a fraction from 2.0.
  static func integer(_ object: [String: Any], _ key: String) throws -> Int64 {
    let wrongType = APIError(
      .badRequest, code: "wrong_type", "\"\(key)\" must be a whole number")
    guard let number = object[key] as? NSNumber else { throw wrongType }
    let whole: Int64?
    switch String(cString: number.objCType) {
    case "c", "B": whole = nil
    case "d", "f": whole = Int64(exactly: number.doubleValue)
    case "Q", "L", "I", "S", "C": whole = Int64(exactly: number.uint64Value)
    default: whole = number.int64Value
    }
    guard let whole else { throw wrongType }
    return whole
  }

  /// A query parameter, if given (the first of that name). Read as forms and
  /// browsers write it: `+` is a space, so a literal plus is `%2B`.
  static func query(_ request: Request, _ key: String) -> String? {
    guard let query = request.uri.query else { return nil }
    for pair in query.split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      if formDecoded(parts[0]) == key { return parts.count == 2 ? formDecoded(parts[1]) : "" }
    }
    return nil
  }

  /// A query string's name or value: `+` as a space, then percent-decoded
  /// (left as it is when that fails).
  static func formDecoded(_ text: Substring) -> String {
    let spaced = text.replacingOccurrences(of: "+", with: " ")
    return spaced.removingPercentEncoding ?? spaced
  }

  /// An id in the path.
  static func id(_ context: some RequestContext, _ name: String = "id") throws -> Int64 {
    guard let id = context.parameters.get(name, as: Int64.self), id > 0 else {
      throw APIError(
        .badRequest, code: "invalid_id", "the \(name) in the path must be a positive whole number")
    }
    return id
  }
}
