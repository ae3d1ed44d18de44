import Foundation
import DealersModel

/// One entry (`Ntry`) of an ISO 20022 camt.053 statement or camt.054 notification, or one
/// transaction status (`TxInfAndSts`) of a pain.002 report, read as a returned debit.
public struct CamtEntry: Sendable, Equatable {
    /// The account (IBAN or other id) of the enclosing statement or notification.
    public var account: String
    /// The entry's amount, as written (always positive).
    public var amount: Decimal?
    /// ISO 4217 currency (`Ccy`).
    public var currency: String
    /// Credit (`CRDT`) or not.
    public var isCredit: Bool
    /// Booking date (`BookgDt`), else value date.
    public var date: CivilDate?
    /// The bank's reference (`AcctSvcrRef` of the entry or its first transaction).
    public var accountServicerReference: String?
    /// The first `EndToEndId` that is not `NOTPROVIDED`.
    public var endToEndId: String?
    /// Remittance text: `Ustrd`, creditor references, additional information, joined by spaces.
    public var text: String
    /// The line of the `<Ntry>` start tag.
    public var line: Int
    /// Whether the entry carries return information (`RtrInf`): a returned direct debit.
    public var isReturn = false
    /// The return's reason code (`RtrInf/Rsn/Cd`), when given.
    public var returnReason: String? = nil
}
