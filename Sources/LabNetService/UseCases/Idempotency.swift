import InstrumentNetwork
import NetworkStore

/// What a request that creates something answered: its status and body.
public struct CreatedReply: Sendable, Hashable {
  public var status: Int
  public var body: String
  /// True when this is the stored answer of an earlier request with the
  /// same Idempotency-Key: nothing was done this time.
  public var replayed = false

  public init(status: Int, body: String) {
    self.status = status
    self.body = body
  }
}

extension NetworkService {
  /// Runs `work` (a use case that writes, and the text of its answer) at
  /// most once per Idempotency-Key of the acting person. In one transaction
  /// it takes the key's lock (before any other: key, then instrument →
  /// booking → voucher → policy), returns the stored answer if the key was
  /// used in the last day, else does the work and stores its answer. A
  /// client that lost an answer retries with the same key and cannot double
  /// anything. Without a key it is just `work`.
  /// `request` is what identifies the request (method, path, body): a key
  /// used again for another request is refused.
  public func once(
    key: String?, request: [UInt8], as principal: Principal,
    _ work: (NetworkService) throws -> CreatedReply
  ) throws -> CreatedReply {
    guard let key else { return try work(self) }
    let requestDigest = SHA256.hex(request)
    try Self.checkIdempotencyKey(key)
    return try write { store in
      let actor = try actor(principal, in: store)
      try store.lockIdempotencyKey(accountID: actor.id, key: key)
      if let stored = try store.storedReply(accountID: actor.id, key: key) {
        guard stored.requestDigest == requestDigest else {
          throw LabNetError.refused(
            "the Idempotency-Key \"\(key)\" was used for a different request; use a new key for a new request",
            code: "idempotency_key_reused")
        }
        var reply = CreatedReply(status: stored.status, body: stored.body)
        reply.replayed = true
        return reply
      }
      let reply = try work(self)
      try store.storeReply(
        StoredReply(status: reply.status, body: reply.body, requestDigest: requestDigest),
        accountID: actor.id, key: key)
      return reply
    }
  }

  /// Refuses a key that is not 1 to 255 visible ASCII characters.
  public static func checkIdempotencyKey(_ key: String) throws {
    guard (1...255).contains(key.utf8.count), key.utf8.allSatisfy({ (0x21...0x7E).contains($0) })
    else {
      throw LabNetError.invalidData(
        "the Idempotency-Key must be 1 to 255 visible ASCII characters, like a UUID",
        code: "invalid_idempotency_key")
    }
  }
}
