import Foundation
import DealersModel

/// A users-file row, as the rules see it: the action and every value the row gives.
/// `nil` means the cell was empty (for MODIFICACIÓN: keep the current value).
public struct UserCommand: Sendable, Equatable {
    /// What to do.
    public var action: Action
    /// The normalised document.
    public var document: String
    public var documentType: String?
    public var firstName: String?
    public var lastName: String?
    public var email: String?
    public var phone: String?
    public var birthDate: CivilDate?
    public var relationship: Relationship?
    public var holder: String?
    public var collective: String?
    /// The seller code (`Vendedor`); `nil` keeps the user's (an ALTA by a seller: theirs).
    public var seller: String?
    /// ALTA: start date (default as-of).
    public var startDate: CivilDate?
    /// ALTA: end date (default start + the collective's length).
    public var endDate: CivilDate?
    /// BAJA: the date of the cancellation (default as-of).
    public var date: CivilDate?
    /// EXTENSIÓN: one month or one year.
    public var period: ContractLength?
    /// The debtor's account for direct debit (checked, compact).
    public var iban: String?
    /// The debtor's bank.
    public var bic: String?
    /// The mandate reference; generated when a new mandate gives none.
    public var mandateReference: String?
    /// The date the mandate was signed (default: the as-of date of the row that creates it).
    public var mandateSignedOn: CivilDate?
    /// The account holder's name when it is not the user's.
    public var accountHolder: String?
    /// The debtor's address, printed on the mandate.
    public var address: String?

    /// Creates a command with only an action and a document.
    public init(action: Action, document: String) {
        self.action = action
        self.document = document
    }
}

/// A collectives-file row, as the rules see it.
public struct CollectiveCommand: Sendable, Equatable {
    /// ALTA creates, MODIFICACIÓN changes, BAJA deactivates.
    public var action: Action
    /// The collective's code (upper case).
    public var code: String
    public var name: String?
    public var country: String?
    public var dealer: String?
    public var monthlyPrice: Decimal?
    public var annualPrice: Decimal?
    public var currency: String?
    public var defaultLength: ContractLength?
    public var active: Bool?
    /// The catalogue code of how its users pay (`Forma de pago`).
    public var paymentMethod: String?

    /// Creates a command with only an action and a code.
    public init(action: Action, code: String) {
        self.action = action
        self.code = code
    }
}
