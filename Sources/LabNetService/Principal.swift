import InstrumentNetwork

/// Who asks the service to do something. The service, and only it, turns a
/// principal into the acting account, so every front end gets one answer.
public enum Principal: Sendable, Hashable {
  /// Nobody signed in: what anyone may read (catalogue, stats, availability).
  case anonymous
  /// Whoever holds the store (the SQLite file, or labnet's PostgreSQL
  /// credentials): an operator, acting as the account named with `--as`.
  case storeHolder(claimedLogin: String?)
  /// A person the server authenticated (password, session).
  case signedIn(login: String)
}
