import Foundation
import DealersModel

/// One entry of the payment ledger (`payments/<bb>/<ID>.json`): a payment that was applied or a
/// reversal, with exactly what it did to the contract so that it can be undone and verified.
public struct LedgerEntry: Codable, Sendable, Equatable {
    /// The payment's (or reversal's) unique id.
    public var id: String
    /// PAGO or DEVOLUCION.
    public var kind: EventKind
    /// The date the money moved.
    public var date: CivilDate
    /// The user paid for.
    public var document: String
    /// The contract extended (or restored).
    public var contract: String
    /// The user's collective at the time.
    public var collective: String
    /// The dealer owning that collective (`nil`: the operator's).
    public var dealer: String?
    /// The exact amount.
    public var amount: Decimal
    /// ISO 4217 currency.
    public var currency: String
    /// Catalogue code of the method, when known.
    public var method: String?
    /// The period granted (a reversal: the period it took back).
    public var period: ContractLength
    /// Whether the period was derived from the amount rather than given.
    public var derived: Bool
    /// The contract's start before the change (differs from ``startAfter`` only on a restart).
    public var startBefore: CivilDate
    /// The contract's start after the change.
    public var startAfter: CivilDate
    /// The contract's end before the change.
    public var endBefore: CivilDate
    /// The contract's end after the change.
    public var endAfter: CivilDate
    /// Whether the payment restarted an EXPIRED contract on its date.
    public var restarted: Bool
    /// For a payment: the reversal that undid it.
    public var reversedBy: String?
    /// For a reversal: the payment it undoes.
    public var reverses: String?
    /// Free text the payment came with (statement references).
    public var reference: String?
    /// The input file and line.
    public var sourceFile: String
    /// The line (or statement record) in that file.
    public var sourceLine: Int
    /// The as-of date of the run that recorded it.
    public var recordedOn: CivilDate
}
