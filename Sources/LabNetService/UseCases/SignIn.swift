import HummingbirdBcrypt
import InstrumentNetwork
import NetworkStore

/// How long sessions live and how many wrong passwords a login may try.
public struct SignInPolicy: Sendable {
  /// A session unused this long ends (12 hours).
  public var idleSeconds: Int64 = 12 * 3_600
  /// A session ends this long after sign-in, used or not (7 days).
  public var absoluteSeconds: Int64 = 7 * 86_400
  /// Failures of one login within `failureWindowSeconds` before it is locked out.
  public var failuresAllowed = 5
  /// The lockout window (15 minutes).
  public var failureWindowSeconds: Int64 = 15 * 60
  /// bcrypt's cost (2^cost rounds); at least 10.
  public var bcryptCost: UInt8 = 10

  public init() {}
}

/// A signed-in session: the token to present (never stored) and whose it is.
public struct SignedInSession: Sendable {
  /// 256 random bits, base64url: the cookie's value and the bearer token.
  public var token: String
  public var account: Account
  public var expiresAt: Instant
}

extension NetworkService {
  /// The shortest and longest password taken (bcrypt reads at most 72 bytes).
  public static let passwordBytes = 10...72

  /// Sets an account's password (an admin; whoever holds the store acts as one
  /// with `--as`). Ends the account's sessions.
  public func setPassword(login: String, password: String, as principal: Principal) throws {
    guard Self.passwordBytes.contains(password.utf8.count) else {
      throw LabNetError.invalidData(
        "a password is \(Self.passwordBytes.lowerBound) to \(Self.passwordBytes.upperBound) bytes long; got \(password.utf8.count)"
      )
    }
    // bcrypt is slow on purpose: hash before taking a connection.
    let hash = Bcrypt.hash(password, cost: max(10, signInPolicy.bcryptCost))
    try write { store in
      try actor(principal, in: store).requireAdmin(to: "set passwords")
      guard let account = try store.account(login: login) else {
        throw LabNetError.notFound("no account with login \"\(login)\"", hint: .listAccounts)
      }
      try store.setPasswordHash(hash, accountID: account.id)
    }
  }

  /// Signs a person in with login and password. A wrong login and a wrong
  /// password get the same answer; after `failuresAllowed` failures of one
  /// login in the window, it is refused until the oldest failure leaves it.
  public func signIn(login: String, password: String) throws -> SignedInSession {
    let policy = signInPolicy
    let time = now
    let windowStart = time - policy.failureWindowSeconds
    let recent = try read { try $0.signInFailures(login: login, since: windowStart) }
    if recent.count >= policy.failuresAllowed, let oldest = recent.first {
      let wait = max(1, oldest.seconds + policy.failureWindowSeconds - time.seconds)
      var refusal = LabNetError.refused(
        "too many failed sign-ins for this login; try again in \(wait) seconds",
        code: "too_many_attempts")
      refusal.retryAfterSeconds = wait
      throw refusal
    }
    let found = try read { store -> (Account, String)? in
      guard let account = try store.account(login: login),
        let hash = try store.passwordHash(accountID: account.id)
      else { return nil }
      return (account, hash)
    }
    // Verify (slowly) outside any transaction; an unknown login costs the same.
    let hash = found?.1 ?? Self.decoyHash
    let matches = Bcrypt.verify(password, hash: hash) && found != nil
    guard matches, let account = found?.0 else {
      try write { try $0.recordSignInFailure(login: login, forgetBefore: windowStart) }
      throw LabNetError.permission(
        "wrong login or password", code: "bad_credentials")
    }
    let token = Self.randomToken()
    let expiresAt = time + policy.absoluteSeconds
    try write { store in
      try store.clearSignInFailures(login: login)
      try store.insertSession(
        digest: SHA256.hex(Array(token.utf8)), accountID: account.id, expiresAt: expiresAt)
    }
    return SignedInSession(token: token, account: account, expiresAt: expiresAt)
  }

  /// The principal a session token stands for, or a permission error when it
  /// is unknown, forged or expired (idle or absolute).
  public func principal(forToken token: String) throws -> Principal {
    let digest = SHA256.hex(Array(token.utf8))
    let policy = signInPolicy
    let time = now
    // A read: only a session last used over a minute ago is written to, so
    // signed-in reads do not queue behind SQLite's write lock.
    let (login, stale) = try read { store -> (String, Bool) in
      // One query: the session and its account's login (the use case then
      // loads the account, roles and all, inside its own transaction).
      guard let session = try store.session(digest: digest),
        session.expiresAt > time, session.lastUsedAt + policy.idleSeconds > time
      else {
        throw LabNetError.permission(
          "the session has ended or is not valid; sign in again", code: "not_signed_in")
      }
      return (session.login, time.seconds - session.lastUsedAt.seconds >= 60)
    }
    if stale { try write { try $0.touchSession(digest: digest) } }
    return .signedIn(login: login)
  }

  /// Ends the session of `token` (nothing when it is unknown).
  public func signOut(token: String) throws {
    let digest = SHA256.hex(Array(token.utf8))
    try write { try $0.deleteSession(digest: digest) }
  }

  /// A bcrypt hash no password matches in practice, verified for unknown
  /// logins so they take as long as known ones.
  static let decoyHash = Bcrypt.hash("labnet decoy, never a password", cost: 10)
}
