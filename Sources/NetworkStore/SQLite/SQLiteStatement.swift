#if SQLite
  import CSQLite

  /// A prepared sqlite3 statement, finalized when released.
  /// See https://sqlite.org/c3ref/stmt.html
  final class SQLiteStatement {
    let handle: OpaquePointer
    let sql: String

    init(database: OpaquePointer, sql: String) throws {
      var statement: OpaquePointer?
      let code = sqlite3_prepare_v3(
        database, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
      guard code == SQLITE_OK, let statement else {
        throw SQLiteDatabase.error(database: database, code: code, sql: sql)
      }
      self.handle = statement
      self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    /// Clears the previous run and binds `parameters` to `?1…?n`.
    func bind(_ parameters: [SQLValue], database: OpaquePointer) throws {
      sqlite3_reset(handle)
      sqlite3_clear_bindings(handle)
      for (offset, value) in parameters.enumerated() {
        let index = Int32(offset + 1)
        let code: Int32
        switch value {
        case .null:
          code = sqlite3_bind_null(handle, index)
        case .integer(let number):
          code = sqlite3_bind_int64(handle, index, number)
        case .text(let text):
          // An explicit byte count keeps NUL bytes inside the text.
          var text = text
          code = text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { characters in
              guard let start = characters.baseAddress else {
                return sqlite3_bind_text(handle, index, "", 0, sqliteTransient)
              }
              return sqlite3_bind_text64(
                handle, index, start, sqlite3_uint64(characters.count), sqliteTransient,
                UInt8(SQLITE_UTF8))
            }
          }
        }
        guard code == SQLITE_OK else {
          throw SQLiteDatabase.error(database: database, code: code, sql: sql)
        }
      }
    }
  }

  /// Tells sqlite3 to copy bound text before the call returns.
  let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

  /// The current row of a stepping statement.
  struct SQLiteRow: SQLRow {
    let statement: OpaquePointer

    func isNull(_ column: Int) -> Bool {
      sqlite3_column_type(statement, Int32(column)) == SQLITE_NULL
    }

    func int64(_ column: Int) -> Int64 {
      sqlite3_column_int64(statement, Int32(column))
    }

    func string(_ column: Int) -> String {
      guard let bytes = sqlite3_column_text(statement, Int32(column)) else { return "" }
      let count = Int(sqlite3_column_bytes(statement, Int32(column)))
      return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }
  }
#endif
