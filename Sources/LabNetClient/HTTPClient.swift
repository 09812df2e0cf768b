import Foundation
import InstrumentNetwork

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// One answer of the server.
struct HTTPReply: Sendable {
  var status: Int
  var headers: [String: String]
  var body: Data

  /// The body as one JSON object.
  func object() throws -> JSONRecord {
    guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
      throw LabNetError.storeUnavailable("the server answered something that is not a JSON object")
    }
    return JSONRecord(object)
  }
}

/// Requests to one labnet server, one at a time, waiting for each answer.
final class HTTPClient: @unchecked Sendable {
  let server: String
  let token: String?
  private let session: URLSession

  init(server: String, token: String?) {
    self.server = server
    self.token = token
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = 60
    configuration.httpShouldSetCookies = false
    session = URLSession(configuration: configuration)
  }

  /// Sends a request and returns a 2xx answer, or throws the server's
  /// refusal as the domain error it stands for.
  func send(
    _ method: String, _ path: String, query: [(String, String?)] = [], json: [String: Any]? = nil,
    body: Data? = nil, type: String? = nil, idempotencyKey: String? = nil
  ) throws -> HTTPReply {
    var components = URLComponents(string: server + "/api/v1" + path)
    let items = query.compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) }
    }
    if !items.isEmpty {
      components?.percentEncodedQuery = items.map {
        "\(Self.encoded($0.name))=\(Self.encoded($0.value ?? ""))"
      }.joined(separator: "&")
    }
    guard let url = components?.url else {
      throw LabNetError.invalidData(
        "\(server) is not a server address like https://labnet.example.cn")
    }
    var request = URLRequest(url: url)
    request.httpMethod = method
    if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
    if let json {
      request.httpBody = try JSONSerialization.data(withJSONObject: json)
      request.setValue("application/json", forHTTPHeaderField: "Content-Type")
    } else if let body {
      request.httpBody = body
      request.setValue(type, forHTTPHeaderField: "Content-Type")
    }
    if let idempotencyKey {
      request.setValue(idempotencyKey, forHTTPHeaderField: "Idempotency-Key")
    }
    let reply = try exchange(request)
    guard (200..<300).contains(reply.status) else { throw Self.refusal(reply, server: server) }
    return reply
  }

  private func exchange(_ request: URLRequest) throws -> HTTPReply {
    final class Box: @unchecked Sendable {
      var reply: HTTPReply?
      var error: (any Error)?
    }
    let box = Box()
    let done = DispatchSemaphore(value: 0)
    let task = session.dataTask(with: request) { data, response, error in
      if let response = response as? HTTPURLResponse {
        var headers: [String: String] = [:]
        for (name, value) in response.allHeaderFields {
          headers[String(describing: name).lowercased()] = String(describing: value)
        }
        box.reply = HTTPReply(status: response.statusCode, headers: headers, body: data ?? Data())
      }
      box.error = error
      done.signal()
    }
    task.resume()
    done.wait()
    guard let reply = box.reply else {
      throw LabNetError.storeUnavailable(
        "cannot reach the labnet server at \(server): \(box.error.map { $0.localizedDescription } ?? "no answer")",
        code: "server_unreachable")
    }
    return reply
  }

  /// The domain error an API error answer stands for: the same code and
  /// message, and the kind whose exit code matches the status.
  static func refusal(_ reply: HTTPReply, server: String) -> LabNetError {
    let object = try? JSONSerialization.jsonObject(with: reply.body) as? [String: Any]
    let error = object?["error"] as? [String: Any]
    let code = error?["code"] as? String
    let message =
      error?["message"] as? String
      ?? "the server at \(server) answered \(reply.status) without an explanation"
    switch reply.status {
    case 400, 413, 415: return .invalidData(message, code: code)
    case 401:
      return .permission(message, code: code ?? "not_signed_in", hint: .signIn(server: server))
    case 403: return .permission(message, code: code)
    case 404: return .notFound(message, code: code)
    case 409, 429: return .refused(message, code: code)
    case 503 where reply.headers["retry-after"] != nil: return .busy(message, code: code)
    default: return .storeUnavailable(message, code: code)
    }
  }

  /// Percent-encodes a query component (a `+` would read as a space).
  static func encoded(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
  }
}
