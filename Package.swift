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
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    .systemLibrary(
      name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
    .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
    .executableTarget(name: "SchemaEmbedder"),
    .plugin(name: "EmbedSchema", capability: .buildTool(), dependencies: ["SchemaEmbedder"]),
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
    .target(name: "LabNetService", dependencies: ["InstrumentNetwork", "NetworkStore"]),
    .target(
      name: "LabNetCommands",
      dependencies: [
        "InstrumentNetwork", "NetworkStore", "LabNetService",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(name: "labnet", dependencies: ["LabNetCommands"]),
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
      dependencies: ["NetworkStore", "LabNetService", "InstrumentNetwork", "LabNetTestSupport"]),
    .testTarget(
      name: "LabNetServiceTests",
      dependencies: ["LabNetService", "NetworkStore", "InstrumentNetwork", "LabNetTestSupport"]),
    .testTarget(
      name: "LabNetCommandsTests",
      dependencies: ["LabNetCommands", "InstrumentNetwork", "LabNetTestSupport", "labnet"]),
  ]
)
