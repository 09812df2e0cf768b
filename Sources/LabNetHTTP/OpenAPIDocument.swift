import Hummingbird
import NIOCore

extension API {
  /// The OpenAPI 3.1 document of the JSON API: Sources/LabNetHTTP/openapi.json,
  /// embedded in the binary at build time by the EmbedFiles plugin.
  static let openAPIDocument = ByteBuffer(string: embeddedFiles["openapi.json"] ?? "{}")

  /// GET /openapi.json: the API's OpenAPI 3.1 document.
  func addDocumentRoutes(to router: Router<BasicRequestContext>) {
    router.get("/openapi.json") { _, _ in
      Response(
        status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
        body: .init(byteBuffer: Self.openAPIDocument))
    }
  }
}
