import Foundation

/// Keeps what an input file did not apply (`reconciliation/<cc>/<checksum>.json`), so that the
/// payments report can list it with its reason. Keyed by content: dropping the same file again
/// replaces the same document.
enum ReconciliationLog {
    /// Writes the items of one input to a transaction (nothing when there are none).
    static func record(_ items: [ReconciliationItem], input: String, checksum: String, asOf: CivilDate,
                       in transaction: any DocumentTransaction) throws {
        guard !items.isEmpty else { return }
        try transaction.writeJSON(ReconciliationFile(input: input, checksum: checksum, asOf: asOf, items: items),
                                  StoreLayout.reconciliation(checksum))
    }
}
