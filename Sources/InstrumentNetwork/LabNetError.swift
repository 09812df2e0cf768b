/// Why a labnet operation was refused, in words a person can act on.
///
/// Each case maps to one exit code of the command line (see docs/cli.md):
/// ```swift
/// throw LabNetError.invalidData("money must have at most two decimals, got 0.001")
/// ```
public enum LabNetError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The input cannot be a valid value: malformed time, money, province, CSV row (exit 65).
  case invalidData(String)
  /// Something named does not exist: instrument, unit, booking, voucher, account (exit 66).
  case notFound(String)
  /// A domain rule refuses the operation: slot taken, outside opening hours, voucher exhausted (exit 67).
  case refused(String)
  /// The store cannot be reached or its schema is missing or too old (exit 69).
  case storeUnavailable(String)
  /// The store stayed locked or kept failing serialisation after retries (exit 75).
  case busy(String)
  /// No acting account, or the account lacks the role (exit 77).
  case permission(String)

  /// The one-line message shown to the person.
  public var message: String {
    switch self {
    case .invalidData(let text), .notFound(let text), .refused(let text),
      .storeUnavailable(let text), .busy(let text), .permission(let text):
      return text
    }
  }

  /// The process exit code documented in docs/cli.md.
  public var exitCode: Int32 {
    switch self {
    case .invalidData: return 65
    case .notFound: return 66
    case .refused: return 67
    case .storeUnavailable: return 69
    case .busy: return 75
    case .permission: return 77
    }
  }

  public var description: String { message }
}
