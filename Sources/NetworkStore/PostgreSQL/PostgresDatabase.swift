#if PostgreSQL
  import CLibPQ
  import InstrumentNetwork

  #if canImport(Glibc)
    import Glibc
  #elseif canImport(Darwin)
    import Darwin
  #endif

  /// A connection to a PostgreSQL server through libpq. Authentication and TLS
  /// come from libpq's own settings: the URL, PGUSER, PGPASSWORD, ~/.pgpass,
  /// service files, sslmode. Statements are prepared once, then executed with
  /// bound text parameters. See https://www.postgresql.org/docs/15/libpq.html
  public final class PostgresDatabase: SQLDatabase {
    public let dialect = SQLDialect.postgres
    private let connection: OpaquePointer
    private var statements: [String: (name: String, parameterCount: Int)] = [:]
    private var preparedCount = 0

    /// Connects to `url` (`postgres://…` or any libpq connection string).
    public init(url: String) throws {
      // A server that never answers must not hang a command: default to a
      // connect timeout unless the person chose one.
      let keywords: [String?] = ["connect_timeout", "fallback_application_name", "dbname", nil]
      let values: [String?] = [getenv("PGCONNECT_TIMEOUT") == nil ? "10" : "", "labnet", url, nil]
      let connection = keywords.withOptionalCStrings { keywordPointers in
        values.withOptionalCStrings { valuePointers in
          PQconnectdbParams(keywordPointers, valuePointers, 1)
        }
      }
      guard let connection else {
        throw DatabaseError(kind: .unavailable, code: "08000", message: "out of memory")
      }
      guard PQstatus(connection) == CONNECTION_OK else {
        let message = Self.firstLine(PQerrorMessage(connection))
        PQfinish(connection)
        throw DatabaseError(kind: .unavailable, code: "08001", message: message)
      }
      self.connection = connection
      PQsetClientEncoding(connection, "UTF8")
      try executeScript("SET client_min_messages = warning")
      // A store held locked (another session's LOCK TABLE, a stuck
      // transaction) must give "busy", never a hang.
      try executeScript(
        "SET lock_timeout = \(Self.milliseconds("LABNET_LOCK_TIMEOUT_MS", default: 5_000)); "
          + "SET statement_timeout = \(Self.milliseconds("LABNET_STATEMENT_TIMEOUT_MS", default: 120_000))"
      )
    }

    deinit { PQfinish(connection) }

    /// A timeout in milliseconds from the environment (a whole number), else `default`.
    static func milliseconds(_ name: String, default value: Int) -> Int {
      getenv(name).flatMap { Int(String(cString: $0)) }.flatMap { $0 >= 0 ? $0 : nil } ?? value
    }

    @discardableResult
    public func execute(_ sql: String, _ parameters: [SQLValue]) throws -> Int {
      let result = try run(sql, parameters)
      defer { PQclear(result) }
      return Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    public func query(
      _ sql: String, _ parameters: [SQLValue], _ row: (any SQLRow) throws -> Void
    ) throws {
      let result = try run(sql, parameters)
      defer { PQclear(result) }
      let count = PQntuples(result)
      var current = PostgresRow(result: result, row: 0)
      for index in 0..<count {
        current.row = index
        try row(current)
      }
    }

    /// Single-row mode: libpq hands over one row at a time instead of
    /// collecting the whole result. See https://www.postgresql.org/docs/15/libpq-single-row-mode.html
    public func stream(
      _ sql: String, _ parameters: [SQLValue], _ row: (any SQLRow) throws -> Void
    ) throws {
      let statement = try prepared(sql)
      let texts = try texts(of: parameters, sql: sql)
      let sent = texts.withOptionalCStrings { pointers in
        PQsendQueryPrepared(
          connection, statement.name, Int32(pointers.count), pointers, nil, nil, 0)
      }
      guard sent == 1 else { throw connectionError(sql: sql) }
      PQsetSingleRowMode(connection)
      var failure: (any Error)?
      while let result = PQgetResult(connection) {
        defer { PQclear(result) }
        guard failure == nil else { continue }  // drain the rest after a failure
        if PQresultStatus(result) == PGRES_SINGLE_TUPLE {
          do {
            try row(PostgresRow(result: result, row: 0))
          } catch {
            failure = error
          }
        } else {
          do { try check(result, sql: sql) } catch { failure = error }
        }
      }
      if let failure { throw failure }
    }

    public func executeScript(_ sql: String) throws {
      let result = PQexec(connection, sql)
      defer { PQclear(result) }
      try check(result, sql: sql)
    }

    /// Prepares `sql` once per connection, then executes it with `parameters`.
    private func run(_ sql: String, _ parameters: [SQLValue]) throws -> OpaquePointer {
      let statement = try prepared(sql)
      let texts = try texts(of: parameters, sql: sql)
      let result = texts.withOptionalCStrings { pointers in
        PQexecPrepared(connection, statement.name, Int32(pointers.count), pointers, nil, nil, 0)
      }
      guard let result else { throw connectionError(sql: sql) }
      do {
        try check(result, sql: sql)
      } catch {
        PQclear(result)
        throw error
      }
      return result
    }

    /// Parameters as libpq text values; nil is SQL NULL.
    private func texts(of parameters: [SQLValue], sql: String) throws -> [String?] {
      var texts: [String?] = []
      texts.reserveCapacity(parameters.count)
      for value in parameters {
        switch value {
        case .null: texts.append(nil)
        case .integer(let number): texts.append(String(number))
        case .text(let text):
          if text.utf8.contains(0) {
            throw DatabaseError(
              kind: .unrepresentable, code: "22021",
              message: "PostgreSQL text cannot hold a NUL byte", sql: sql)
          }
          texts.append(text)
        }
      }
      return texts
    }

    private func prepared(_ sql: String) throws -> (name: String, parameterCount: Int) {
      if let statement = statements[sql] { return statement }
      if statements.count >= statementCacheLimit {
        // Statements built per call (IN lists of many sizes) must not grow the
        // cache without end: forget them all and prepare anew.
        try executeScript("DEALLOCATE ALL")
        statements.removeAll()
      }
      let (text, count) = Self.numberingPlaceholders(sql)
      preparedCount += 1
      let name = "labnet_\(preparedCount)"
      let result = PQprepare(connection, name, text, 0, nil)
      defer { PQclear(result) }
      guard let result else { throw connectionError(sql: sql) }
      try check(result, sql: sql)
      statements[sql] = (name, count)
      return (name, count)
    }

    private func check(_ result: OpaquePointer?, sql: String) throws {
      guard let result else { throw connectionError(sql: sql) }
      switch PQresultStatus(result) {
      case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_SINGLE_TUPLE, PGRES_EMPTY_QUERY: return
      default: break
      }
      let state = Self.field(result, Self.diagnosticSQLState) ?? ""
      let message = Self.firstLine(PQresultErrorMessage(result))
      let constraint = Self.field(result, Self.diagnosticConstraintName)
      if PQstatus(connection) != CONNECTION_OK {
        throw DatabaseError(kind: .unavailable, code: state, message: message, sql: sql)
      }
      throw DatabaseError(
        kind: Self.kind(ofSQLState: state), code: state, message: message,
        constraint: constraint, sql: sql)
    }

    private func connectionError(sql: String) -> DatabaseError {
      DatabaseError(
        kind: .unavailable, code: "08006", message: Self.firstLine(PQerrorMessage(connection)),
        sql: sql)
    }

    /// Maps a SQLSTATE to a kind. See https://www.postgresql.org/docs/15/errcodes-appendix.html
    static func kind(ofSQLState state: String) -> DatabaseError.Kind {
      switch state {
      case "23505": return .uniqueViolation
      case "23503": return .foreignKeyViolation
      case "23514", "23502": return .checkViolation
      case "23P01": return .overlap
      case "23001": return .appendOnly
      // Serialization failure, deadlock, lock_timeout, statement_timeout: try again, then busy.
      case "40001", "40P01", "55P03", "57014": return .transient
      case "22021": return .unrepresentable
      case "42501": return .permissionDenied
      case "53100", "53200", "57P01", "57P02", "57P03": return .unavailable
      default: return state.hasPrefix("08") ? .unavailable : .other
      }
    }

    /// Rewrites `?` placeholders (outside quotes) to `$1…$n`.
    static func numberingPlaceholders(_ sql: String) -> (String, Int) {
      var output = ""
      output.reserveCapacity(sql.utf8.count + 8)
      var count = 0
      var quote: Character?
      for character in sql {
        if let open = quote {
          if character == open { quote = nil }
          output.append(character)
        } else if character == "'" || character == "\"" {
          quote = character
          output.append(character)
        } else if character == "?" {
          count += 1
          output += "$\(count)"
        } else {
          output.append(character)
        }
      }
      return (output, count)
    }

    // PG_DIAG_SQLSTATE ('C') and PG_DIAG_CONSTRAINT_NAME ('n') are character
    // macros that Swift does not import.
    private static let diagnosticSQLState = Int32(UInt8(ascii: "C"))
    private static let diagnosticConstraintName = Int32(UInt8(ascii: "n"))

    private static func field(_ result: OpaquePointer, _ code: Int32) -> String? {
      PQresultErrorField(result, code).map { String(cString: $0) }
    }

    static func firstLine(_ text: UnsafePointer<CChar>?) -> String {
      guard let text else { return "unknown error" }
      let whole = String(cString: text)
      let line = whole.split(separator: "\n").first.map(String.init) ?? whole
      return line.hasPrefix("ERROR:  ") ? String(line.dropFirst(8)) : line
    }
  }

  /// A row of a libpq result; all values arrive in text format.
  struct PostgresRow: SQLRow {
    let result: OpaquePointer
    var row: Int32

    func isNull(_ column: Int) -> Bool { PQgetisnull(result, row, Int32(column)) == 1 }

    func int64(_ column: Int) -> Int64 {
      guard let value = PQgetvalue(result, row, Int32(column)) else { return 0 }
      return strtoll(value, nil, 10)
    }

    func string(_ column: Int) -> String {
      guard let value = PQgetvalue(result, row, Int32(column)) else { return "" }
      let count = Int(PQgetlength(result, row, Int32(column)))
      return value.withMemoryRebound(to: UInt8.self, capacity: count) {
        String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
      }
    }
  }

  extension Array where Element == String? {
    /// Calls `body` with NUL-terminated copies (nil stays nil) owned for the whole call.
    fileprivate func withOptionalCStrings<R>(_ body: ([UnsafePointer<CChar>?]) -> R) -> R {
      let copies: [UnsafeMutablePointer<CChar>?] = map { $0.flatMap { strdup($0) } }
      defer { copies.forEach { free($0) } }
      return body(copies.map { $0.map { UnsafePointer($0) } })
    }
  }
#endif
