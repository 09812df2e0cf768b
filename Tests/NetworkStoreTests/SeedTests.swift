import InstrumentNetwork
import LabNetTestSupport
import Testing

@testable import NetworkStore

@Suite("Seed")
struct SeedTests {
  static let scale = 0.02

  @Test("a scaled seed hits its scaled headline figures exactly")
  func scaledFigures() throws {
    let database = try TestDatabase()
    let store = try database.acting(as: TestDatabase.adminLogin)
    let report = try store.seedNetwork(seed: 2018, scale: Self.scale, replace: false)
    let targets = SeedTargets.scaled(Self.scale)
    #expect(targets.units == 42 && targets.instruments == 905 && targets.largeOrAbove == 598)
    let statistics = try store.statistics()
    #expect(statistics.units == targets.units)
    #expect(statistics.instruments == targets.instruments)
    #expect(statistics.largeOrAbove == targets.largeOrAbove)
    #expect(statistics.totalValue == targets.totalValue)
    #expect(statistics.byProvince.allSatisfy { $0.units > 0 && $0.instruments > 0 })
    #expect(try store.database.scalar("SELECT min(value_fen) FROM instrument") ?? 0 >= 30_000_000)
    // A manager and a researcher per unit, an issuer and an auditor per province, a network auditor.
    #expect(report.accounts == 2 * targets.units + 9)
    let manager = try #require(try store.account(login: "m0001"))
    #expect(manager.roles == [.manager(unitID: 1)])
    #expect(try store.account(login: "auditor")?.roles == [.auditor(nil)])
    #expect(try store.account(login: "issuer-zj")?.roles == [.issuer(.zhejiang)])
  }

  @Test("the same seed builds the same network, on either backend")
  func deterministic() throws {
    let first = try TestDatabase()
    let second = try TestDatabase()
    let a = try first.acting(as: TestDatabase.adminLogin)
    let b = try second.acting(as: TestDatabase.adminLogin)
    _ = try a.seedNetwork(seed: 7, scale: Self.scale, replace: false)
    _ = try b.seedNetwork(seed: 7, scale: Self.scale, replace: false)
    #expect(try fingerprint(a) == fingerprint(b))
    let other = try TestDatabase()
    let c = try other.acting(as: TestDatabase.adminLogin)
    _ = try c.seedNetwork(seed: 8, scale: Self.scale, replace: false)
    #expect(try fingerprint(a) != fingerprint(c))
    // The same figure on SQLite and PostgreSQL: both test runs check this value.
    let digest = try fingerprint(a)
    #expect(digest == "a75e031a1b284540", "fingerprint \(digest)")
  }

  @Test("seeding a store that holds a network refuses, and --replace rebuilds it")
  func refuseThenReplace() throws {
    let database = try TestDatabase()
    let store = try database.acting(as: TestDatabase.adminLogin)
    _ = try store.seedNetwork(seed: 1, scale: 0.01, replace: false)
    let units = try store.statistics().units
    let error = #expect(throws: LabNetError.self) {
      try store.seedNetwork(seed: 1, scale: 0.01, replace: false)
    }
    #expect(error?.exitCode == 67)
    #expect(error?.hint == .replaceToReseed)
    #expect(try store.statistics().units == units)
    _ = try store.seedNetwork(seed: 1, scale: 0.01, replace: true)
    #expect(try store.statistics().units == units)
    #expect(try store.database.scalar("SELECT count(*) FROM account WHERE login = 'm0001'") == 1)
    #expect(try store.account(login: TestDatabase.adminLogin)?.isAdmin == true)
  }

  @Test("historical bookings: as many as asked, never overlapping, every kind, indexes rebuilt")
  func historicalBookings() throws {
    let database = try TestDatabase()
    let store = try database.acting(as: TestDatabase.adminLogin)
    let indexQuery = store.database.dialect.secondaryIndexesQuery
    let indexes = try store.database.rows(indexQuery, [.text("reservation")]) { $0.string(0) }
    _ = try store.seedNetwork(seed: 3, scale: 0.01, replace: false, bookings: 3_000)
    #expect(try store.database.scalar("SELECT count(*) FROM reservation") == 3_000)
    #expect(try store.database.rows(indexQuery, [.text("reservation")]) { $0.string(0) } == indexes)
    let overlapping = try store.database.scalar(TestDatabase.overlapQuery)
    #expect(overlapping == 0)
    let statuses = Set(
      try store.database.rows("SELECT DISTINCT status FROM reservation") { $0.string(0) })
    #expect(statuses.isSuperset(of: ["completed", "cancelled", "no_show"]))
    #expect(
      try store.database.scalar(
        "SELECT count(*) FROM reservation WHERE status = 'completed' AND (charged_fee_fen IS NULL OR used_from IS NULL)"
      ) == 0)
    let crossProvince =
      try store.database.scalar(
        """
        SELECT count(*) FROM reservation AS r JOIN unit AS b ON b.id = r.booker_unit_id
          JOIN instrument AS i ON i.id = r.instrument_id JOIN unit AS o ON o.id = i.unit_id
        WHERE b.province <> o.province
        """) ?? 0
    #expect(
      crossProvince > 300 && crossProvince < 1_500, "\(crossProvince) of 3,000 across provinces")
    // A non-shared instrument is booked only by its own unit.
    #expect(
      try store.database.scalar(
        "SELECT count(*) FROM reservation AS r JOIN instrument AS i ON i.id = r.instrument_id WHERE i.shared = 0 AND r.booker_unit_id <> i.unit_id"
      ) == 0)
    // All in 2018, inside weekday working hours.
    #expect(
      try store.database.scalar("SELECT min(starts_at) FROM reservation") ?? 0 >= 1_514_736_000)
    #expect(try store.database.scalar("SELECT max(ends_at) FROM reservation") ?? 0 <= 1_546_272_000)
  }

  @Test("only an admin seeds")
  func adminOnly() throws {
    let network = try SmallNetwork()
    let error = #expect(throws: LabNetError.self) {
      try network.store(as: "wang").seedNetwork(seed: 1, scale: 0.01, replace: true)
    }
    #expect(error?.exitCode == 77)
    #expect(try network.count("unit") == 2)
  }

  /// A digest of every unit and instrument as stored (FNV-1a, 64 bits).
  func fingerprint(_ store: ActingStore) throws -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    func mix(_ text: String) {
      for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x100_0000_01b3
      }
    }
    try store.database.query(
      "SELECT id, name, province, city, kind FROM unit ORDER BY id", []
    ) { row in mix((0..<5).map { row.string($0) }.joined(separator: "|") + "\n") }
    try store.database.query(
      """
      SELECT id, unit_id, name, model, manufacturer, category, value_fen, hourly_rate_fen,
        location, opening_hours, status, shared, granularity_minutes
      FROM instrument ORDER BY id
      """, []
    ) { row in mix((0..<13).map { row.string($0) }.joined(separator: "|") + "\n") }
    try store.database.query(
      "SELECT login, display_name, coalesce(unit_id, 0) FROM account WHERE login NOT IN ('admin', ?) ORDER BY login",
      [.text(TestDatabase.adminLogin)]
    ) { row in mix((0..<3).map { row.string($0) }.joined(separator: "|") + "\n") }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}
