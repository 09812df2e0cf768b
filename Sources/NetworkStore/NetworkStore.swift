import InstrumentNetwork

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The network's persistent state and the operations people do on it. Each
/// operation is one transaction that checks the domain rules; the schema
/// enforces the invariants as well.
public final class NetworkStore {
  /// The connection every operation runs on.
  public let database: any SQLDatabase
  /// Where the store lives, for messages.
  public let location: StoreLocation
  /// The login claimed with `--as` / `LABNET_AS`, if any.
  public let claimedLogin: String?
  /// The clock the rules read; tests may fix it.
  public var now: () -> Instant = { Instant.now() }
  /// How many times a write transaction is tried when the store is busy.
  public var writeAttempts = 4

  var cachedActor: Account?
  private var inTransaction = false

  init(database: any SQLDatabase, location: StoreLocation, claimedLogin: String?) {
    self.database = database
    self.location = location
    self.claimedLogin = claimedLogin
  }

  /// Opens the store at `location`. `creating` makes a missing SQLite file
  /// (only `init` and `demo` do); other commands also check the schema.
  public static func open(
    _ location: StoreLocation, claimedLogin: String? = nil, creating: Bool = false
  ) throws -> NetworkStore {
    let database = try connect(location, creating: creating)
    let store = NetworkStore(database: database, location: location, claimedLogin: claimedLogin)
    if !creating { try store.requireCurrentSchema() }
    return store
  }

  private static func connect(_ location: StoreLocation, creating: Bool) throws -> any SQLDatabase {
    switch location {
    case .sqlite(let path):
      #if SQLite
        if !creating && access(path, F_OK) != 0 {
          let folder = NetworkStore.folder(of: path)
          guard access(folder, F_OK) == 0 else {
            throw LabNetError.storeUnavailable(
              "cannot open database \(path): folder \(folder) does not exist")
          }
          throw LabNetError.storeUnavailable(
            "no labnet database at \(path); create it with `labnet init --database \(path)`")
        }
        do {
          return try SQLiteDatabase(
            path: path, create: creating, durability: sqliteDurability,
            busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        } catch let error as DatabaseError {
          throw LabNetError.storeUnavailable(sqliteOpenProblem(path: path, error: error))
        }
      #else
        throw LabNetError.storeUnavailable(
          "this labnet was built without the SQLite store; build it with `--traits SQLite`")
      #endif
    case .postgres(let url):
      #if PostgreSQL
        do {
          return try PostgresDatabase(url: url)
        } catch let error as DatabaseError {
          throw LabNetError.storeUnavailable(
            "cannot connect to PostgreSQL at \(location): \(error.message)")
        }
      #else
        throw LabNetError.storeUnavailable(
          "this labnet was built without the PostgreSQL store; build it with `--traits PostgreSQL`"
        )
      #endif
    }
  }

  /// The folder part of a file path ("." for a bare name, "/" for the root).
  static func folder(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    let folder = String(path[..<slash])
    return folder.isEmpty ? "/" : folder
  }

  private static func sqliteOpenProblem(path: String, error: DatabaseError) -> String {
    let folder = folder(of: path)
    if error.message.contains("not a SQLite database") {
      return "\(path) is not a SQLite database; name another file or move this one away"
    }
    if access(folder, F_OK) != 0 {
      return "cannot open database \(path): folder \(folder) does not exist"
    }
    if access(path, F_OK) == 0 && access(path, W_OK) != 0 {
      return "cannot open database \(path): the file is read-only"
    }
    return "cannot open database \(path): \(error.message)"
  }

  /// `LABNET_SQLITE_SYNCHRONOUS=FULL` makes every commit fsync; NORMAL is the default.
  static var sqliteDurability: SQLiteDurability {
    getenv("LABNET_SQLITE_SYNCHRONOUS").map { String(cString: $0).uppercased() } == "FULL"
      ? .full : .normal
  }

  /// `LABNET_BUSY_TIMEOUT_MS` sets how long SQLite waits for a lock (default 2000).
  static var busyTimeoutMilliseconds: Int {
    getenv("LABNET_BUSY_TIMEOUT_MS").flatMap { Int(String(cString: $0)) } ?? 2000
  }

  /// Runs `body` in one write transaction; rolls back if it throws, and
  /// tries again while the store is busy or a serialization failure occurs.
  /// A `write` inside another joins the outer transaction.
  public func write<T>(_ body: () throws -> T) throws -> T {
    if inTransaction { return try body() }
    inTransaction = true
    defer { inTransaction = false }
    var attempt = 1
    while true {
      do {
        try database.executeScript(database.dialect.beginWrite)
        do {
          let result = try body()
          try database.executeScript("COMMIT")
          return result
        } catch {
          try? database.executeScript("ROLLBACK")
          throw error
        }
      } catch let error as DatabaseError where error.kind == .transient {
        guard attempt < writeAttempts else {
          throw LabNetError.busy(
            "the store at \(location) stayed busy after \(attempt) tries; try again in a moment")
        }
        usleep(UInt32(20_000 * attempt * attempt))
        attempt += 1
      }
    }
  }
}

#if SQLite
  typealias SQLiteDurability = SQLiteDatabase.Durability
#else
  /// Placeholder so the PostgreSQL-only build needs no SQLite types.
  enum SQLiteDurability { case normal, full }
#endif
