import Foundation
import DealersModel

/// A payment or statement movement that was not applied, kept for reconciliation (§7): what it
/// was, where it came from, and the reason code.
public struct ReconciliationItem: Codable, Sendable, Equatable {
    /// The payment id (a statement movement's stable id).
    public var id: String
    /// Why it was not applied.
    public var reason: ErrorCode
    /// The reason's detail, in Spanish and English.
    public var detail: String
    /// The date the money moved, when known.
    public var date: CivilDate?
    /// The amount (negative for a statement debit).
    public var amount: Decimal?
    /// ISO 4217 currency.
    public var currency: String?
    /// The contract or document named, when any.
    public var reference: String?
    /// Free text (statement references and remittance information).
    public var text: String?
    /// The dealer whose inbox the file came from (`nil`: the operator's).
    public var dealer: String?
    /// The line (or record) in the input.
    public var line: Int
    /// For a reversal: the payment it undoes (kept for the master's approval; absent in documents
    /// written before reversals needed the master).
    public var originalId: String?

    /// Creates a value from each stored property (the memberwise initialiser, for the package's other targets).
    public init(
        id: String,
        reason: ErrorCode,
        detail: String,
        date: CivilDate? = nil,
        amount: Decimal? = nil,
        currency: String? = nil,
        reference: String? = nil,
        text: String? = nil,
        dealer: String? = nil,
        line: Int,
        originalId: String? = nil
    ) {
        self.id = id
        self.reason = reason
        self.detail = detail
        self.date = date
        self.amount = amount
        self.currency = currency
        self.reference = reference
        self.text = text
        self.dealer = dealer
        self.line = line
        self.originalId = originalId
    }
}

/// The reconciliation items of one input file (`reconciliation/<cc>/<checksum>.json`); the same
/// content dropped again overwrites the same document.
public struct ReconciliationFile: Codable, Sendable, Equatable {
    /// The input's name.
    public var input: String
    /// Its content checksum.
    public var checksum: String
    /// The as-of date of the run.
    public var asOf: CivilDate
    /// What was not applied.
    public var items: [ReconciliationItem]
    /// The portal account that uploaded the input (absent: it reached the inbox another way).
    public var uploadedBy: String?

    /// Creates a value from each stored property (the memberwise initialiser, for the package's other targets).
    public init(
        input: String,
        checksum: String,
        asOf: CivilDate,
        items: [ReconciliationItem],
        uploadedBy: String? = nil
    ) {
        self.input = input
        self.checksum = checksum
        self.asOf = asOf
        self.items = items
        self.uploadedBy = uploadedBy
    }
}
