/// What the payment rules read and change beyond users and collectives: the ledger, and the
/// contract-number index.
public protocol PaymentState: DomainState {
    /// The ledger entry with an id, if one was recorded.
    func payment(_ id: String) throws -> LedgerEntry?
    /// Records a new or changed ledger entry.
    func save(_ entry: LedgerEntry) throws
    /// The user holding a contract number, if any.
    func user(holdingContract number: String) throws -> User?
}
