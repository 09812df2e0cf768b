import Hummingbird
import InstrumentNetwork
import LabNetPresentation

/// A domain error as the API answers it: the status matching the CLI's exit
/// code (server.md), and `{"error":{"code","message"}}` with the same words.
struct APIError: Error {
  var status: HTTPResponse.Status
  var code: String
  var message: String
  var retryAfter: Int64?

  init(_ status: HTTPResponse.Status, code: String, _ message: String, retryAfter: Int64? = nil) {
    self.status = status
    self.code = code
    self.message = message
    self.retryAfter = retryAfter
  }

  /// The answer to `error`, whatever it is; `signedIn` tells 401 from 403.
  init(_ error: any Error, signedIn: Bool) {
    if let error = error as? APIError {
      self = error
      return
    }
    guard let error = error as? LabNetError else {
      self.init(.internalServerError, code: "internal", "the server failed: \(error)")
      return
    }
    if error.code == "too_many_attempts" {
      self.init(
        .tooManyRequests, code: error.code, error.message,
        retryAfter: error.retryAfterSeconds ?? 900)
      return
    }
    switch error.kind {
    case .invalidData: self.init(.badRequest, code: error.code, error.message)
    case .notFound: self.init(.notFound, code: error.code, error.message)
    case .refused: self.init(.conflict, code: error.code, error.message)
    case .storeUnavailable: self.init(.serviceUnavailable, code: error.code, error.message)
    case .busy: self.init(.serviceUnavailable, code: error.code, error.message, retryAfter: 1)
    case .permission:
      // A failed sign-in or an ended session is 401 even with another session in hand.
      let unauthenticated = !signedIn || ["bad_credentials", "not_signed_in"].contains(error.code)
      self.init(unauthenticated ? .unauthorized : .forbidden, code: error.code, error.message)
    case .outputFailed: self.init(.internalServerError, code: error.code, error.message)
    }
  }

  var response: Response {
    var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
    if let retryAfter { headers[.retryAfter] = String(retryAfter) }
    let body = JSONText.object([
      (
        "error",
        JSONText.object([
          ("code", JSONText.value(.text(code))), ("message", JSONText.value(.text(message))),
        ])
      )
    ])
    return Response(
      status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body + "\n")))
  }
}
