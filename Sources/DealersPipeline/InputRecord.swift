import DealersDomainStore
import DealersModel
import DealersStore

/// The store's memory of an applied input, by checksum: what makes a re-dropped file a
/// DUPLICATE, and lets a run interrupted after its commit finish archiving the file.
package struct InputRecord: Codable {
    package var checksum: String
    package var name: String
    package var dealer: String?
    package var layout: String
    package var status: Receipt.Status
    package var asOf: CivilDate
    package var processedAt: String
    /// Set by earlier releases, in a second commit, once the input had been moved to the
    /// archive. Records made now leave it `false` and keep ``inbox`` instead.
    package var archived: Bool
    /// The input's identity in the inbox when it was applied (device, inode, size, modification
    /// time): the same file still there means the run stopped between its commit and the move.
    package var inbox: String?
    /// The receipt as published (its timing completed at publication). Its `archivedTo` names
    /// the processing's answers (``OutputNames``): a run completing an interrupted one reuses it.
    package var receipt: Receipt?

    /// The record of an input applied with `receipt`.
    package init(_ receipt: Receipt, input: FileInput) {
        checksum = input.checksum
        name = input.name
        dealer = input.dealer
        layout = receipt.layout ?? ""
        status = receipt.status
        asOf = receipt.asOf
        processedAt = receipt.startedAt
        archived = false
        inbox = input.identity.text
        self.receipt = receipt
    }

    /// Whether `input` is the very file this record's run applied and then did not get to move
    /// to the archive (rather than the same content dropped again).
    package func wasInterrupted(before input: FileInput) -> Bool {
        guard name == input.name, !archived else { return false }
        // Records from before `inbox` existed were marked archived once moved.
        return inbox.map { $0 == input.identity.text } ?? true
    }

    /// The record of this content from this inbox: the dealer's own (or, in a store from before
    /// records were kept per dealer, the shared one when it is the dealer's). Another dealer's
    /// record of the same content is none of this dealer's business: the file is processed.
    package static func find(_ checksum: String, dealer: String?, in store: any DocumentBackend) throws -> InputRecord? {
        if dealer != nil, let own = try store.readJSON(InputRecord.self, StoreLayout.input(checksum, dealer: dealer)) {
            return own
        }
        let shared = try store.readJSON(InputRecord.self, StoreLayout.input(checksum))
        return shared?.dealer == dealer ? shared : nil
    }
}
