import Foundation

/// Threads of its own for the store's blocking C calls (libsqlite3, libpq),
/// so a server never blocks the Swift concurrency pool, which has only as
/// many threads as cores.
public final class BlockingThreadPool: @unchecked Sendable {
  private let condition = NSCondition()
  private var jobs: [() -> Void] = []
  private var threads: [Thread] = []
  private var stopping = false

  /// Starts `count` threads.
  public init(threads count: Int) {
    for index in 0..<max(1, count) {
      let thread = Thread { [unowned self] in self.work() }
      thread.name = "labnet-store-\(index)"
      threads.append(thread)
      thread.start()
    }
  }

  /// Runs `body` on one of the pool's threads and resumes with its result.
  public func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
      enqueue {
        continuation.resume(with: Result { try body() })
      }
    }
  }

  /// Lets the threads finish the queued jobs and end.
  public func shutdown() {
    condition.lock()
    stopping = true
    condition.broadcast()
    condition.unlock()
  }

  private func enqueue(_ job: @escaping () -> Void) {
    condition.lock()
    jobs.append(job)
    condition.signal()
    condition.unlock()
  }

  private func work() {
    while true {
      condition.lock()
      while jobs.isEmpty && !stopping { condition.wait() }
      if jobs.isEmpty {
        condition.unlock()
        return
      }
      let job = jobs.removeFirst()
      condition.unlock()
      job()
    }
  }
}
