import Foundation
import DealersModel

/// One direct debit of one contract's next period: what `dealers collect` sends to the bank
/// (a pain.008 transaction) and records in the store, `collections/<bb>/<id>.json`.
public struct SEPACollection: Codable, Sendable, Equatable {
    /// `SDD-<contract>-<yyyymmdd of the period's start>`: the pain.008 `EndToEndId` and the id
    /// of the payment it becomes; one per contract and period, so a rerun finds it.
    public var id: String
    /// The dealer whose creditor collects; `nil` for the operator's collectives.
    public var dealer: String?
    /// The collective of the contract.
    public var collective: String
    /// The contract collected.
    public var contract: String
    /// The contract's user.
    public var document: String
    /// The user whose mandate pays (the user, or the holder of a dependant without one).
    public var payer: String
    /// The plan's price of the period, exact.
    public var amount: Decimal
    /// ISO 4217 code (EUR).
    public var currency: String
    /// One month or one year.
    public var period: ContractLength
    /// The contract's end when collected: the period runs from here.
    public var periodFrom: CivilDate
    /// The contract's end once the period is paid.
    public var periodTo: CivilDate
    /// The day the bank debits the account: the contract's end, or the TARGET business day before.
    public var dueDate: CivilDate
    /// FRST, RCUR or FNAL.
    public var sequence: SequenceType
    /// The mandate's reference, signature date and account.
    public var mandateReference: String
    /// The date the mandate was signed.
    public var mandateSignedOn: CivilDate
    /// The debtor's account.
    public var iban: String
    /// The debtor's bank, when known.
    public var bic: String?
    /// The account holder's name.
    public var debtorName: String
    /// The account debited before an amendment of the mandate (`AmdmntInd`, `OrgnlDbtrAcct`).
    public var originalIBAN: String?
    /// PENDING, SETTLED or RETURNED.
    public var status: CollectionStatus
    /// The pain.008 file it went in (relative to the workspace).
    public var file: String
    /// The as-of date of the `collect` run.
    public var createdOn: CivilDate
    /// When it was settled (applied as a payment) or found refused at settlement.
    public var settledOn: CivilDate? = nil
    /// The code that refused it at settlement (the contract was cancelled since …): it stays
    /// SETTLED, unapplied, for a person to reconcile.
    public var refusal: String? = nil
    /// The bank's reason code when it was returned (`AM04` …).
    public var returnCode: String? = nil
    /// The reason's text, in Spanish.
    public var returnReason: String? = nil
    /// The booking date of the return.
    public var returnedOn: CivilDate? = nil
    /// The ledger id of the reversal when the return undid an applied payment.
    public var reversal: String? = nil

    /// Creates a collection.
    public init(id: String, dealer: String?, collective: String, contract: String, document: String, payer: String,
                amount: Decimal, currency: String, period: ContractLength, periodFrom: CivilDate, periodTo: CivilDate,
                dueDate: CivilDate, sequence: SequenceType, mandateReference: String, mandateSignedOn: CivilDate,
                iban: String, bic: String?, debtorName: String, originalIBAN: String?, status: CollectionStatus,
                file: String, createdOn: CivilDate) {
        self.id = id
        self.dealer = dealer
        self.collective = collective
        self.contract = contract
        self.document = document
        self.payer = payer
        self.amount = amount
        self.currency = currency
        self.period = period
        self.periodFrom = periodFrom
        self.periodTo = periodTo
        self.dueDate = dueDate
        self.sequence = sequence
        self.mandateReference = mandateReference
        self.mandateSignedOn = mandateSignedOn
        self.iban = iban
        self.bic = bic
        self.debtorName = debtorName
        self.originalIBAN = originalIBAN
        self.status = status
        self.file = file
        self.createdOn = createdOn
    }

    /// The id of a contract's collection for the period that starts at `periodFrom`.
    public static func id(contract: String, periodFrom: CivilDate) -> String {
        let d = periodFrom
        return "SDD-\(contract)-\(String(format: "%04d%02d%02d", d.year, d.month, d.day))"
    }

    /// The remittance text the debtor reads: the contract and the period.
    public var remittance: String { "Contrato \(contract) periodo \(periodFrom) a \(periodTo)" }
}
