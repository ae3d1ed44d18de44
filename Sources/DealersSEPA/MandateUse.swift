import DealersModel

/// What the store remembers of a mandate between runs (`sepa-mandates/<bb>/<reference>.json`):
/// how many collections it paid and the account the last one debited, from which the next
/// collection's sequence type and amendment are decided.
public struct MandateUse: Codable, Sendable, Equatable {
    /// The mandate reference.
    public var reference: String
    /// Collections sent under it.
    public var collections: Int
    /// The account the last collection debited.
    public var lastIBAN: String
    /// The due date of the last collection.
    public var lastDueDate: CivilDate

    /// Creates a record.
    public init(reference: String, collections: Int, lastIBAN: String, lastDueDate: CivilDate) {
        self.reference = reference
        self.collections = collections
        self.lastIBAN = lastIBAN
        self.lastDueDate = lastDueDate
    }
}
