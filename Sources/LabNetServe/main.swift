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
let server = LabNetServer(service: service, host: arguments[1], port: port, workers: workers)
do {
  try await server.run { url in
    FileHandle.standardOutput.write(Data("labnet serve: listening on \(url) (\(location))\n".utf8))
  }
} catch {
  fail("the server stopped: \(error)")
}
