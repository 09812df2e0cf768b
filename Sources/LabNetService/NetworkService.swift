import InstrumentNetwork
import NetworkStore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a front end calls: one method per use case, each taking the
/// principal who asks and a typed request. The service is the only place
/// that loads the acting account, asks the domain whether it may, opens the
/// transaction (retrying it, whole, while the store is busy) and returns
/// the result. Safe to call from many threads at once: each call takes a
/// connection of its own from the pool.
///
/// ```swift
/// let service = NetworkService(pool: StorePool(location: location))
/// let booking = try service.book(BookingRequest(...), as: .storeHolder(claimedLogin: "wang"))
/// ```
public final class NetworkService: Sendable {
  public let pool: StorePool
  /// The clock the rules read; tests and rehearsals fix it.
  public let clock: @Sendable () -> Instant
  /// How many times a write transaction is tried when the store is busy.
  public let writeAttempts: Int
  /// Session lifetimes and the sign-in lockout.
  public let signInPolicy: SignInPolicy

  public init(
    pool: StorePool, clock: @escaping @Sendable () -> Instant = { Instant.now() },
    writeAttempts: Int = 4, signInPolicy: SignInPolicy = SignInPolicy()
  ) {
    self.pool = pool
    self.clock = clock
    self.writeAttempts = writeAttempts
    self.signInPolicy = signInPolicy
  }

  /// Where the store lives, for messages.
  public var location: StoreLocation { pool.location }

  /// The moment the rules read as now.
  public var now: Instant { clock() }

  // MARK: Running use cases

  /// Runs a read on a connection of its own; failures become domain errors.
  func read<T>(_ body: (NetworkStore) throws -> T) throws -> T {
    if let enclosing = Self.enclosing { return try explaining { try body(enclosing.store) } }
    return try explaining {
      try pool.withStore { store in
        store.now = clock
        return try body(store)
      }
    }
  }

  /// Runs `body` as one write transaction, trying it again from the start
  /// while the store is busy (SQLite's lock, PostgreSQL's serialization
  /// failures and deadlocks). `body` must be safe to run again: it rebuilds
  /// everything it reads (an import reopens its file).
  /// With `committing` false it always rolls back (a dry run).
  ///
  /// A use case called inside another's write (see `once`) joins that
  /// transaction: the outer one commits it, or retries it, whole.
  func write<T>(committing: Bool = true, _ body: (NetworkStore) throws -> T) throws -> T {
    if let enclosing = Self.enclosing, committing {
      return try explaining { try body(enclosing.store) }
    }
    return try explaining {
      try pool.withStore { store in
        store.now = clock
        var attempt = 1
        while true {
          do {
            return try store.transaction(committing: committing) {
              try Self.$enclosing.withValue(EnclosingStore(store)) { try body(store) }
            }
          } catch  where NetworkStore.isTransient(error) {
            guard attempt < writeAttempts else {
              throw LabNetError.busy(
                "the store at \(location) stayed busy after \(attempt) tries; try again in a moment"
              )
            }
            usleep(UInt32(20_000 * attempt * attempt))
            attempt += 1
          }
        }
      }
    }
  }

  /// The store of the write transaction the current call runs inside.
  @TaskLocal static var enclosing: EnclosingStore?

  /// Runs `body`, turning whatever it throws into the domain error a person sees.
  func explaining<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch {
      throw NetworkStore.explain(error, location: location)
    }
  }

  // MARK: Who is acting

  /// The account `principal` acts as, or a permission error saying who is needed.
  func actor(_ principal: Principal, in store: NetworkStore) throws -> Account {
    switch principal {
    case .anonymous:
      throw LabNetError.permission(
        "this needs an acting account", code: "not_signed_in", hint: .nameActor)
    case .signedIn(let login):
      return try existingAccount(login, in: store)
    case .storeHolder(let claimed):
      // Whoever holds the store (a SQLite file, labnet's PostgreSQL login) is
      // an operator and names the account to act as.
      guard let claimed else {
        throw LabNetError.permission(
          "this command needs an acting account", code: "not_signed_in", hint: .nameActor)
      }
      return try existingAccount(claimed, in: store)
    }
  }

  private func existingAccount(_ login: String, in store: NetworkStore) throws -> Account {
    guard let account = try store.account(login: login) else {
      throw LabNetError.permission(
        "no account with login \"\(login)\"", code: "unknown_account", hint: .listAccounts)
    }
    return account
  }

  /// The acting account, as `labnet whoami` and `GET /me` show it.
  public func me(as principal: Principal) throws -> Account {
    try read { try actor(principal, in: $0) }
  }

  // MARK: For servers

  /// Runs a use case on `threads`, off the caller's thread: the blocking
  /// store calls never occupy the Swift concurrency pool.
  public func perform<T: Sendable>(
    on threads: BlockingThreadPool, _ body: @escaping @Sendable (NetworkService) throws -> T
  ) async throws -> T {
    try await threads.run { try body(self) }
  }
}

/// A store in a write transaction, for the use cases that join it. Only the
/// thread running that transaction ever sees it.
final class EnclosingStore: @unchecked Sendable {
  let store: NetworkStore
  init(_ store: NetworkStore) { self.store = store }
}
