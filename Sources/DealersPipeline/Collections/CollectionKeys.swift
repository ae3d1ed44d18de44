import DealersDomainStore
import DealersModel
import DealersSEPA
import DealersStore

/// Where the direct-debit documents live in the store (docs/sepa.md, "In the store").
public enum CollectionKeys {
    /// `collections/<bb>/<ID>.json`: one collection.
    public static func collection(_ id: String) throws -> StoreKey {
        try StoreKey("collections/\(StoreLayout.bucket(id))/\(StoreLayout.name(id)).json")
    }

    /// `sepa-pending/<due date>/<ID>.json`: a PENDING collection, by due date, so that settlement
    /// reads only what is pending (not every collection ever made); removed when it is settled
    /// or returned.
    public static func pending(_ id: String, due: CivilDate) throws -> StoreKey {
        try StoreKey("sepa-pending/\(due)/\(StoreLayout.name(id)).json")
    }

    /// The folder of ``pending(_:due:)``.
    public static let pendingFolder = "sepa-pending"

    /// `sepa-mandates/<bb>/<REFERENCE>.json`: what was collected under a mandate.
    public static func mandateUse(_ reference: String) throws -> StoreKey {
        try StoreKey("sepa-mandates/\(StoreLayout.bucket(reference))/\(StoreLayout.name(reference)).json")
    }

    /// `sepa-files/<DEALER or _operator>/<date>-<n>.json`: the manifest of one pain.008 file.
    public static func manifest(dealer: String?, date: String, number: Int) throws -> StoreKey {
        try StoreKey("sepa-files/\(dealer.map(StoreLayout.safe) ?? "_operator")/\(date)-\(number).json")
    }
}

/// A PENDING collection's entry in ``CollectionKeys/pending(_:due:)``.
public struct PendingCollection: Codable, Sendable, Equatable {
    /// The collection's id.
    public var id: String
    /// Its due date.
    public var dueDate: CivilDate
}

/// What the store keeps of one pain.008 file: its name, creditor, and the collections in it,
/// written in the same transaction as the collections.
public struct CollectionFileManifest: Codable, Sendable, Equatable {
    /// The file, relative to the workspace.
    public var file: String
    /// The dealer whose creditor collects; `nil` for the operator.
    public var dealer: String?
    /// The creditor identifier.
    public var creditorId: String
    /// The message id (`MsgId`).
    public var messageId: String
    /// The collections' ids, in file order.
    public var collections: [String]
    /// The number of transactions and their sum, as written in the group header.
    public var numberOfTransactions: Int
    /// The control sum, as written.
    public var controlSum: String
    /// The as-of date of the run.
    public var asOf: String
}
