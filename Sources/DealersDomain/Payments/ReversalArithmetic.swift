import DealersModel

/// How a reversal moves a contract's dates back (see `docs/payments.md`).
///
/// When nothing changed the contract since the payment (its end is still the payment's
/// `endAfter`), the dates before the payment are restored exactly, start included for a
/// restart. When later changes moved the end, the period is subtracted from the current end
/// with calendar arithmetic; a month-end clamp in between can make the result up to three days
/// earlier than a replay without the payment would give (31 Dec + 1M = 31 Jan, + 1M = 28 Feb,
/// − 1M = 28 Jan): the reversal never leaves service that was not paid for.
public enum ReversalArithmetic {
    /// The contract's start and end after undoing `entry` from `contract`.
    public static func undo(_ entry: LedgerEntry, from contract: Contract) -> (start: CivilDate, end: CivilDate) {
        if contract.end == entry.endAfter && contract.start == entry.startAfter {
            return (entry.startBefore, entry.endBefore)
        }
        let end = entry.period.subtracted(from: contract.end)
        return (contract.start, max(end, contract.start))
    }
}
