import InstrumentNetwork
import LabNetService
import LabNetTestSupport
import NetworkStore
import Testing

/// A lab manager "registers and imports the unit's instruments, sets fees,
/// opening hours and maintenance blocks" and "must never be able to touch
/// another unit's instruments"; catalogue reads need no account.
@Suite("Instruments")
struct InstrumentTests {
  /// What 复旦大学's manager, or an admin, may do to 复旦大学's instruments.
  static let fudanManagement = Permissions(allowed: [.fudanManager, .admin])

  static let csvWithoutUnit = """
    name,category,value_yuan,rate_yuan_per_hour
    原子力显微镜,analytical,1500000,400
    扫描电子显微镜,分析仪器,2800000.50,600

    """

  /// A file naming 复旦大学 (by id) as the unit of its rows.
  static func csv(unit: Unit) -> String {
    """
    unit,name,category,value_yuan,rate_yuan_per_hour,shared
    \(unit.id),原子力显微镜,analytical,1500000,400,yes
    "\(unit.name)",拉曼光谱仪,analytical,900000,300,no

    """
  }

  func draft(for unit: Unit) -> InstrumentDraft {
    InstrumentDraft(
      unitID: unit.id, name: "原子力显微镜", category: .analytical,
      value: Money(yuanWhole: 1_500_000), hourlyRate: Money(yuanWhole: 400))
  }

  func count(_ unit: Unit, in network: Fixture) throws -> Int {
    try network.service.instruments(matching: InstrumentFilter(unitID: unit.id)).count
  }

  @Test("the unit's manager or an admin registers an instrument; nobody else")
  func register() throws {
    let network = try Fixture()
    let before = try count(network.fudan, in: network)
    try expectPermissions("registerInstrument", Self.fudanManagement) { actor in
      let listing = try network.service.registerInstrument(
        draft(for: network.fudan), as: actor.principal)
      #expect(listing.unit == network.fudan)
    }
    #expect(try count(network.fudan, in: network) == before + 2)
  }

  @Test("another unit's manager registers for its own unit only")
  func registerForOwnUnit() throws {
    let network = try Fixture()
    try expectPermissions(
      "registerInstrument for 浙江大学", Permissions(allowed: [.zjuManager, .admin])
    ) { actor in
      _ = try network.service.registerInstrument(draft(for: network.zju), as: actor.principal)
    }
  }

  @Test("the unit's manager or an admin changes an instrument's fee; nobody else")
  func update() throws {
    let network = try Fixture()
    var rate: Int64 = 800
    try expectPermissions("updateInstrument", Self.fudanManagement) { actor in
      let next = rate + 1
      let changed = try network.service.updateInstrument(
        id: network.nmr.id, InstrumentChanges(hourlyRate: Money(yuanWhole: next)),
        as: actor.principal)
      #expect(changed.instrument.hourlyRate == Money(yuanWhole: next))
      rate = next
    }
    #expect(try network.service.instrument(id: network.nmr.id).instrument.hourlyRate.fen == 80_200)
  }

  @Test("the unit's manager or an admin sets opening hours and sharing; nobody else")
  func updateHoursAndSharing() throws {
    let network = try Fixture()
    let allWeek = try OpeningHours(parsing: "24/7")
    try expectPermissions("updateInstrument hours", Self.fudanManagement) { actor in
      _ = try network.service.updateInstrument(
        id: network.nmr.id,
        InstrumentChanges(openingHours: allWeek, isShared: false), as: actor.principal)
    }
    let nmr = try network.service.instrument(id: network.nmr.id).instrument
    #expect(nmr.openingHours.is24x7 && !nmr.isShared)
  }

  @Test("the unit's manager or an admin retires an instrument; nobody else")
  func retire() throws {
    let network = try Fixture()
    try expectPermissions(
      "retireInstrument", Self.fudanManagement,
      prepare: { _ in
        try network.service.registerInstrument(
          draft(for: network.fudan), as: Actor.admin.principal
        ).instrument
      },
      attempt: { actor, instrument in
        let retired = try network.service.retireInstrument(
          id: instrument.id, as: actor.principal)
        #expect(retired.instrument.status == .retired)
      })
    let retired = try network.service.instruments(
      matching: InstrumentFilter(unitID: network.fudan.id, includeRetired: true)
    ).filter { $0.instrument.status == .retired }
    #expect(retired.count == 2)
  }

  @Test("the unit's manager or an admin blocks an instrument for maintenance; nobody else")
  func block() throws {
    let network = try Fixture()
    try expectPermissions(
      "blockInstrument", Self.fudanManagement,
      prepare: { _ in network.nextSlot() },
      attempt: { actor, interval in
        let report = try network.service.blockInstrument(
          BlockRequest(
            instrumentID: network.nmr.id, interval: interval, reason: "年度维护",
            cancellingBookings: false),
          as: actor.principal)
        #expect(report.cancelledBookings.isEmpty)
        #expect(report.block.interval == interval)
      })
  }

  @Test(
    "blocks of one instrument never overlap; the unit's manager removes one and its time is free")
  func unblock() throws {
    let network = try Fixture()
    let interval = network.nextSlot()
    let manager = Actor.fudanManager.principal
    let block = try network.service.blockInstrument(
      BlockRequest(
        instrumentID: network.nmr.id, interval: interval, reason: "年度维护",
        cancellingBookings: false),
      as: manager
    ).block
    let overlapping = (interval.lowerBound + 900)..<(interval.upperBound + 900)
    #expect(throws: LabNetError.self) {
      _ = try network.service.blockInstrument(
        BlockRequest(
          instrumentID: network.nmr.id, interval: overlapping, reason: "again",
          cancellingBookings: false),
        as: manager)
    }
    do {
      _ = try network.service.blockInstrument(
        BlockRequest(
          instrumentID: network.nmr.id, interval: overlapping, reason: "again",
          cancellingBookings: false),
        as: manager)
    } catch let error as LabNetError {
      #expect(error.code == "block_overlap")
      #expect(error.message.contains("block \(block.id)"))
    }
    #expect(try network.service.blocks(instrumentID: network.nmr.id).map(\.id) == [block.id])
    for outsider in [Actor.zjuResearcher, .shEnterpriseResearcher] {
      #expect(throws: LabNetError.self) {
        _ = try network.service.removeBlock(
          instrumentID: network.nmr.id, blockID: block.id, as: outsider.principal)
      }
    }
    let removed = try network.service.removeBlock(
      instrumentID: network.nmr.id, blockID: block.id, as: manager)
    #expect(removed == block)
    #expect(try network.service.blocks(instrumentID: network.nmr.id).isEmpty)
    let (_, free) = try network.service.freeSlots(instrumentID: network.nmr.id, window: interval)
    #expect(free == [interval])
    #expect(throws: LabNetError.self) {
      _ = try network.service.removeBlock(
        instrumentID: network.nmr.id, blockID: block.id, as: manager)
    }
  }

  @Test(
    "a manager imports into its own unit from a file without a unit column; an admin must name the unit",
    arguments: [false, true])
  func importWithoutUnitColumn(dryRun: Bool) throws {
    let network = try Fixture()
    let permissions = Permissions(
      allowed: [.fudanManager, .zjuManager, .shEnterpriseManager],
      refused: [.admin: .invalidData])
    var imported = 0
    try expectPermissions("importInstruments (dry run: \(dryRun))", permissions) { actor in
      let report = try network.service.importInstruments(
        open: { CSVRecordReader(bytes: Array(Self.csvWithoutUnit.utf8)) }, dryRun: dryRun,
        as: actor.principal)
      #expect(report.rows == 2)
      #expect(report.perUnit == [network.unit(of: actor)?.name ?? "?": 2])
      imported += 2
    }
    let total = try network.service.instruments(matching: InstrumentFilter()).count
    #expect(total == 4 + (dryRun ? 0 : imported))
  }

  @Test(
    "an import naming 复旦大学 as the unit: its manager or an admin; other managers are told which rows",
    arguments: [false, true])
  func importNamingTheUnit(dryRun: Bool) throws {
    let network = try Fixture()
    let permissions = Permissions(
      allowed: [.fudanManager, .admin],
      refused: [.zjuManager: .invalidData, .shEnterpriseManager: .invalidData])
    let before = try count(network.fudan, in: network)
    try expectPermissions("importInstruments (dry run: \(dryRun))", permissions) { actor in
      do {
        let report = try network.service.importInstruments(
          open: { CSVRecordReader(bytes: Array(Self.csv(unit: network.fudan).utf8)) },
          dryRun: dryRun, as: actor.principal)
        #expect(report.rows == 2 && report.dryRun == dryRun)
      } catch let error as LabNetError where error.kind == .invalidData {
        #expect(error.message.contains("line 2, column unit"), "\(error.message)")
        #expect(error.message.contains("line 3, column unit"), "\(error.message)")
        throw error
      }
    }
    #expect(try count(network.fudan, in: network) == before + (dryRun ? 0 : 4))
    #expect(try count(network.zju, in: network) == 1)
  }

  @Test("anyone reads the catalogue, its statistics, units and free time without an account")
  func anonymousReads() throws {
    let network = try Fixture()
    let service = network.service
    #expect(labNetError { _ = try service.me(as: .anonymous) }?.kind == .permission)
    #expect(try service.instruments(matching: InstrumentFilter()).count == 4)
    #expect(
      try service.instruments(matching: InstrumentFilter(province: .zhejiang)).map(\.instrument)
        == [network.xrd])
    #expect(try service.instrument(id: network.confocal.id).instrument == network.confocal)
    let statistics = try service.statistics()
    #expect(statistics.units == 4 && statistics.instruments == 4)
    #expect(try service.units().count == 4)
    #expect(
      try service.units(in: .shanghai).map(\.id) == [network.fudan.id, network.shEnterprise.id])
    #expect(try service.unit(named: "浙江大学") == network.zju)
    #expect(try service.unitSummary(named: String(network.fudan.id)).unit == network.fudan)

    let day = instant("2026-12-02 00:00")..<instant("2026-12-03 00:00")
    let (listing, free) = try service.freeSlots(instrumentID: network.nmr.id, window: day)
    #expect(listing.instrument == network.nmr)
    #expect(free == [instant("2026-12-02 08:00")..<instant("2026-12-02 20:00")])
    let runs = try service.searchFreeRuns(
      FreeRunSearch(
        window: day, seconds: 7_200, filter: InstrumentFilter(province: .zhejiang),
        maximumRate: nil, limit: 10))
    #expect(runs.map(\.listing.instrument.id) == [network.xrd.id])
    #expect(try service.voucherPolicies(Province.allCases).map(\.province) == Province.allCases)
  }
}

/// The network search keeps its candidates in the process while the
/// catalogue's version stands (SearchCandidateMemo): every change of an
/// instrument or a unit, through the service or by another process, must
/// show in the very next search.
@Suite("Search candidates")
struct SearchCandidateTests {
  @Test("the next search sees each change of an instrument or a unit, from here or elsewhere")
  func searchSeesCatalogueChanges() throws {
    let network = try Fixture()
    let service = network.service
    let admin = Actor.admin.principal
    let day = instant("2026-12-02 00:00")..<instant("2026-12-03 00:00")
    func found(in province: Province) throws -> [Int64: Instant] {
      let runs = try service.searchFreeRuns(
        FreeRunSearch(
          window: day, seconds: 7_200, filter: InstrumentFilter(province: province),
          maximumRate: nil, limit: 10))
      return Dictionary(
        uniqueKeysWithValues: runs.map { ($0.listing.instrument.id, $0.run.lowerBound) })
    }
    let eight = instant("2026-12-02 08:00")
    #expect(try found(in: .zhejiang) == [network.xrd.id: eight])
    #expect(try found(in: .zhejiang) == [network.xrd.id: eight])  // from the memo

    let added = try service.registerInstrument(
      InstrumentDraft(
        unitID: network.zjEnterprise.id, name: "傅里叶红外光谱仪", category: .analytical,
        value: Money(yuanWhole: 900_000), hourlyRate: Money(yuanWhole: 200)),
      as: admin
    ).instrument
    #expect(try found(in: .zhejiang) == [network.xrd.id: eight, added.id: eight])

    _ = try service.updateInstrument(
      id: network.xrd.id,
      InstrumentChanges(openingHours: try OpeningHours(parsing: "Mon-Fri 10:00-18:00")), as: admin)
    #expect(
      try found(in: .zhejiang) == [network.xrd.id: instant("2026-12-02 10:00"), added.id: eight])

    _ = try service.retireInstrument(id: added.id, cancellingBookings: false, as: admin)
    #expect(try found(in: .zhejiang).keys.sorted() == [network.xrd.id])

    // Another process's changes, straight in the database.
    _ = try network.database.scalar(
      "UPDATE unit SET province = 'SH' WHERE id = \(network.zju.id)")
    #expect(try found(in: .zhejiang).isEmpty)
    #expect(try found(in: .shanghai)[network.xrd.id] == instant("2026-12-02 10:00"))
    _ = try network.database.scalar("UPDATE instrument SET shared = 0 WHERE id = \(network.xrd.id)")
    #expect(try found(in: .shanghai)[network.xrd.id] == nil)
  }
}
