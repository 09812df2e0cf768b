// swift-tools-version: 6.1
import PackageDescription

/// Store backends are SwiftPM traits: `SQLite` (default) and `PostgreSQL`.
/// `swift build --traits PostgreSQL` builds the server store, `--traits SQLite,PostgreSQL` both.
let sqliteOnly: TargetDependencyCondition? = .when(traits: ["SQLite"])
let postgresOnly: TargetDependencyCondition? = .when(traits: ["PostgreSQL"])

let package = Package(
  name: "labnet",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "labnet", targets: ["labnet"]),
    .executable(name: "labnet-serve", targets: ["labnet-serve"]),
    .executable(name: "labnet-remote", targets: ["labnet-remote"]),
    .library(name: "InstrumentNetwork", targets: ["InstrumentNetwork"]),
    .library(name: "NetworkStore", targets: ["NetworkStore"]),
    .library(name: "LabNetService", targets: ["LabNetService"]),
  ],
  traits: [
    .trait(name: "SQLite", description: "Embedded store over the system libsqlite3."),
    .trait(name: "PostgreSQL", description: "Shared-server store over the system libpq."),
    .default(enabledTraits: ["SQLite"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    // bcrypt for passwords (its C library only: no NIO, no crypto package).
    .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
    // The HTTP server of `labnet serve`, and its log.
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    // The xlsx statement: a ZIP archive of plain SpreadsheetML parts.
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    // The web pages' templates: logic-less, HTML-escaping by default, no dependencies.
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
  ],
  targets: [
    .systemLibrary(
      name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
    .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
    .executableTarget(name: "SchemaEmbedder"),
    .plugin(name: "EmbedSchema", capability: .buildTool(), dependencies: ["SchemaEmbedder"]),
    // The same tool for a target's *.json files (LabNetHTTP's openapi.json).
    .plugin(name: "EmbedFiles", capability: .buildTool(), dependencies: ["SchemaEmbedder"]),
    .target(name: "InstrumentNetwork"),
    .target(
      name: "NetworkStore",
      dependencies: [
        "InstrumentNetwork",
        .target(name: "CSQLite", condition: sqliteOnly),
        .target(name: "CLibPQ", condition: postgresOnly),
      ],
      plugins: ["EmbedSchema"]
    ),
    // The use cases: the only place that resolves the actor, asks the domain and opens transactions.
    .target(
      name: "LabNetService",
      dependencies: [
        "InstrumentNetwork", "NetworkStore",
        .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
      ]),
    // Table, JSON, CSV, iCalendar and HTML texts, the same for the CLI and an HTTP server.
    .target(
      name: "LabNetPresentation",
      dependencies: [
        "InstrumentNetwork", "NetworkStore", "LabNetService",
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ]),
    // `labnet serve`: HTTP routes over the service; auth → Principal; errors → statuses.
    .target(
      name: "LabNetHTTP",
      dependencies: [
        "InstrumentNetwork", "NetworkStore", "LabNetService", "LabNetPresentation",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Mustache", package: "swift-mustache"),
      ],
      exclude: ["openapi.json", "Templates"],
      plugins: ["EmbedFiles"]),
    .target(
      name: "LabNetCommands",
      dependencies: [
        "InstrumentNetwork", "NetworkStore", "LabNetService", "LabNetPresentation",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(name: "labnet", dependencies: ["LabNetCommands"]),
    // The CLI through a server: the same use-case interface over the JSON API.
    .target(
      name: "LabNetClient",
      dependencies: [
        "InstrumentNetwork", "NetworkStore", "LabNetService", "LabNetPresentation",
        "LabNetCommands",
      ]),
    // The process `labnet --server …` becomes: only it links the HTTP client (libcurl).
    .executableTarget(
      name: "labnet-remote", dependencies: ["LabNetClient", "LabNetCommands"],
      path: "Sources/LabNetRemote"),
    // The process `labnet serve` becomes: only it links Hummingbird and NIO.
    .executableTarget(
      name: "labnet-serve",
      dependencies: ["LabNetHTTP", "LabNetService", "NetworkStore", "InstrumentNetwork"],
      path: "Sources/LabNetServe"),
    // In-process measurements for scripts/bench (booking throughput, free slots, search).
    .executableTarget(
      name: "labnet-bench", dependencies: ["LabNetService", "NetworkStore", "InstrumentNetwork"],
      path: "Sources/LabNetBench"),
    // Fresh databases on the backend a build has, for the store and CLI tests.
    .target(
      name: "LabNetTestSupport",
      dependencies: ["LabNetService", "NetworkStore", "InstrumentNetwork"],
      path: "Tests/LabNetTestSupport"),
    .testTarget(name: "InstrumentNetworkTests", dependencies: ["InstrumentNetwork"]),
    .testTarget(
      name: "NetworkStoreTests",
      dependencies: [
        "NetworkStore", "LabNetService", "InstrumentNetwork", "LabNetTestSupport", "LabNetCommands",
      ]),
    .testTarget(
      name: "LabNetServiceTests",
      dependencies: ["LabNetService", "NetworkStore", "InstrumentNetwork", "LabNetTestSupport"]),
    .testTarget(
      name: "LabNetCommandsTests",
      dependencies: [
        "LabNetCommands", "InstrumentNetwork", "LabNetTestSupport", "labnet",
        "labnet-serve", "labnet-remote",
      ]),
  ]
)
