import Foundation
import InstrumentNetwork
import LabNetService
import NetworkStore

/// A fresh, empty database on the backend this build has: a SQLite file in a
/// temporary folder, or a new database on the PostgreSQL server named by
/// `LABNET_TEST_POSTGRES_URL` (which `scripts/test` starts). A PostgreSQL
/// build with no server fails loudly; it never skips.
public final class TestDatabase: @unchecked Sendable {
  /// What `--database` takes to reach it.
  public let url: String
  public let location: StoreLocation
  /// The temporary folder the test may use for files.
  public let folder: URL
  private let cleanup: () -> Void

  /// The backend under test, by name.
  public static var backend: String {
    #if PostgreSQL
      return "postgres"
    #else
      return "sqlite"
    #endif
  }

  public static var isPostgres: Bool { backend == "postgres" }

  public init() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "labnet-test-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    self.folder = folder
    #if PostgreSQL
      let (url, drop): (String, () -> Void)
      do {
        (url, drop) = try Self.freshPostgresDatabase()
      } catch {
        try? FileManager.default.removeItem(at: folder)
        throw error
      }
      self.url = url
      self.cleanup = {
        drop()
        try? FileManager.default.removeItem(at: folder)
      }
    #else
      self.url = "sqlite:" + folder.appendingPathComponent("labnet.sqlite").path
      self.cleanup = { try? FileManager.default.removeItem(at: folder) }
    #endif
    self.location = try StoreLocation(parsing: url)
  }

  deinit { cleanup() }

  /// Opens the store, first creating and migrating it with its first admins
  /// (as `labnet init` does) when `initialise`.
  public func open(initialise: Bool = true) throws -> NetworkStore {
    if initialise {
      _ = try NetworkService(pool: StorePool(location: location, creating: true)).initialise()
    }
    return try NetworkStore.open(location)
  }

  /// The service over this database, one connection, with `clock`.
  public func service(clock: @escaping @Sendable () -> Instant = { Instant.now() })
    -> NetworkService
  {
    NetworkService(pool: StorePool(location: location), clock: clock)
  }

  /// The login of the first admin `labnet init` creates, on both backends.
  public static let adminLogin = "admin"

  /// SQLite's `PRAGMA integrity_check` ("ok" when sound); on PostgreSQL, which
  /// keeps its own consistency, "ok" when a connection and a query succeed.
  public func integrityCheck() throws -> String {
    let database: any SQLDatabase
    #if PostgreSQL
      database = try PostgresDatabase(url: url)
      return try database.first("SELECT 'ok'") { $0.string(0) } ?? "no answer"
    #else
      database = try SQLiteDatabase(path: String(url.dropFirst("sqlite:".count)), create: false)
      return try database.rows("PRAGMA integrity_check") { $0.string(0) }.joined(separator: "; ")
    #endif
  }

  /// How many pairs of bookings holding their time overlap on one instrument
  /// (0 when the no-overlap invariant holds), counted by SQL of its own.
  public func overlappingBookings() throws -> Int64? {
    try scalar(Self.overlapQuery)
  }

  /// The pairs of overlapping bookings that hold time, for `overlappingBookings`.
  public static let overlapQuery = """
    SELECT count(*) FROM reservation AS a JOIN reservation AS b
      ON a.instrument_id = b.instrument_id AND a.id < b.id
      AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at
    WHERE a.status IN ('pending', 'confirmed', 'completed')
      AND b.status IN ('pending', 'confirmed', 'completed')
    """

  /// The first column of the first row of `sql`, as an integer.
  public func scalar(_ sql: String) throws -> Int64? {
    #if PostgreSQL
      return try PostgresDatabase(url: url).scalar(sql)
    #else
      return try SQLiteDatabase(path: String(url.dropFirst("sqlite:".count)), create: false)
        .scalar(sql)
    #endif
  }

  #if PostgreSQL
    static func freshPostgresDatabase() throws -> (String, () -> Void) {
      let admin = try postgresAdminURL()
      let name = "labnet_t_\(getpid())_\(UUID().uuidString.prefix(8).lowercased())"
      let server = try PostgresDatabase(url: admin.url)
      try server.executeScript("CREATE DATABASE \(name)")
      let url = admin.replacingDatabase(name)
      return (
        url,
        {
          if let server = try? PostgresDatabase(url: admin.url) {
            try? server.executeScript("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
          }
        }
      )
    }
  #endif

  /// The server URL from `LABNET_TEST_POSTGRES_URL`.
  static func postgresAdminURL() throws -> (
    url: String, user: String, replacingDatabase: (String) -> String
  ) {
    guard let url = ProcessInfo.processInfo.environment["LABNET_TEST_POSTGRES_URL"], !url.isEmpty
    else {
      throw LabNetError.storeUnavailable(
        "LABNET_TEST_POSTGRES_URL is not set: the PostgreSQL build's tests need a server; run scripts/test"
      )
    }
    let components = URLComponents(string: url)
    let user = components?.user ?? "postgres"
    return (
      url, user,
      { name in
        var copy = components ?? URLComponents()
        copy.path = "/" + name
        return copy.string ?? url
      }
    )
  }
}
