import Foundation
import InstrumentNetwork

/// An outbox message as an RFC 5322 e-mail: UTF-8 text, base64 bodies and
/// encoded-word subjects (so Chinese and any typed text pass any server
/// unchanged), CRLF line ends, and a Message-ID that names the message, so
/// a receiver can tell a repeat (delivery is at least once).
public struct MailMessage: Sendable, Hashable {
  public var from: EmailAddress
  public var to: EmailAddress
  public var subject: String
  public var body: String
  public var messageID: String
  public var date: Instant

  public init(
    from: EmailAddress, to: EmailAddress, subject: String, body: String, messageID: String,
    date: Instant
  ) {
    self.from = from
    self.to = to
    self.subject = subject
    self.body = body
    self.messageID = messageID
    self.date = date
  }

  /// The message's text, ready for SMTP's DATA.
  public var text: String {
    let encodedSubject = "=?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?="
    let encodedBody = Data(body.utf8).base64EncodedString(
      options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
    return [
      "From: labnet <\(from.text)>",
      "To: <\(to.text)>",
      "Subject: \(encodedSubject)",
      "Date: \(Self.rfc5322Date(date))",
      "Message-ID: <\(messageID)>",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=UTF-8",
      "Content-Transfer-Encoding: base64",
      "",
      encodedBody,
      "",
    ].joined(separator: "\r\n")
  }

  /// `Tue, 08 Dec 2026 09:30:00 +0800`.
  static func rfc5322Date(_ instant: Instant) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3_600)
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
    return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(instant.seconds)))
  }
}

/// Where messages go: an SMTP server, or anything a test stands up.
public protocol MailTransport: Sendable {
  /// Delivers `message`; throws with the server's words when it does not.
  func send(_ message: MailMessage) throws
}

/// SMTP through curl (Debian's curl, which scripts/test installs): EHLO,
/// STARTTLS where the server offers it (`--ssl`), MAIL FROM, RCPT TO, DATA.
/// curl speaks the protocol, TLS included, so labnet links no TLS library.
public struct CurlSMTP: MailTransport {
  public var server: String
  public var timeoutSeconds: Int

  /// `server` is `HOST:PORT`.
  public init(server: String, timeoutSeconds: Int = 30) {
    self.server = server
    self.timeoutSeconds = timeoutSeconds
  }

  public func send(_ message: MailMessage) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "curl", "--silent", "--show-error", "--ssl", "--url", "smtp://\(server)/labnet",
      "--mail-from", message.from.text, "--mail-rcpt", message.to.text, "--upload-file", "-",
      "--connect-timeout", "10", "--max-time", String(timeoutSeconds),
    ]
    let input = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardOutput = FileHandle.nullDevice
    process.standardError = errors
    do {
      try process.run()
    } catch {
      throw LabNetError.storeUnavailable(
        "cannot run curl to send mail (install Debian's curl): \(error.localizedDescription)")
    }
    input.fileHandleForWriting.write(Data(message.text.utf8))
    try? input.fileHandleForWriting.close()
    let said = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      let words =
        String(decoding: said, as: UTF8.self)
        .split(separator: "\n").first.map(String.init) ?? "exit \(process.terminationStatus)"
      throw LabNetError.busy(
        "the mail server at \(server) did not take the message: \(words)", code: "mail_refused")
    }
  }
}
