import DealersFormats
import DealersModel

/// A creditor of SEPA direct debits: the dealer (or the service operator) that collects, as
/// `dealers.json` declares it under `sepa` (docs/sepa.md).
public struct Creditor: Sendable, Equatable {
    /// The name the debtor's bank shows.
    public var name: String
    /// The SEPA creditor identifier (`ES12000B12345678`), checked.
    public var identifier: String
    /// The account the collections are paid into, checked and compact.
    public var iban: String
    /// The creditor's bank, when given.
    public var bic: String?
    /// The creditor's address, printed on the mandate form.
    public var address: String?

    /// Creates a creditor of checked values.
    public init(name: String, identifier: String, iban: String, bic: String? = nil, address: String? = nil) {
        self.name = name
        self.identifier = identifier
        self.iban = iban
        self.bic = bic
        self.address = address
    }
}
