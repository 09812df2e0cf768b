import InstrumentNetwork

extension NetworkStore {
  /// Turns whatever an operation threw into the domain error a person sees.
  /// Operations catch the constraint failures they expect and say more;
  /// this is the fallback for the rest.
  public static func explain(_ error: any Error, location: StoreLocation) -> LabNetError {
    if let error = error as? LabNetError { return error }
    if let error = error as? StoredValueError {
      return .storeUnavailable(
        "the store at \(location) holds data labnet cannot read: \(error)", code: "unreadable_data")
    }
    guard let error = error as? DatabaseError else {
      return .storeUnavailable("unexpected failure: \(error)")
    }
    switch error.kind {
    case .transient:
      return .busy("the store at \(location) stayed busy; try again in a moment")
    case .unavailable:
      return .storeUnavailable("the store at \(location) is unavailable: \(error.message)")
    case .unrepresentable:
      return .invalidData("\(error.message); remove NUL bytes from the text")
    case .overlap:
      return .refused(
        "that time overlaps an active reservation of the instrument", code: "slot_taken")
    case .appendOnly:
      return .refused("the voucher ledger is append-only; record a new entry instead")
    case .uniqueViolation:
      return .refused(
        "that already exists (\(error.constraint ?? error.message))", code: "already_exists")
    case .foreignKeyViolation:
      return .notFound("a referenced record does not exist (\(error.message))")
    case .checkViolation:
      return .refused("the store refused the change: \(error.constraint ?? error.message)")
    case .permissionDenied:
      // labnet_app holds what every operation needs: this is a missing grant.
      return .storeUnavailable(
        "the store at \(location) refused this login: \(error.message); connect as a login granted labnet_app (init and seed: a member of labnet_owner)",
        code: "permission_denied")
    case .other:
      return .storeUnavailable("the store at \(location) failed: \(error.message)")
    }
  }

  /// `explain(_:location:)` for this store.
  public func explain(_ error: any Error) -> LabNetError {
    Self.explain(error, location: location)
  }
}
