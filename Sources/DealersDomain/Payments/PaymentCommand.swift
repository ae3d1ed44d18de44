import Foundation
import DealersModel

/// A payment or a reversal, as the rules see it (§3.4): from a payments-file row or from a
/// credit movement of a bank statement.
public struct PaymentCommand: Sendable, Equatable {
    /// PAGO or DEVOLUCION.
    public var action: Action
    /// The payment's unique id (for a reversal: the reversal's own id).
    public var id: String
    /// The date the money moved.
    public var date: CivilDate
    /// The contract number it pays, when given.
    public var contract: String?
    /// The normalised document of the user it pays, when given.
    public var document: String?
    /// The exact amount.
    public var amount: Decimal
    /// ISO 4217 currency of the amount.
    public var currency: String
    /// The catalogue code of the method (`CARD`, `TRANSFER` …), when given.
    public var method: String?
    /// One month or one year; `nil` derives it from the amount and the plan.
    public var period: ContractLength?
    /// For a reversal: the id of the payment it undoes.
    public var originalId: String?
    /// Free text the payment came with (a statement's references), kept in the ledger.
    public var reference: String?

    /// Creates a command.
    public init(action: Action, id: String, date: CivilDate, contract: String? = nil, document: String? = nil,
                amount: Decimal, currency: String, method: String? = nil, period: ContractLength? = nil,
                originalId: String? = nil, reference: String? = nil) {
        self.action = action
        self.id = id
        self.date = date
        self.contract = contract
        self.document = document
        self.amount = amount
        self.currency = currency
        self.method = method
        self.period = period
        self.originalId = originalId
        self.reference = reference
    }
}
