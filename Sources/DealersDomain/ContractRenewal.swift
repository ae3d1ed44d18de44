import DealersModel

/// The one rule by which a contract gains a period, whether an EXTENSIÓN row or a payment grants
/// it (§3.3, §3.4; docs/rules-over-time.md).
///
/// A contract still in force (ACTIVE or SCHEDULED on the date) has its end moved by exactly the
/// period. An EXPIRED one (its end before the date) restarts on the date: same contract number,
/// start on that date, end one period later, so that a renewal after a gap never grants the
/// days in between. A contract with a BAJA recorded, past or future-dated, gains nothing: the
/// caller refuses it (`CONTRACT_CANCELLED`).
public struct ContractRenewal: Sendable, Equatable {
    /// The start after the renewal (the date itself on a restart).
    public var start: CivilDate
    /// The end after the renewal.
    public var end: CivilDate
    /// Whether the contract was EXPIRED and restarts on the date.
    public var restarts: Bool

    /// The renewal of `contract` by `period` on `date`.
    public init(of contract: Contract, by period: ContractLength, on date: CivilDate) {
        restarts = contract.end < date
        start = restarts ? date : contract.start
        end = period.added(to: restarts ? date : contract.end)
    }

    /// The history note of a restart (`reinicio OLD → NEW`), `nil` otherwise.
    public func note(from contract: Contract) -> String? {
        restarts ? "reinicio \(contract.start) → \(start)" : nil
    }
}
