import InstrumentNetwork
import LabNetTestSupport
import Testing

@testable import NetworkStore

@Suite("Stored data the decoders read")
struct StoredDataTests {
  /// Sets one stored value behind labnet's back, the way a careless edit
  /// would; SQLite is told to skip its CHECKs so the bad value lands.
  func corrupt(_ network: SmallNetwork, _ sql: String) throws {
    if !TestDatabase.isPostgres {
      try network.admin.database.executeScript("PRAGMA ignore_check_constraints = ON")
    }
    _ = try network.admin.write { try network.admin.database.execute(sql, []) }
  }

  @Test(
    "a value the decoder cannot read is a clear store error, never a default",
    arguments: [
      ("UPDATE instrument SET opening_hours = 'Funday 25:00-26:00'", "instrument.opening_hours"),
      ("UPDATE instrument SET status = 'melted'", "instrument.status"),
      ("UPDATE unit SET kind = 'castle' WHERE name = '复旦大学'", "unit.kind"),
    ])
  func unreadableInstrument(sql: String, column: String) throws {
    let network = try SmallNetwork()
    if TestDatabase.isPostgres && column != "instrument.opening_hours" {
      // PostgreSQL's CHECKs refuse these outright, whatever the session.
      #expect(throws: (any Error).self) { try corrupt(network, sql) }
      return
    }
    try corrupt(network, sql)
    let error = failure(network.admin) { try network.admin.instrument(id: network.microscope.id) }
    #expect(error?.kind == .storeUnavailable, "\(String(describing: error))")
    #expect(error?.code == "unreadable_data")
    #expect(error?.message.contains(column) == true, "\(String(describing: error))")
  }

  @Test("an unknown province is refused on read, not guessed")
  func unreadableProvinceAndStatus() throws {
    let network = try SmallNetwork()
    if !TestDatabase.isPostgres {
      try corrupt(network, "UPDATE unit SET province = 'XX' WHERE name = '浙江大学'")
      let error = failure(network.admin) { try network.admin.unit(named: "浙江大学") }
      #expect(error?.code == "unreadable_data")
      #expect(error?.message.contains("unit.province") == true, "\(String(describing: error))")
    } else {
      #expect(throws: (any Error).self) {
        try corrupt(network, "UPDATE unit SET province = 'XX' WHERE name = '浙江大学'")
      }
    }
  }

  @Test("the schema holds time for exactly the statuses the domain says do")
  func holdingStatusesAgree() throws {
    let network = try SmallNetwork()
    let database = network.admin.database
    let id = network.microscope.id
    for (index, status) in ReservationStatus.allCases.enumerated() {
      // One existing booking in `status`, then an overlapping confirmed one.
      let base = Int64(10_000_000 + index * 100_000)
      try network.admin.write {
        try database.execute("DELETE FROM reservation", [])
        try database.execute(
          "INSERT INTO reservation (instrument_id, booker_id, booker_unit_id, starts_at, ends_at, status, hourly_rate_fen, quoted_fee_fen, used_from, used_to, charged_fee_fen, created_at, updated_at) VALUES (?, 1, ?, ?, ?, ?, 0, 0, ?, ?, ?, 0, 0)",
          [
            .integer(id), .integer(network.fudan.id), .integer(base), .integer(base + 3_600),
            .text(status.rawValue), .integer(base), .integer(base + 3_600), .integer(0),
          ])
      }
      let overlap = failure(network.admin) {
        try network.admin.write {
          try database.execute(
            "INSERT INTO reservation (instrument_id, booker_id, booker_unit_id, starts_at, ends_at, status, hourly_rate_fen, quoted_fee_fen, created_at, updated_at) VALUES (?, 1, ?, ?, ?, 'confirmed', 0, 0, 0, 0)",
            [
              .integer(id), .integer(network.fudan.id), .integer(base + 1_800),
              .integer(base + 5_400),
            ])
        }
      }
      #expect(
        (overlap != nil) == ReservationStatus.holdingTime.contains(status),
        "\(status): \(String(describing: overlap))")
    }
  }
}
