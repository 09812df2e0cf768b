import InstrumentNetwork

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The network's persistent state: queries and commands per aggregate, run
/// inside a transaction the service opens. No permission checks and no
/// rules live here (LabNetService asks the domain); one store is one
/// connection, used by one thread at a time (`StorePool` hands them out).
public final class NetworkStore {
  /// The connection every operation runs on.
  let database: any SQLDatabase
  /// Where the store lives, for messages.
  public let location: StoreLocation
  /// The clock rows are stamped with; the service sets it to its own.
  public var now: () -> Instant = { Instant.now() }

  private var inTransaction = false

  init(database: any SQLDatabase, location: StoreLocation) {
    self.database = database
    self.location = location
  }

  /// The store's dialect facts.
  public var dialect: SQLDialect { database.dialect }

  /// Opens the store at `location`. `creating` makes a missing SQLite file
  /// (only `init` and `demo` do); other commands also check the schema.
  public static func open(_ location: StoreLocation, creating: Bool = false) throws -> NetworkStore
  {
    let database = try connect(location, creating: creating)
    let store = NetworkStore(database: database, location: location)
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
            "no labnet database at \(path)", hint: .runInit(location: path))
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
          "this labnet was built without the SQLite store", hint: .buildWithTrait("SQLite"))
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
          "this labnet was built without the PostgreSQL store", hint: .buildWithTrait("PostgreSQL"))
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

  /// Runs `body` in one write transaction, once: commits when it returns,
  /// rolls back when it throws. A transaction inside another joins it.
  /// Retrying a busy store is the caller's decision (the service retries
  /// with inputs it can rebuild), never this one's.
  /// With `committing` false the transaction always rolls back (a dry run).
  public func transaction<T>(committing: Bool = true, _ body: () throws -> T) throws -> T {
    if inTransaction { return try body() }
    inTransaction = true
    defer { inTransaction = false }
    try database.executeScript(database.dialect.beginWrite)
    let result: T
    do {
      result = try body()
    } catch {
      try? database.executeScript("ROLLBACK")
      throw error
    }
    do {
      try database.executeScript(committing ? "COMMIT" : "ROLLBACK")
    } catch let error as DatabaseError where committing && error.kind == .unavailable {
      // The COMMIT was sent and the answer lost: it may or may not have been
      // made. Say so, and never retry it.
      throw LabNetError.busy(
        "the store went away after the change was sent; it may or may not have been made",
        code: "commit_unknown", hint: .checkWhetherMade)
    } catch {
      try? database.executeScript("ROLLBACK")
      throw error
    }
    return result
  }

  /// Whether a failure is worth trying again: the store was busy, or the
  /// server picked this transaction as a serialization or deadlock victim.
  public static func isTransient(_ error: any Error) -> Bool {
    (error as? DatabaseError)?.kind == .transient
  }
}

#if SQLite
  typealias SQLiteDurability = SQLiteDatabase.Durability
#else
  /// Placeholder so the PostgreSQL-only build needs no SQLite types.
  enum SQLiteDurability { case normal, full }
#endif
