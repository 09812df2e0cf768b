import Foundation
import Hummingbird
import LabNetService
import NIOCore

/// What a streamed export's producer says: it may write now, or here is text.
enum StreamEvent: Sendable {
  case started
  case text(String)
}

/// The producer's side of a streamed answer: it hands over a chunk, then
/// waits (on its store thread) until the client took it, so memory holds
/// one chunk whatever the export's size. The consumer never blocks a thread.
final class ChunkGate: @unchecked Sendable {
  private let taken = DispatchSemaphore(value: 0)
  private let lock = NSLock()
  private var consumerGone = false

  /// Waits until the last chunk was written; throws once the client went
  /// away, or after a minute without progress (a body never read).
  func waitTaken() throws {
    if taken.wait(timeout: .now() + 60) == .timedOut { throw CancellationError() }
    lock.lock()
    defer { lock.unlock() }
    if consumerGone { throw CancellationError() }
  }

  func markTaken() { taken.signal() }

  /// The client went away: the producer stops at its next chunk.
  func abandon() {
    lock.lock()
    consumerGone = true
    lock.unlock()
    taken.signal()
  }
}

/// The stream's iterator, handed from the route to the body writer.
final class EventSource: @unchecked Sendable {
  var iterator: AsyncThrowingStream<StreamEvent, any Error>.AsyncIterator
  init(_ stream: AsyncThrowingStream<StreamEvent, any Error>) {
    iterator = stream.makeAsyncIterator()
  }
}

extension API {
  /// Streams what `produce` writes (on a store thread) as the body of a
  /// 200 answer of `type`, in chunks of about 64 KiB. A refusal before the
  /// producer calls `begin` is an ordinary error answer: no byte has gone.
  func streamed(
    type: String,
    _ produce:
      @escaping @Sendable (
        NetworkService, _ begin: () -> Void, _ write: (String) throws -> Void
      ) throws -> Void
  ) async throws -> Response {
    let (stream, continuation) = AsyncThrowingStream<StreamEvent, any Error>.makeStream()
    let gate = ChunkGate()
    let service = self.service
    let threads = self.threads
    Task {
      do {
        try await threads.run {
          var pending = ""
          try produce(service, { continuation.yield(.started) }) { text in
            pending += text
            if pending.utf8.count >= 1 << 16 {
              continuation.yield(.text(pending))
              pending = ""
              try gate.waitTaken()
            }
          }
          if !pending.isEmpty {
            continuation.yield(.text(pending))
            try gate.waitTaken()
          }
        }
        continuation.finish()
      } catch {
        continuation.finish(throwing: error)
      }
    }
    let source = EventSource(stream)
    guard case .started = try await source.iterator.next() else {
      throw APIError(.internalServerError, code: "internal", "the export ended before it began")
    }
    return Response(
      status: .ok, headers: [.contentType: type],
      body: ResponseBody { writer in
        do {
          while let event = try await source.iterator.next() {
            if case .text(let text) = event {
              try await writer.write(ByteBuffer(string: text))
              gate.markTaken()
            }
          }
          try await writer.finish(nil)
        } catch {
          gate.abandon()
          throw error
        }
      })
  }
}
