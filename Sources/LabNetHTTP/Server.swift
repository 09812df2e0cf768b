import Foundation
import Hummingbird
import InstrumentNetwork
import LabNetService
import Logging

/// `labnet serve`: the network as an HTTP service over the same use cases
/// the CLI calls.
public struct LabNetServer: Sendable {
  public var service: NetworkService
  public var host: String
  public var port: Int
  /// Threads for the store's blocking calls, one per pooled connection.
  public var workers: Int

  public init(service: NetworkService, host: String, port: Int, workers: Int) {
    self.service = service
    self.host = host
    self.port = port
    self.workers = workers
  }

  /// Serves until SIGINT or SIGTERM, then stops accepting, finishes the
  /// requests in flight and returns. `ready` gets the URL once listening.
  public func run(ready: @escaping @Sendable (String) -> Void) async throws {
    let threads = BlockingThreadPool(threads: workers)
    defer { threads.shutdown() }
    let api = API(service: service, threads: threads)
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: AccessLog())
    router.add(middleware: SecurityHeaders())
    api.addRoutes(to: router)
    Pages(api: api).addRoutes(to: router)
    var logger = Logger(label: "labnet")
    logger.logLevel = .warning
    let host = self.host
    let app = Application(
      router: router,
      configuration: .init(address: .hostname(host, port: port), serverName: "labnet"),
      onServerRunning: { channel in
        ready("http://\(host):\(channel.localAddress?.port ?? 0)")
      },
      logger: logger)
    try await app.runService()
  }
}

/// One line per request on stderr: method, path (no query: it may hold
/// secrets), status, milliseconds.
struct AccessLog<Context: RequestContext>: RouterMiddleware {
  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    let started = ContinuousClock.now
    let response = try await next(request, context)
    let elapsed = ContinuousClock.now - started
    let milliseconds =
      Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15
    let line =
      "\(request.method) \(request.uri.path) \(response.status.code) \(String(format: "%.1f", milliseconds))ms\n"
    FileHandle.standardError.write(Data(line.utf8))
    return response
  }
}
