import InstrumentNetwork
import LabNetTestSupport
import Testing

@testable import NetworkStore

struct Deliberate: Error {}

@Suite("Transactions and constraints")
struct TransactionTests {
  @Test("a failing transaction leaves nothing behind")
  func rollback() throws {
    let network = try SmallNetwork()
    let store = network.admin
    let before = try network.count("unit")
    #expect(throws: Deliberate.self) {
      try store.write {
        try store.database.execute(
          "INSERT INTO unit (name, province, city, kind, created_at) VALUES ('半途', 'SH', '上海', 'other', 0)",
          [])
        #expect(try network.count("unit") == before + 1)
        throw Deliberate()
      }
    }
    #expect(try network.count("unit") == before)
    // A refused operation half-way through also leaves the store as it was.
    let instruments = try network.count("instrument")
    #expect(throws: LabNetError.self) {
      try store.updateInstrument(id: network.microscope.id) { $0.value = Money(fen: 1) }
    }
    #expect(try network.count("instrument") == instruments)
    #expect(
      try store.instrument(id: network.microscope.id).instrument.value == network.microscope.value)
  }

  @Test("a duplicate unique key comes back as a refusal, not a raw SQL error")
  func uniqueViolation() throws {
    let network = try SmallNetwork()
    let store = network.admin
    let error = failure(store) {
      try store.write {
        try store.database.execute(
          "INSERT INTO unit (name, province, city, kind, created_at) VALUES ('复旦大学', 'SH', '上海', 'university', 0)",
          [])
      }
    }
    #expect(error?.exitCode == 67)
    #expect(error?.message.contains("already exists") == true)
    // Through the operation, the message names the unit.
    let named = failure(store) {
      _ = try store.addUnit(name: "复旦大学", province: .shanghai, city: "上海", kind: .university)
    }
    #expect(named?.kind == .refused)
    #expect(named?.message == "a unit named \"复旦大学\" already exists")
  }

  @Test("the database refuses what the rules refuse, even past the Swift checks")
  func checkViolations() throws {
    let network = try SmallNetwork()
    let store = network.admin
    let unit = network.fudan.id
    // Below the admission bar.
    let cheap = failure(store) {
      try store.write {
        try store.database.execute(
          "INSERT INTO instrument (unit_id, name, category, value_fen, hourly_rate_fen, created_at, updated_at) VALUES (?, '天平', 'metrology', 29999999, 100, 0, 0)",
          [.integer(unit)])
      }
    }
    #expect(cheap?.exitCode == 67)
    // A foreign key to nowhere.
    let orphan = failure(store) {
      try store.write {
        try store.database.execute(
          "INSERT INTO instrument (unit_id, name, category, value_fen, hourly_rate_fen, created_at, updated_at) VALUES (999999, '孤儿', 'other', 50000000, 100, 0, 0)",
          [])
      }
    }
    #expect(orphan?.exitCode == 66)
    #expect(try network.count("instrument") == 1)
  }

  @Test("two overlapping active reservations are refused by the database itself")
  func overlap() throws {
    let network = try SmallNetwork()
    let store = network.admin
    let insert = """
      INSERT INTO reservation (instrument_id, booker_id, booker_unit_id, starts_at, ends_at,
        status, hourly_rate_fen, quoted_fee_fen, created_at, updated_at)
      VALUES (?, 1, ?, ?, ?, ?, 0, 0, 0, 0)
      """
    func reserve(_ start: Int64, _ end: Int64, _ status: String = "confirmed") throws {
      _ = try store.write {
        try store.database.execute(
          insert,
          [
            .integer(network.microscope.id), .integer(network.fudan.id), .integer(start),
            .integer(end), .text(status),
          ])
      }
    }
    try reserve(3_600, 7_200)
    try reserve(7_200, 10_800)  // back to back is fine: intervals are half-open
    try reserve(0, 86_400, "cancelled")  // cancelled ones do not count
    let error = failure(store) { try reserve(5_400, 9_000) }
    #expect(error?.exitCode == 67)
    #expect(error?.message.contains("overlaps") == true)
    // Re-activating a cancelled reservation over a confirmed one is refused too.
    let update = failure(store) {
      try store.write {
        try store.database.execute(
          "UPDATE reservation SET status = 'pending' WHERE starts_at = 0", [])
      }
    }
    #expect(update?.exitCode == 67)
    #expect(try network.count("reservation") == 3)
  }

  @Test("a voucher balance never goes negative and the ledger is append-only")
  func voucherInvariants() throws {
    let network = try SmallNetwork()
    let store = network.admin
    let enterprise = try store.addUnit(
      name: "嘉兴光电科技有限公司", province: .zhejiang, city: "嘉兴", kind: .enterprise)
    try store.write {
      try store.database.execute(
        "INSERT INTO voucher (code, province, holder_unit_id, face_value_fen, valid_from, valid_to, issued_at) VALUES ('ZJ-2026-000001', 'ZJ', ?, 100000, 0, 10, 0)",
        [.integer(enterprise.id)])
      try store.database.execute(
        "INSERT INTO voucher_ledger (voucher_id, entry, amount_fen, recorded_at) VALUES (1, 'issue', 100000, 0)",
        [])
    }
    #expect(try store.database.scalar("SELECT balance_fen FROM voucher") == 100_000)
    _ = try store.write {
      try store.database.execute(
        "INSERT INTO reservation (instrument_id, booker_id, booker_unit_id, starts_at, ends_at, status, hourly_rate_fen, quoted_fee_fen, created_at, updated_at) VALUES (?, 1, ?, 0, 3600, 'confirmed', 150000, 150000, 0, 0)",
        [.integer(network.microscope.id), .integer(enterprise.id)])
    }
    let overspend = failure(store) {
      try store.write {
        try store.database.execute(
          "INSERT INTO voucher_ledger (voucher_id, reservation_id, entry, amount_fen, recorded_at) VALUES (1, 1, 'redeem', -100001, 0)",
          [])
      }
    }
    #expect(overspend?.exitCode == 67)
    #expect(try store.database.scalar("SELECT balance_fen FROM voucher") == 100_000)
    for statement in [
      "UPDATE voucher_ledger SET amount_fen = 1", "DELETE FROM voucher_ledger",
    ] {
      let error = failure(store) { try store.write { try store.database.execute(statement, []) } }
      #expect(error?.message.contains("append-only") == true, "\(statement)")
    }
    #expect(try network.count("voucher_ledger") == 1)
  }
}
