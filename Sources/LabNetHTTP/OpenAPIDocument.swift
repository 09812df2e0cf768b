import Hummingbird

extension API {
  /// GET /openapi.json: the API's OpenAPI 3.1 document (being written).
  func addDocumentRoutes(to router: Router<BasicRequestContext>) {}
}
