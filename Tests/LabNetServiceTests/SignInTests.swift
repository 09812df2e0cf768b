import InstrumentNetwork
import LabNetTestSupport
import Testing

@testable import LabNetService

@Suite("Sign-in")
struct SignInTests {
  @Test(
    "SHA-256 matches the FIPS 180-4 test vectors",
    arguments: [
      ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
      ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
      (
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
      ),
    ])
  func sha256(text: String, digest: String) {
    #expect(SHA256.hex(Array(text.utf8)) == digest)
  }

  @Test("SHA-256 of a million a's, across many blocks")
  func sha256Long() {
    let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
    #expect(
      SHA256.hex(million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test("tokens are 256 bits in base64url, each new; the store keeps only their digest")
  func sessions() throws {
    let database = try TestDatabase()
    _ = try database.open()
    let service = database.service()
    try service.setPassword(
      login: "admin", password: "a-long-enough-password", as: .storeHolder(claimedLogin: "admin"))
    let first = try service.signIn(login: "admin", password: "a-long-enough-password")
    let second = try service.signIn(login: "admin", password: "a-long-enough-password")
    #expect(first.token.count == 43 && first.token != second.token)
    #expect(first.token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
    #expect(try service.principal(forToken: first.token) == .signedIn(login: "admin"))
    let stored = try database.scalar(
      "SELECT count(*) FROM session WHERE token_sha256 = '\(SHA256.hex(Array(first.token.utf8)))'")
    #expect(stored == 1)
    let plain = try database.scalar(
      "SELECT count(*) FROM session WHERE token_sha256 = '\(first.token)'")
    #expect(plain == 0)
    // Too short a password is refused; a new one ends every session.
    #expect(throws: LabNetError.self) {
      try service.setPassword(
        login: "admin", password: "short", as: .storeHolder(claimedLogin: "admin"))
    }
    try service.setPassword(
      login: "admin", password: "another-long-password", as: .storeHolder(claimedLogin: "admin"))
    #expect(throws: LabNetError.self) { try service.principal(forToken: first.token) }
  }

  @Test("a session ends after 12 idle hours and 7 days in all")
  func expiry() throws {
    let database = try TestDatabase()
    _ = try database.open()
    let clock = MovableClock(try Instant(parsing: "2026-12-01 09:00"))
    let service = database.service(clock: { clock.now })
    try service.setPassword(
      login: "admin", password: "a-long-enough-password", as: .storeHolder(claimedLogin: "admin"))
    let session = try service.signIn(login: "admin", password: "a-long-enough-password")
    clock.now = clock.now + 11 * 3_600
    #expect(try service.principal(forToken: session.token) == .signedIn(login: "admin"))
    clock.now = clock.now + 12 * 3_600 + 1
    #expect(throws: LabNetError.self) { try service.principal(forToken: session.token) }
    // Used every 11 hours, it still ends after 7 days.
    let kept = try service.signIn(login: "admin", password: "a-long-enough-password")
    for _ in 0..<16 {  // 176 hours: past the 168 of 7 days
      clock.now = clock.now + 11 * 3_600
      _ = try? service.principal(forToken: kept.token)
    }
    #expect(throws: LabNetError.self) { try service.principal(forToken: kept.token) }
  }
}

/// A clock a test moves by hand.
final class MovableClock: @unchecked Sendable {
  var now: Instant
  init(_ now: Instant) { self.now = now }
}
