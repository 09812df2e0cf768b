import InstrumentNetwork
import NetworkStore

/// A network search for free runs.
public struct FreeRunSearch: Sendable, Hashable {
  public var window: Range<Instant>
  public var seconds: Int64
  public var filter: InstrumentFilter
  public var maximumRate: Money?
  public var limit: Int

  public init(
    window: Range<Instant>, seconds: Int64, filter: InstrumentFilter, maximumRate: Money?,
    limit: Int
  ) {
    self.window = window
    self.seconds = seconds
    self.filter = filter
    self.maximumRate = maximumRate
    self.limit = limit
  }
}

/// A maintenance block a manager asks for.
public struct BlockRequest: Sendable, Hashable {
  public var instrumentID: Int64
  public var interval: Range<Instant>
  public var reason: String
  /// Cancel the bookings the block covers instead of refusing.
  public var cancellingBookings: Bool

  public init(
    instrumentID: Int64, interval: Range<Instant>, reason: String, cancellingBookings: Bool
  ) {
    self.instrumentID = instrumentID
    self.interval = interval
    self.reason = reason
    self.cancellingBookings = cancellingBookings
  }
}

/// A block made, and the bookings it cancelled.
public struct BlockReport: Sendable, Hashable {
  public var block: MaintenanceBlock
  public var cancelledBookings: [Int64]

  public init(
    block: MaintenanceBlock, cancelledBookings: [Int64]
  ) {
    self.block = block
    self.cancelledBookings = cancelledBookings
  }
}

extension NetworkService {
  /// The free slots of one instrument in a window (anyone).
  public func freeSlots(instrumentID: Int64, window: Range<Instant>) throws -> (
    InstrumentListing, [Range<Instant>]
  ) {
    try read { try $0.freeSlots(instrumentID: instrumentID, window: window) }
  }

  /// Instruments with a free run, soonest first (anyone).
  public func searchFreeRuns(_ search: FreeRunSearch) throws -> [FreeRun] {
    try read {
      try $0.searchFreeRuns(
        window: search.window, seconds: search.seconds, filter: search.filter,
        maximumRate: search.maximumRate, limit: search.limit)
    }
  }

  /// Blocks an instrument for maintenance (its unit's manager). Refused where
  /// it covers bookings that may still take place, unless
  /// `cancellingBookings`, which cancels them with the reason (refunding
  /// their vouchers), and where it overlaps another block of the instrument.
  public func blockInstrument(_ request: BlockRequest, as principal: Principal) throws
    -> BlockReport
  {
    try BookingRules.checkOrder(request.interval)
    let reason = try NameRule.validate(request.reason, field: "reason")
    let id = request.instrumentID
    return try write { store in
      let actor = try actor(principal, in: store)
      let listing = try store.instrument(id: id, lockingRow: true)
      try actor.requireManager(of: listing.unit, to: "block instrument \(id)")
      if listing.instrument.status == .retired {
        throw LabNetError.refused("instrument \(id) is retired; it has no time left to block")
      }
      if request.interval.upperBound <= now {
        throw LabNetError.refused(
          "the block ends at \(request.interval.upperBound.iso8601), which has passed; block time to come"
        )
      }
      try MaintenanceBlock.checkNoOverlap(
        request.interval,
        with: try store.blocks(instrumentID: id, endingAfter: request.interval.lowerBound))
      let covered = try store.bookingsToCancel(instrumentID: id, in: request.interval)
      if !covered.isEmpty && !request.cancellingBookings {
        throw LabNetError.refused(
          "the block would cover \(covered.count) booking\(covered.count == 1 ? "" : "s") ("
            + covered.map { "\($0.id) at \($0.start.iso8601)" }.joined(separator: ", ") + ")",
          code: "block_covers_bookings", hint: .cancelCoveredBookings)
      }
      var cancelled: [Int64] = []
      for booking in covered
      where try store.cancelForMaintenance(bookingID: booking.id, reason: "maintenance: \(reason)")
      {
        try store.refundVouchers(ofBooking: booking.id, actorID: actor.id)
        cancelled.append(booking.id)
      }
      let block = try store.insertBlock(
        instrumentID: id, interval: request.interval, reason: reason, createdBy: actor.id)
      return BlockReport(block: block, cancelledBookings: cancelled)
    }
  }

  /// An instrument's blocks that have not ended, by start (anyone: the
  /// instrument's page shows them).
  public func blocks(instrumentID: Int64) throws -> [MaintenanceBlock] {
    try read { store in
      _ = try store.instrument(id: instrumentID)
      return try store.blocks(instrumentID: instrumentID, endingAfter: now)
    }
  }

  /// One instrument with its blocks that have not ended (anyone), in one read.
  public func instrumentWithBlocks(id: Int64) throws -> (InstrumentListing, [MaintenanceBlock]) {
    try read { store in
      (try store.instrument(id: id), try store.blocks(instrumentID: id, endingAfter: now))
    }
  }

  /// Removes a block that has not ended (the unit's manager), under the
  /// instrument's row lock; its time is free again.
  public func removeBlock(instrumentID: Int64, blockID: Int64, as principal: Principal) throws
    -> MaintenanceBlock
  {
    try write { store in
      let actor = try actor(principal, in: store)
      let listing = try store.instrument(id: instrumentID, lockingRow: true)
      try actor.requireManager(of: listing.unit, to: "unblock instrument \(instrumentID)")
      guard
        let block = try store.blocks(instrumentID: instrumentID).first(where: { $0.id == blockID })
      else {
        throw LabNetError.notFound(
          "instrument \(instrumentID) has no block \(blockID)",
          hint: .listBlocks(instrumentID: instrumentID))
      }
      if block.interval.upperBound <= now {
        throw LabNetError.refused(
          "block \(blockID) ended at \(block.interval.upperBound.iso8601); past blocks stay as history"
        )
      }
      _ = try store.deleteBlock(id: blockID, instrumentID: instrumentID)
      return block
    }
  }
}
