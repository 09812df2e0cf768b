import InstrumentNetwork

/// How the command line reports a domain error: its exit code (docs/cli.md)
/// and its hint, worded as a command to run.
extension LabNetError {
  /// The process exit code documented in docs/cli.md.
  public var exitCode: Int32 {
    switch kind {
    case .invalidData: return 65
    case .notFound: return 66
    case .refused: return 67
    case .storeUnavailable: return 69
    case .busy: return 75
    case .permission: return 77
    case .outputFailed: return 74
    }
  }

  /// The message with the hint as the command line words it.
  var cliText: String {
    guard let hint else { return message }
    return message + "; " + hint.cliText
  }
}

extension LabNetError.Hint {
  /// What to type next.
  var cliText: String {
    switch self {
    case .listInstruments: return "`labnet instrument list` shows them"
    case .listUnits: return "`labnet unit list` shows them"
    case .listBookings: return "`labnet booking list` shows yours"
    case .listAccounts: return "`labnet account list` shows them"
    case .availability(let id):
      return "`labnet availability \(id) --from … --to …` lists free times"
    case .signIn(let server): return "sign in with `labnet login --server \(server)`"
    case .listBlocks(let id): return "`labnet instrument blocks \(id)` lists them"
    case .runInit(let location): return "run `labnet init --database \(location)` first"
    case .replaceToReseed: return "add --replace to delete everything and seed anew"
    case .cancelCoveredBookings: return "add --cancel-bookings to cancel them with the reason"
    case .addAccount(let login):
      return "an admin adds it with `labnet account add \(login) --name … --role …`"
    case .nameActor: return "pass --as LOGIN or set LABNET_AS"
    case .buildWithTrait(let trait): return "build it with `--traits \(trait)`"
    case .checkWhetherMade: return "check with `labnet booking list` whether it was made"
    }
  }
}
