#if SQLite
  import CSQLite
  import InstrumentNetwork

  #if canImport(Glibc)
    import Glibc
  #elseif canImport(Darwin)
    import Darwin
  #endif

  /// A connection to a SQLite file: WAL, foreign keys on, a busy timeout, and
  /// prepared statements cached for the life of the connection.
  /// See https://sqlite.org/c3ref/intro.html
  public final class SQLiteDatabase: SQLDatabase {
    public let dialect = SQLDialect.sqlite
    public let path: String
    private let handle: OpaquePointer
    private var statements: [String: SQLiteStatement] = [:]

    /// How durable a commit is: NORMAL (WAL default; a power cut may lose the
    /// last commits, never corrupts) or FULL (fsync on every commit).
    public enum Durability: String, Sendable {
      case normal = "NORMAL"
      case full = "FULL"
    }

    /// Opens the file at `path`; `create` makes it when missing.
    public init(
      path: String, create: Bool, durability: Durability = .normal,
      busyTimeoutMilliseconds: Int = 2000
    ) throws {
      self.path = path
      var handle: OpaquePointer?
      let flags =
        SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX
        | SQLITE_OPEN_EXRESCODE
      let code = sqlite3_open_v2(path, &handle, flags, nil)
      guard code == SQLITE_OK, let handle else {
        if let handle { sqlite3_close_v2(handle) }
        throw DatabaseError(
          kind: .unavailable, code: "SQLITE_\(code)",
          message: String(cString: sqlite3_errstr(code)))
      }
      self.handle = handle
      sqlite3_busy_timeout(handle, Int32(busyTimeoutMilliseconds))
      // Switching a new file to WAL takes a lock that the busy handler does
      // not always wait for (several `init`s at once): wait here instead.
      var waited = 0
      while true {
        do {
          try executeScript("PRAGMA journal_mode = WAL")
          break
        } catch let error as DatabaseError
          where error.kind == .transient && waited < busyTimeoutMilliseconds
        {
          usleep(10_000)
          waited += 10
        }
      }
      try executeScript(
        """
        PRAGMA foreign_keys = ON;
        PRAGMA synchronous = \(durability.rawValue);
        """)
    }

    deinit {
      statements.removeAll()
      sqlite3_close_v2(handle)
    }

    @discardableResult
    public func execute(_ sql: String, _ parameters: [SQLValue]) throws -> Int {
      let statement = try prepared(sql)
      try statement.bind(parameters, database: handle)
      defer { sqlite3_reset(statement.handle) }
      while true {
        let code = sqlite3_step(statement.handle)
        if code == SQLITE_DONE { break }
        if code != SQLITE_ROW { throw Self.error(database: handle, code: code, sql: sql) }
      }
      return Int(sqlite3_changes64(handle))
    }

    public func query(
      _ sql: String, _ parameters: [SQLValue], _ row: (any SQLRow) throws -> Void
    ) throws {
      let statement = try prepared(sql)
      try statement.bind(parameters, database: handle)
      defer { sqlite3_reset(statement.handle) }
      let current = SQLiteRow(statement: statement.handle)
      while true {
        let code = sqlite3_step(statement.handle)
        if code == SQLITE_DONE { return }
        guard code == SQLITE_ROW else { throw Self.error(database: handle, code: code, sql: sql) }
        try row(current)
      }
    }

    /// sqlite3 steps row by row already.
    public func stream(
      _ sql: String, _ parameters: [SQLValue], _ row: (any SQLRow) throws -> Void
    ) throws {
      try query(sql, parameters, row)
    }

    public func executeScript(_ sql: String) throws {
      var message: UnsafeMutablePointer<CChar>?
      let code = sqlite3_exec(handle, sql, nil, nil, &message)
      if let message { sqlite3_free(message) }
      guard code == SQLITE_OK else { throw Self.error(database: handle, code: code, sql: sql) }
    }

    private func prepared(_ sql: String) throws -> SQLiteStatement {
      if let statement = statements[sql] { return statement }
      // Statements built per call must not grow the cache without end; one
      // a caller still steps stays alive until it is done with it.
      if statements.count >= statementCacheLimit { statements.removeAll() }
      let statement = try SQLiteStatement(database: handle, sql: sql)
      statements[sql] = statement
      return statement
    }

    // Extended result codes are C macros Swift does not import.
    private static let constraintUnique: Int32 = SQLITE_CONSTRAINT | (8 << 8)
    private static let constraintPrimaryKey: Int32 = SQLITE_CONSTRAINT | (6 << 8)
    private static let constraintForeignKey: Int32 = SQLITE_CONSTRAINT | (3 << 8)
    private static let constraintTrigger: Int32 = SQLITE_CONSTRAINT | (7 << 8)

    /// Classifies a sqlite3 result code. See https://sqlite.org/rescode.html
    static func error(database: OpaquePointer, code: Int32, sql: String?) -> DatabaseError {
      let extended = sqlite3_extended_errcode(database)
      let primary = code & 0xff
      let message: String
      switch primary {
      case SQLITE_READONLY: message = "the database file is read-only; check its permissions"
      case SQLITE_FULL: message = "the disk is full; nothing was written"
      case SQLITE_NOTADB: message = "the file is not a SQLite database"
      default: message = String(cString: sqlite3_errmsg(database))
      }
      let kind: DatabaseError.Kind
      var constraint: String?
      switch primary {
      case SQLITE_CONSTRAINT:
        switch extended {
        case constraintUnique, constraintPrimaryKey: kind = .uniqueViolation
        case constraintForeignKey: kind = .foreignKeyViolation
        case constraintTrigger:
          kind =
            message.contains("append-only")
            ? .appendOnly : message.contains("out of bounds") ? .checkViolation : .overlap
        default: kind = .checkViolation
        }
        // "UNIQUE constraint failed: unit.name" names the column.
        constraint = message.split(separator: ": ", maxSplits: 1).last.map(String.init)
      case SQLITE_BUSY, SQLITE_LOCKED: kind = .transient
      case SQLITE_CANTOPEN, SQLITE_NOTADB, SQLITE_READONLY, SQLITE_FULL, SQLITE_IOERR,
        SQLITE_CORRUPT, SQLITE_PERM, SQLITE_AUTH:
        kind = .unavailable
      default: kind = .other
      }
      return DatabaseError(
        kind: kind, code: "SQLITE_\(extended)", message: message, constraint: constraint, sql: sql)
    }
  }
#endif
