/// Time an instrument's unit has taken out of booking: servicing, repair,
/// calibration.
public struct MaintenanceBlock: Sendable, Hashable, Identifiable {
  public var id: Int64
  public var instrumentID: Int64
  public var interval: Range<Instant>
  public var reason: String

  public init(id: Int64, instrumentID: Int64, interval: Range<Instant>, reason: String) {
    self.id = id
    self.instrumentID = instrumentID
    self.interval = interval
    self.reason = reason
  }

  /// Refuses a new block over `interval` that overlaps one of `existing`
  /// (the instrument's blocks): blocks of one instrument never overlap, so
  /// removing one frees exactly its time. The message names the block.
  public static func checkNoOverlap(_ interval: Range<Instant>, with existing: [MaintenanceBlock])
    throws(LabNetError)
  {
    guard let clash = existing.first(where: { $0.interval.overlaps(interval) }) else { return }
    throw LabNetError.refused(
      "the block overlaps block \(clash.id) of instrument \(clash.instrumentID) (\(clash.interval.lowerBound.iso8601) to \(clash.interval.upperBound.iso8601), \(clash.reason)); change or remove that one",
      code: "block_overlap")
  }
}
