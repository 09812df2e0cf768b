import Foundation
import InstrumentNetwork

/// A fixed number of store connections shared by many callers: one for a
/// CLI command, N for the server. A caller holds a connection for one use
/// case; when all are busy the next caller waits. A connection that lost
/// its server is dropped and a new one opened on the next checkout.
public final class StorePool: @unchecked Sendable {
  public let location: StoreLocation
  /// The most connections open at once.
  public let size: Int
  private let creating: Bool
  private let condition = NSCondition()
  private var idle: [NetworkStore] = []
  private var open = 0

  /// A pool of at most `size` connections to `location`; `creating` lets the
  /// first connection make a missing SQLite file (`init`) and skips the
  /// schema check.
  public init(location: StoreLocation, size: Int = 1, creating: Bool = false) {
    self.location = location
    self.size = max(1, size)
    self.creating = creating
  }

  /// Runs `body` on a connection of its own, returned to the pool afterwards.
  public func withStore<T>(_ body: (NetworkStore) throws -> T) throws -> T {
    let store = try checkOut()
    do {
      let result = try body(store)
      checkIn(store, healthy: true)
      return result
    } catch {
      checkIn(store, healthy: (error as? DatabaseError)?.kind != .unavailable)
      throw error
    }
  }

  private func checkOut() throws -> NetworkStore {
    condition.lock()
    while idle.isEmpty && open >= size { condition.wait() }
    if let store = idle.popLast() {
      condition.unlock()
      return store
    }
    open += 1
    condition.unlock()
    do {
      return try NetworkStore.open(location, creating: creating)
    } catch {
      condition.lock()
      open -= 1
      condition.signal()
      condition.unlock()
      throw error
    }
  }

  private func checkIn(_ store: NetworkStore, healthy: Bool) {
    condition.lock()
    if healthy { idle.append(store) } else { open -= 1 }
    condition.signal()
    condition.unlock()
  }
}
