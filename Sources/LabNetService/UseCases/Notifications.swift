import InstrumentNetwork
import NetworkStore

/// What one `notify send` did.
public struct DeliveryReport: Sendable, Hashable {
  public var sent = 0
  public var failed: [String] = []
  /// Messages of accounts with no e-mail address: kept for the pages and the API.
  public var withoutAddress = 0
  /// Reminders written by this run before sending.
  public var reminders = 0

  public init() {}
}

extension NetworkService {
  /// How long a claimed message is left to one sender before another may try it.
  static let claimSeconds: Int64 = 300

  /// Writes the messages that time makes due, each once however often it
  /// runs: a reminder to the booker of each booking starting within 24
  /// hours, and a word to the people of a unit whose voucher, with money
  /// left, expires within 30 days. `notify send` and `labnet serve --smtp`
  /// run it before each delivery. Returns how many it wrote.
  public func writeDueReminders() throws -> Int {
    try write { store in
      var written = 0
      for (booking, name) in try store.bookingsToRemind(within: 86_400)
      where try store.insertNotice(
        .reminder(booking, instrumentName: name), for: booking.bookerID,
        once: "reminder:\(booking.id)")
      {
        written += 1
      }
      for voucher in try store.vouchersExpiring(within: 30 * 86_400)
      where try store.insertNotice(
        .voucherExpiring(
          code: voucher.code, balance: voucher.balance,
          lastDay: (voucher.validTo - 1).localDate),
        for: voucher.accountID, once: "voucher-expiring:\(voucher.id):\(voucher.accountID)")
      {
        written += 1
      }
      return written
    }
  }

  /// Sets an account's e-mail address: the person themselves, or an admin.
  /// Returns the address as stored.
  @discardableResult
  public func setEmail(login: String, address: String, as principal: Principal) throws -> String {
    let parsed = try EmailAddress(parsing: address)
    return try write { store in
      let actor = try actor(principal, in: store)
      guard let person = try store.account(login: login) else {
        throw LabNetError.notFound("no account with login \(login)")
      }
      try actor.requireToSetEmail(of: person)
      try store.setEmail(accountID: person.id, address: parsed)
      return parsed.text
    }
  }

  /// Delivers the outbox's due messages through `transport`, at least once:
  /// each is claimed for a while (so two senders do not both take it), sent,
  /// and only then marked sent, each step its own transaction. A sender
  /// killed between sending and marking sends that message again next time:
  /// twice at worst, never not at all. A failure is retried later, waiting
  /// longer each time (1 minute, doubling, at most a day). Run by the
  /// operator (`labnet notify send`) or by `labnet serve --smtp`.
  public func deliverNotices(
    via transport: any MailTransport, from sender: EmailAddress, limit: Int
  )
    throws -> DeliveryReport
  {
    var report = DeliveryReport()
    report.reminders = try writeDueReminders()
    let installation = try read { try $0.installationID() }
    for notice in try read({ try $0.dueNotices(limit: limit) }) {
      guard let address = notice.address.flatMap({ try? EmailAddress(parsing: $0) }) else {
        report.withoutAddress += 1
        // Looked at again in a day, in case an address is set meanwhile.
        try write {
          try $0.markNoticeFailed(
            id: notice.id, error: "\(notice.login) has no e-mail address",
            retryAt: now + 86_400)
        }
        continue
      }
      guard try write({ try $0.claimNotice(id: notice.id, until: now + Self.claimSeconds) })
      else { continue }
      let message = MailMessage(
        from: sender, to: address, subject: notice.subject, body: notice.body,
        messageID: "notification-\(notice.id)@\(installation).labnet", date: now)
      do {
        try transport.send(message)
        try write { try $0.markNoticeSent(id: notice.id) }
        report.sent += 1
      } catch {
        let words = (error as? LabNetError)?.message ?? "\(error)"
        let wait = min(Int64(60) << Int64(min(notice.attempts, 10)), 86_400)
        try write { try $0.markNoticeFailed(id: notice.id, error: words, retryAt: now + wait) }
        report.failed.append("message \(notice.id) to \(address): \(words)")
      }
    }
    return report
  }
}
