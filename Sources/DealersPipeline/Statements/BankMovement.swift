import Foundation
import DealersModel

/// One movement of a bank statement, whatever its format: what the statement applier needs to
/// turn a credit into a payment or report it for reconciliation.
package struct BankMovement: Sendable, Equatable {
    /// The stable id (`N43-…`, `CAMT-…`): the same movement in two statements has the same id.
    package var id: String
    /// The account it was booked on.
    package var account: String
    /// Booking (operation) date.
    package var date: CivilDate
    /// The amount, always positive.
    package var amount: Decimal
    /// ISO 4217 currency.
    package var currency: String
    /// Credit (money in) or debit.
    package var isCredit: Bool
    /// Every reference and remittance text, joined by spaces: where a contract or document is looked for.
    package var text: String
    /// The line of the movement's first record.
    package var line: Int
    /// camt: the first end-to-end id (a collection's id, for a returned direct debit).
    package var endToEndId: String? = nil
    /// camt: the entry carries return information (`RtrInf`).
    package var isReturn = false
    /// camt: the return's reason code.
    package var returnReason: String? = nil
}

/// A statement that must be rejected as a whole (totals that do not match, missing records).
package struct StatementRejection: Error {
    package var code: ErrorCode
    package var line: Int
    package var detail: LocalizedText
}
