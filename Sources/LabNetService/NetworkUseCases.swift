import InstrumentNetwork
import NetworkStore

/// The use cases a front end calls, whoever carries them out: the
/// `NetworkService` over a store, or a client of `labnet serve` that asks
/// the server (the CLI with `--server`). A remote implementation acts as
/// the account its session belongs to, whatever `principal` says; the
/// server applies the same rules as the local service, because it calls it.
/// What only an operator runs on the database host (init, seed, the demo)
/// is not here.
public protocol NetworkUseCases: Sendable {
  /// The moment the rules read as now.
  var now: Instant { get }

  func me(as principal: Principal) throws -> Account
  func statistics() throws -> NetworkStatistics
  func units(in province: Province?) throws -> [Unit]
  func unit(named reference: String) throws -> Unit
  func unitSummary(named reference: String) throws -> UnitSummary
  func addUnit(_ request: UnitRequest, as principal: Principal) throws -> Unit

  func instruments(matching filter: InstrumentFilter) throws -> [InstrumentListing]
  func instrumentCount(matching filter: InstrumentFilter) throws -> Int
  func instrumentWithBlocks(id: Int64) throws -> (InstrumentListing, [MaintenanceBlock])
  func registerInstrument(_ draft: InstrumentDraft, as principal: Principal) throws
    -> InstrumentListing
  func updateInstrument(id: Int64, _ changes: InstrumentChanges, as principal: Principal)
    throws -> InstrumentListing
  func retireInstrument(id: Int64, cancellingBookings: Bool, as principal: Principal) throws
    -> InstrumentListing
  func importInstruments(
    open: () throws -> CSVRecordReader, dryRun: Bool, updating: Bool, as principal: Principal,
    progress: ProgressReport?
  ) throws -> ImportReport
  func blockInstrument(_ request: BlockRequest, as principal: Principal) throws -> BlockReport
  func blocks(instrumentID: Int64) throws -> [MaintenanceBlock]
  func removeBlock(instrumentID: Int64, blockID: Int64, as principal: Principal) throws
    -> MaintenanceBlock

  func freeSlots(instrumentID: Int64, window: Range<Instant>) throws -> (
    InstrumentListing, [Range<Instant>]
  )
  func searchFreeRuns(_ search: FreeRunSearch, as principal: Principal) throws -> FreeRunPage

  func book(_ request: BookingRequest, as principal: Principal) throws -> BookingListing
  func change(_ change: BookingChange, as principal: Principal) throws -> BookingListing
  func move(_ request: BookingMove, as principal: Principal) throws -> BookingListing
  func bookSeries(
    _ request: BookingRequest, recurrence: Recurrence, skipConflicts: Bool,
    as principal: Principal
  ) throws -> BookingSeries
  func cancelSeries(from bookingID: Int64, reason: String?, as principal: Principal)
    throws -> [BookingListing]

  func joinWaitlist(_ request: WaitlistRequest, as principal: Principal) throws -> WaitlistEntry
  func leaveWaitlist(entryID: Int64, as principal: Principal) throws -> WaitlistEntry
  func waitlist(as principal: Principal) throws -> [WaitlistEntry]

  func grantQualification(_ grant: QualificationGrant, as principal: Principal) throws
    -> QualificationListing
  func revokeQualification(login: String, instrumentID: Int64, as principal: Principal)
    throws -> Int
  func qualifications(mine: Bool, login: String?, as principal: Principal) throws
    -> [QualificationEntry]
  func booking(id: Int64, as principal: Principal) throws -> BookingListing
  func bookings(matching filter: BookingFilter, as principal: Principal) throws
    -> [BookingListing]
  func bookingCount(matching filter: BookingFilter, as principal: Principal) throws -> Int

  func issueVoucher(_ request: VoucherIssueRequest, as principal: Principal) throws
    -> VoucherListing
  func voucher(code: String, as principal: Principal) throws -> VoucherStatement
  func vouchers(matching filter: VoucherFilter, as principal: Principal) throws
    -> [VoucherListing]
  func redeemVoucher(code: String, bookingID: Int64, as principal: Principal) throws
    -> Redemption
  /// A unit's statement for a month, as provider or customer (its managers,
  /// auditors covering it, admins).
  func statement(
    unit reference: String, month: StatementMonth, side: StatementSide, as principal: Principal
  ) throws -> Statement

  func voucherPolicies(_ provinces: [Province]) throws -> [VoucherPolicy]
  func setVoucherPolicy(_ change: VoucherPolicyChange, as principal: Principal) throws
    -> VoucherPolicy

  func addAccount(_ request: AccountRequest, as principal: Principal) throws -> Account
  func accounts(as principal: Principal) throws -> [Account]
  func setPassword(login: String, password: String, as principal: Principal) throws
  @discardableResult
  func setEmail(login: String, address: String, as principal: Principal) throws -> String
}

extension NetworkService: NetworkUseCases {}
