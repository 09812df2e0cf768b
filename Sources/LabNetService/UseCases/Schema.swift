import InstrumentNetwork
import NetworkStore

/// What `init` did.
public struct InitReport: Sendable {
  public var applied: [Migration]
  public var schemaVersion: Int
  /// The admin accounts it created, when the store had none.
  public var adminsCreated: [Account]
}

/// How `seed` builds the synthetic network.
public struct SeedRequest: Sendable, Hashable {
  public var seed: UInt64
  public var scale: Double
  public var replace: Bool
  public var bookings: Int

  public init(seed: UInt64, scale: Double, replace: Bool, bookings: Int) {
    self.seed = seed
    self.scale = scale
    self.replace = replace
    self.bookings = bookings
  }
}

extension NetworkService {
  /// The first admin of a store, on both backends.
  private static let firstAdmins = ["admin"]

  /// Runs schema work (migrations, a seed's DROP and CREATE): a privilege the
  /// connection lacks means a role other than the schema's owner runs it.
  private func asSchemaOwner<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as DatabaseError where error.kind == .permissionDenied {
      throw LabNetError.storeUnavailable(
        "\(location) refused the schema change (\(error.message)); run init and seed as the schema owner (a member of labnet_owner)",
        code: "not_schema_owner")
    }
  }

  /// Creates or upgrades the schema and, when the store has no admin, the
  /// first admin — in one transaction, so concurrent `init`s all succeed.
  /// Whoever holds the store may run it; on PostgreSQL, as the schema's owner.
  public func initialise() throws -> InitReport {
    try write { store in
      try asSchemaOwner {
        let applied = try store.migrate()
        let admins = try store.ensureAdmins(Self.firstAdmins)
        return InitReport(
          applied: applied, schemaVersion: store.expectedSchemaVersion, adminsCreated: admins)
      }
    }
  }

  /// The schema version this build expects.
  public var expectedSchemaVersion: Int {
    get throws { try read { $0.expectedSchemaVersion } }
  }

  /// Builds the synthetic 2018 network (admin only).
  public func seed(
    _ request: SeedRequest, as principal: Principal, progress: ProgressReport? = nil
  ) throws -> SeedReport {
    guard request.scale > 0, request.scale <= 1 else {
      throw LabNetError.invalidData(
        "the scale must be more than 0 and at most 1; got \(request.scale)")
    }
    guard request.bookings >= 0, request.bookings <= 50_000_000 else {
      throw LabNetError.invalidData(
        "the bookings must be from 0 to 50,000,000; got \(request.bookings)")
    }
    try read { try actor(principal, in: $0).requireAdmin(to: "seed the network") }
    // The seed runs once: a bulk load is not retried on a busy store.
    return try explaining {
      try pool.withStore { store in
        store.now = clock
        return try asSchemaOwner {
          try store.seedNetwork(
            seed: request.seed, scale: request.scale, replace: request.replace,
            bookings: request.bookings, admins: Self.firstAdmins, progress: progress)
        }
      }
    }
  }
}

extension NetworkService {
  /// Whether the store already holds a network (a schema and units).
  public func holdsNetwork() throws -> Bool {
    try read { try $0.holdsNetwork() }
  }
}
