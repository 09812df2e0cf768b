import Foundation
import HTTPTypes
import Hummingbird
import LabNetPresentation
import LabNetService
import NIOCore

extension HTTPField.Name {
  // Both are valid field names: the initializer cannot fail on them.
  // swift-format-ignore: NeverForceUnwrap
  static let idempotencyKey = Self("Idempotency-Key")!
  // swift-format-ignore: NeverForceUnwrap
  static let idempotentReplayed = Self("Idempotent-Replayed")!
}

extension API {
  /// The work of a POST that creates something, and the text of its answer,
  /// run on the store's threads.
  typealias Creating = @Sendable (NetworkService, Principal) throws -> CreatedReply

  /// Answers a POST that creates something (a booking, a voucher, a
  /// redemption, an import, an instrument, an account). `prepare` reads the
  /// request and returns the work; with an `Idempotency-Key` header the work
  /// runs at most once for that key and person, and a retry gets the first
  /// answer (with `Idempotent-Replayed: true`).
  func creating(
    _ request: Request, bodyLimit: Int = API.bodyLimit, idempotent: Bool = true,
    _ prepare: @escaping (Request, Principal) async throws -> Creating
  ) async -> Response {
    await respond(request) { principal in
      var request = request
      // Work that writes nothing (a dry run) needs no key: it is simply done again.
      if let given = request.headers[.idempotencyKey] {
        try NetworkService.checkIdempotencyKey(given)
      }
      let key = idempotent ? request.headers[.idempotencyKey] : nil
      var identity: [UInt8] = []
      if key != nil {
        let body: ByteBuffer
        do {
          body = try await request.collectBody(upTo: bodyLimit)
        } catch is NIOTooManyBytesError {
          throw APIError(
            .contentTooLarge, code: "too_large", "the body is over \(bodyLimit >> 20) MiB")
        }
        identity = Array("\(request.method) \(request.uri.path)?\(request.uri.query ?? "")\n".utf8)
        identity += body.readableBytesView
      }
      let work = try await prepare(request, principal)
      let reply = try await run { [identity] service in
        try service.once(key: key, request: identity, as: principal) { try work($0, principal) }
      }
      var response = Self.json(reply.body, status: HTTPResponse.Status(code: reply.status))
      if reply.replayed { response.headers[.idempotentReplayed] = "true" }
      return response
    }
  }

  /// A record's JSON, as the answer of a creation.
  static func created(_ record: [Field], status: Int = 201) -> CreatedReply {
    CreatedReply(status: status, body: Renderer(format: .json).text(of: record))
  }
}

/// Fields of JSON bodies beyond API.swift's text and integer.
extension API {
  /// JSON's true and false, which Foundation hands over as one class of
  /// NSNumber (every number also casts to Bool, so a cast cannot tell).
  static func isJSONBool(_ value: Any) -> Bool {
    type(of: value) == jsonBoolType
  }
  private static let jsonBoolType = type(of: NSNumber(value: true))

  static func flag(_ object: [String: Any], _ key: String) throws -> Bool? {
    guard let value = object[key], !(value is NSNull) else { return nil }
    guard isJSONBool(value), let flag = value as? Bool else {
      throw APIError(.badRequest, code: "wrong_type", "\"\(key)\" must be true or false")
    }
    return flag
  }

  /// An optional whole number of a JSON body.
  static func optionalInteger(_ object: [String: Any], _ key: String) throws -> Int64? {
    guard let value = object[key], !(value is NSNull) else { return nil }
    return try integer(object, key)
  }
}
