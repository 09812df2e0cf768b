/// Why a labnet operation was refused, in words a person can act on.
///
/// A structured value: the `kind` front ends map to an exit code or an HTTP
/// status, a stable machine `code` (`slot_taken`), the one-line `message`,
/// and an optional `hint` each front end words in its own terms (the CLI
/// names a command, the server a link). No exit codes, no CLI flags here.
/// ```swift
/// throw LabNetError.invalidData("money must have at most two decimals, got 0.001")
/// throw LabNetError.refused("that time is taken", code: "slot_taken", hint: .availability(12))
/// ```
public struct LabNetError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The families of refusal; each maps to one exit code and one HTTP status.
  public enum Kind: String, Sendable, CaseIterable {
    /// The input cannot be a valid value: malformed time, money, province, CSV row.
    case invalidData = "invalid_data"
    /// Something named does not exist: instrument, unit, booking, voucher, account.
    case notFound = "not_found"
    /// A domain rule refuses the operation: slot taken, outside opening hours, voucher exhausted.
    case refused
    /// The store cannot be reached or its schema is missing or too old.
    case storeUnavailable = "store_unavailable"
    /// The store stayed locked or kept failing serialisation after retries.
    case busy
    /// No acting account, or the account lacks the role.
    case permission
    /// The output could not be written: standard output or a file (full disk, closed pipe).
    case outputFailed = "output_failed"
  }

  /// What a person could do next; each front end words it.
  public enum Hint: Sendable, Equatable {
    case listInstruments, listUnits, listBookings, listAccounts
    /// See the free times of an instrument.
    case availability(instrumentID: Int64)
    /// Sign in to a labnet server.
    case signIn(server: String)
    /// `labnet instrument blocks ID`.
    case listBlocks(instrumentID: Int64)
    /// Create or upgrade the schema.
    case runInit(location: String)
    /// Seed again, replacing everything.
    case replaceToReseed
    /// Cancel the bookings a block covers.
    case cancelCoveredBookings
    /// An admin adds the account.
    case addAccount(login: String)
    /// Name the acting account.
    case nameActor
    /// Build with another store trait.
    case buildWithTrait(String)
    /// Look whether a change whose answer was lost was made.
    case checkWhetherMade
  }

  public var kind: Kind
  /// A stable machine-readable code, like `slot_taken`; the kind's name when nothing finer.
  public var code: String
  /// The one-line message shown to the person.
  public var message: String
  public var hint: Hint?
  /// When trying again makes sense, in seconds (a sign-in lockout, a busy store).
  public var retryAfterSeconds: Int64?

  public init(_ kind: Kind, _ message: String, code: String? = nil, hint: Hint? = nil) {
    self.kind = kind
    self.code = code ?? kind.rawValue
    self.message = message
    self.hint = hint
  }

  public static func invalidData(_ message: String, code: String? = nil, hint: Hint? = nil) -> Self
  {
    Self(.invalidData, message, code: code, hint: hint)
  }
  public static func notFound(_ message: String, code: String? = nil, hint: Hint? = nil) -> Self {
    Self(.notFound, message, code: code, hint: hint)
  }
  public static func refused(_ message: String, code: String? = nil, hint: Hint? = nil) -> Self {
    Self(.refused, message, code: code, hint: hint)
  }
  public static func storeUnavailable(_ message: String, code: String? = nil, hint: Hint? = nil)
    -> Self
  {
    Self(.storeUnavailable, message, code: code, hint: hint)
  }
  public static func busy(_ message: String, code: String? = nil, hint: Hint? = nil) -> Self {
    Self(.busy, message, code: code, hint: hint)
  }
  public static func permission(_ message: String, code: String? = nil, hint: Hint? = nil) -> Self {
    Self(.permission, message, code: code, hint: hint)
  }

  public static func outputFailed(_ message: String, code: String? = nil) -> Self {
    Self(.outputFailed, message, code: code)
  }

  public var description: String { message }
}
