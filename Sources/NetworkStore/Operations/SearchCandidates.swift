import Foundation
import InstrumentNetwork

/// What a network search reads of each instrument it considers: the few
/// numbers the free-time algebra and the order need, column by column.
struct SearchCandidates: Sendable {
  var ids: [Int64] = []
  /// Index into `hoursTexts`: instruments share a handful of opening-hour patterns.
  var patterns: [Int32] = []
  var hoursTexts: [String] = []
  var stepMinutes: [Int32] = []
  var noticeMinutes: [Int32] = []
  var horizonDays: [Int32] = []
  /// The order's column: 0, the hourly rate in fen, or the province's index
  /// in `Province.allCases`.
  var orderValues: [Int64] = []

  var count: Int { ids.count }
}

/// The candidates of recent searches, kept per process and per database.
/// Each is stamped with the catalogue's version (`catalogue_version`, moved
/// by triggers in the same transaction as any change of an instrument or a
/// unit); a search reads that one row and uses what is kept only when it
/// matches, so the SQL filter stays the one home of what matches and a
/// change is seen by the next search. Bounded by the rows it holds, least
/// recently used first out.
final class SearchCandidateMemo: @unchecked Sendable {
  static let shared = SearchCandidateMemo()
  /// About 30 MB at most: the whole network is 45,262 rows of about 40 bytes.
  static let rowBudget = 800_000

  private struct Entry {
    var version: Int64
    var candidates: SearchCandidates
    var lastUse: UInt64
  }

  private let lock = NSLock()
  private var entries: [String: Entry] = [:]
  private var uses: UInt64 = 0
  private var rows = 0

  /// The candidates kept under `key` at `version`, else `load()`'s, kept.
  func candidates(
    key: String, version: Int64, load: () throws -> SearchCandidates
  ) rethrows -> SearchCandidates {
    lock.lock()
    uses += 1
    if let entry = entries[key], entry.version == version {
      entries[key]?.lastUse = uses
      lock.unlock()
      return entry.candidates
    }
    lock.unlock()
    // Loaded outside the lock: two searches may both load; either answer is right.
    let loaded = try load()
    lock.lock()
    defer { lock.unlock() }
    if let old = entries.removeValue(forKey: key) { rows -= old.candidates.count }
    guard loaded.count <= Self.rowBudget else { return loaded }
    while rows + loaded.count > Self.rowBudget,
      let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse })
    {
      rows -= oldest.value.candidates.count
      entries.removeValue(forKey: oldest.key)
    }
    entries[key] = Entry(version: version, candidates: loaded, lastUse: uses)
    rows += loaded.count
    return loaded
  }
}

extension NetworkStore {
  /// The catalogue's version (see `SearchCandidateMemo`).
  func catalogueVersion() throws -> Int64 {
    try database.scalar("SELECT version FROM catalogue_version WHERE id = 1") ?? 0
  }

  /// The instruments matching `conditions` (over `instrument AS i`, joined to
  /// `unit AS u` when they or the order read it), from the memo when the
  /// catalogue has not changed since they were read.
  func searchCandidates(
    conditions: String, parameters: [SQLValue], order: FreeRunOrder
  ) throws -> SearchCandidates {
    // Only the order by price or by distance reads more than the covering index holds.
    let orderColumn: String
    switch order {
    case .soonest: orderColumn = "0"
    case .price: orderColumn = "i.hourly_rate_fen"
    case .distanceToProvince: orderColumn = "u.province"
    }
    // The unit's row only when the filter or the order reads it: without the
    // join the scan stays on the instrument table's own index (about half the
    // time of the candidate query over the whole network).
    let units =
      conditions.contains("u.") || order == .distanceToProvince
      ? " JOIN unit AS u ON u.id = i.unit_id" : ""
    let sql =
      "SELECT i.id, i.opening_hours, i.granularity_minutes, i.min_notice_minutes, i.horizon_days, \(orderColumn) FROM instrument AS i\(units) WHERE \(conditions)"
    let version = try catalogueVersion()
    return try SearchCandidateMemo.shared.candidates(
      key: "\(location)\n\(sql)\n\(parameters)", version: version
    ) {
      var candidates = SearchCandidates()
      var patternOf: [String: Int32] = [:]
      try database.query(sql, parameters) { row in
        let hours = row.string(1)
        let pattern =
          patternOf[hours]
          ?? {
            let next = Int32(candidates.hoursTexts.count)
            candidates.hoursTexts.append(hours)
            patternOf[hours] = next
            return next
          }()
        candidates.ids.append(row.int64(0))
        candidates.patterns.append(pattern)
        candidates.stepMinutes.append(Int32(row.int(2)))
        candidates.noticeMinutes.append(Int32(row.int(3)))
        candidates.horizonDays.append(Int32(row.int(4)))
        switch order {
        case .soonest: candidates.orderValues.append(0)
        case .price: candidates.orderValues.append(row.int64(5))
        case .distanceToProvince:
          let province = Province(rawValue: row.string(5))
          candidates.orderValues.append(
            Int64(province.flatMap { Province.allCases.firstIndex(of: $0) } ?? -1))
        }
      }
      return candidates
    }
  }
}
