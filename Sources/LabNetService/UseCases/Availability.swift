import InstrumentNetwork
import NetworkStore

/// A network search for free runs.
public struct FreeRunSearch: Sendable, Hashable {
  public var window: Range<Instant>
  public var seconds: Int64
  public var filter: InstrumentFilter
  public var maximumRate: Money?
  public var limit: Int
  public var order: FreeRunOrder
  /// The province `distance-to-province` measures from; the acting
  /// account's unit's when nil.
  public var near: Province?

  public init(
    window: Range<Instant>, seconds: Int64, filter: InstrumentFilter, maximumRate: Money?,
    limit: Int, order: FreeRunOrder = .soonest, near: Province? = nil
  ) {
    self.window = window
    self.seconds = seconds
    self.filter = filter
    self.maximumRate = maximumRate
    self.limit = limit
    self.order = order
    self.near = near
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

  /// Instruments with a free run, in the order asked (anyone). Someone
  /// acting as an account with a unit also finds that unit's instruments
  /// that are not shared, and measures distance from its province.
  public func searchFreeRuns(_ search: FreeRunSearch, as principal: Principal) throws
    -> FreeRunPage
  {
    try read { store in
      var viewer: Account?
      switch principal {
      case .anonymous, .storeHolder(claimedLogin: nil): viewer = nil
      default: viewer = try actor(principal, in: store)
      }
      let unit = try viewer?.unitID.map { try store.unit(id: $0) }
      let near = search.near ?? unit?.province
      if search.order == .distanceToProvince && near == nil {
        throw LabNetError.invalidData(
          "--sort distance-to-province needs a province: act as someone with a unit, or give --near"
        )
      }
      return try store.searchFreeRuns(
        window: search.window, seconds: search.seconds, filter: search.filter,
        maximumRate: search.maximumRate, limit: search.limit, order: search.order, near: near,
        viewerUnitID: unit?.id)
    }
  }

  /// The first runs of a search by anyone, soonest first (the demo, the bench).
  public func searchFreeRuns(_ search: FreeRunSearch) throws -> [FreeRun] {
    try searchFreeRuns(search, as: .anonymous).runs
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
      let cancelled = try clearBookings(
        of: id, in: request.interval, cancelling: request.cancellingBookings,
        refusal: ("the block would cover", "block_covers_bookings"),
        reason: "maintenance: \(reason)", actor: actor, store: store)
      let block = try store.insertBlock(
        instrumentID: id, interval: request.interval, reason: reason, createdBy: actor.id)
      return BlockReport(block: block, cancelledBookings: cancelled)
    }
  }

  /// The bookings of an instrument that may still take place in `interval`
  /// (their rows locked), cancelled with `reason` and their vouchers refunded
  /// when `cancelling`, else refused naming them: what a block and a
  /// retirement do with the bookings in their way. Returns those cancelled.
  func clearBookings(
    of instrumentID: Int64, in interval: Range<Instant>, cancelling: Bool,
    refusal: (words: String, code: String), reason: String, actor: Account, store: NetworkStore
  ) throws -> [Int64] {
    let inWay = try store.bookingsToCancel(instrumentID: instrumentID, in: interval)
    if !inWay.isEmpty && !cancelling {
      throw LabNetError.refused(
        "\(refusal.words) \(inWay.count) booking\(inWay.count == 1 ? "" : "s") ("
          + inWay.map { "\($0.id) at \($0.start.iso8601)" }.joined(separator: ", ") + ")",
        code: refusal.code, hint: .cancelCoveredBookings)
    }
    var cancelled: [Int64] = []
    for booking in inWay
    where try store.cancelForMaintenance(bookingID: booking.id, reason: reason) {
      try store.refundVouchers(ofBooking: booking.id, actorID: actor.id)
      let listing = try store.bookingListing(id: booking.id)
      try store.insertNotice(
        .bookingChanged(listing.reservation, instrumentName: listing.instrumentName),
        for: listing.reservation.bookerID)
      cancelled.append(booking.id)
    }
    return cancelled
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
        let block = try store.block(id: blockID, instrumentID: instrumentID)
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
      try offerFreedTime(on: listing.instrument, in: store)
      return block
    }
  }
}
