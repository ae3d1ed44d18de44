import Foundation
import DealersDomain
import DealersModel
import DealersStore

/// The rows of one dealer's input file that referred to another dealer's data
/// (`conflicts/<cc>/<checksum>-<DEALER>.json`), for the operator's conflicts report. The dealer
/// was answered as if the data did not exist (or neutrally); this is the whole story, and it is
/// never written into a dealer's outbox (docs/reliability.md, "Isolation between dealers").
public struct ConflictFile: Codable, Sendable, Equatable {
    /// One row that referred to another dealer's data.
    public struct Item: Codable, Sendable, Equatable {
        /// The row's line.
        public var line: Int
        /// The field (as the layout names it) that held the reference.
        public var field: String
        /// The reference as the rules saw it (normalised).
        public var value: String
        /// What the dealer was answered.
        public var answered: ErrorCode
        /// What it referred to, and whose it is.
        public var conflict: CrossDealerConflict
        /// The collective the row named, when it named one (an ALTA's own collective).
        public var rowCollective: String?

        /// Creates a value from each stored property (the memberwise initialiser, for the package's other targets).
        package init(
            line: Int,
            field: String,
            value: String,
            answered: ErrorCode,
            conflict: CrossDealerConflict,
            rowCollective: String? = nil
        ) {
            self.line = line
            self.field = field
            self.value = value
            self.answered = answered
            self.conflict = conflict
            self.rowCollective = rowCollective
        }
    }

    /// The input's name.
    public var input: String
    /// Its content checksum.
    public var checksum: String
    /// The dealer whose inbox it came from.
    public var dealer: String
    /// The as-of date of the run.
    public var asOf: CivilDate
    /// The rows, in the order they were settled.
    public var items: [Item]
}

/// Keeps the conflicts of one input in the store, in the file's transaction, so that the
/// operator's conflicts report lists them. Keyed by content and dealer: the same file dropped
/// again by the same dealer replaces the same document.
package enum ConflictLog {
    /// Writes the conflicts of one input to a transaction (nothing when there are none, or for
    /// the operator, who has none).
    package static func record(_ items: [ConflictFile.Item], input: String, checksum: String, dealer: String?, asOf: CivilDate,
                       in transaction: any DocumentTransaction) throws {
        guard !items.isEmpty, let dealer else { return }
        try transaction.writeJSON(ConflictFile(input: input, checksum: checksum, dealer: dealer, asOf: asOf, items: items),
                                  StoreLayout.conflicts(checksum, dealer: dealer))
    }
}
