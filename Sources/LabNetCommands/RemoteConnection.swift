import LabNetPresentation

/// What the CLI needs of a labnet server, given by `labnet-remote` (the
/// binary that links the HTTP client): the use cases through its API, and
/// signing in and out, the token kept in the person's credentials file.
public protocol RemoteConnection: Sendable {
  /// The use cases through the server at `server`, as the account signed in there.
  func useCases(server: String) throws -> any LabNetUseCases
  /// Signs in and keeps the token; returns the login and the session's end.
  func signIn(server: String, login: String, password: String) throws -> (
    login: String, expiresAt: String
  )
  /// Signs out and forgets the token; false when there was none.
  func signOut(server: String) throws -> Bool
}
