/// What became of a collection sent to the bank.
public enum CollectionStatus: String, Codable, Sendable, CaseIterable {
    /// In a pain.008 file, not yet due.
    case pending = "PENDING"
    /// Due date reached: applied as a direct-debit payment.
    case settled = "SETTLED"
    /// The bank returned or rejected it (camt.054 `RtrInf`, pain.002 `StsRsnInf`).
    case returned = "RETURNED"
}
