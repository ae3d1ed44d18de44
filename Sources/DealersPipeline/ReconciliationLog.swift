import Foundation
import DealersDomain
import DealersDomainStore
import DealersModel
import DealersStore

/// Keeps what an input file did not apply (`reconciliation/<cc>/<checksum>.json` for the
/// operator's inputs, `…/<checksum>-<DEALER>.json` for a dealer's), so that the payments report
/// can list it with its reason. Keyed by content and inbox: dropping the same file again replaces
/// the same document, and the same content sent by another dealer never replaces this one.
package enum ReconciliationLog {
    /// Writes the items of one input to a transaction (nothing when there are none). A dealer's
    /// entry from before entries were kept per dealer is replaced by the new one.
    package static func record(_ items: [ReconciliationItem], input: String, checksum: String, asOf: CivilDate,
                       uploadedBy: String? = nil, in transaction: any DocumentTransaction) throws {
        guard let dealer = items.first.map(\.dealer) else { return }
        try transaction.writeJSON(ReconciliationFile(input: input, checksum: checksum, asOf: asOf, items: items, uploadedBy: uploadedBy),
                                  StoreLayout.reconciliation(checksum, dealer: dealer))
        let shared = try StoreLayout.reconciliation(checksum)
        if dealer != nil, try transaction.readJSON(ReconciliationFile.self, shared)?.items.first?.dealer == dealer {
            try transaction.delete(shared)
        }
    }
}
