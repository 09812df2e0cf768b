import Foundation
import InstrumentNetwork
import LabNetHTTP
import LabNetService
import NetworkStore

// labnet-serve: the process `labnet serve` becomes (execv), so that only the
// server links Hummingbird and SwiftNIO and every other command starts small.
//
//   labnet-serve DATABASE-URL HOST PORT WORKERS      (arguments checked by `labnet serve`)

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("labnet: \(message)\n".utf8))
  exit(69)
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count == 4, let port = Int(arguments[2]), let workers = Int(arguments[3]) else {
  fail("labnet-serve is started by `labnet serve`; run that instead")
}
let location: StoreLocation
do {
  location = try StoreLocation(parsing: arguments[0])
} catch {
  fail(error.message)
}
// The server reads its own clock: a request never sets it. LABNET_NOW fixes
// it for rehearsals and tests, as for every command, and says so.
var clock: @Sendable () -> Instant = { Instant.now() }
if let text = ProcessInfo.processInfo.environment["LABNET_NOW"], !text.isEmpty {
  do {
    let fixed = try Instant(parsing: text)
    clock = { fixed }
    FileHandle.standardError.write(
      Data("labnet: note: LABNET_NOW fixes the server's clock at \(fixed.iso8601)\n".utf8))
  } catch {
    fail(error.message)
  }
}
let service = NetworkService(pool: StorePool(location: location, size: workers), clock: clock)
do {
  _ = try service.expectedSchemaVersion
} catch let error as LabNetError {
  fail(error.message)
} catch {
  fail("\(error)")
}
// The outbox, delivered in the background when an SMTP server is named
// (`labnet serve --smtp`, LABNET_SMTP): the same use case as `notify send`.
if let smtp = ProcessInfo.processInfo.environment["LABNET_SMTP"], !smtp.isEmpty {
  let environment = ProcessInfo.processInfo.environment
  let seconds = environment["LABNET_NOTIFY_INTERVAL"].flatMap(UInt32.init) ?? 30
  let sender: EmailAddress
  do {
    sender = try EmailAddress(parsing: environment["LABNET_MAIL_FROM"] ?? "labnet@localhost")
  } catch {
    fail(error.message)
  }
  Thread.detachNewThread {
    while true {
      do {
        let report = try service.deliverNotices(
          via: CurlSMTP(server: smtp), from: sender, limit: 500)
        if report.sent > 0 || !report.failed.isEmpty {
          FileHandle.standardError.write(
            Data(
              "labnet serve: notify: sent \(report.sent), failed \(report.failed.count)\(report.failed.first.map { " (\($0))" } ?? "")\n"
                .utf8))
        }
      } catch {
        FileHandle.standardError.write(Data("labnet serve: notify: \(error)\n".utf8))
      }
      sleep(seconds)
    }
  }
}
let server = LabNetServer(service: service, host: arguments[1], port: port, workers: workers)
do {
  try await server.run { url in
    FileHandle.standardOutput.write(Data("labnet serve: listening on \(url) (\(location))\n".utf8))
  }
} catch {
  fail("the server stopped: \(error)")
}
