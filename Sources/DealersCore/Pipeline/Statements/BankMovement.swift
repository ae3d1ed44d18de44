import Foundation

/// One movement of a bank statement, whatever its format: what the statement applier needs to
/// turn a credit into a payment or report it for reconciliation.
struct BankMovement: Sendable, Equatable {
    /// The stable id (`N43-…`, `CAMT-…`): the same movement in two statements has the same id.
    var id: String
    /// The account it was booked on.
    var account: String
    /// Booking (operation) date.
    var date: CivilDate
    /// The amount, always positive.
    var amount: Decimal
    /// ISO 4217 currency.
    var currency: String
    /// Credit (money in) or debit.
    var isCredit: Bool
    /// Every reference and remittance text, joined by spaces: where a contract or document is looked for.
    var text: String
    /// The line of the movement's first record.
    var line: Int
}

/// A statement that must be rejected as a whole (totals that do not match, missing records).
struct StatementRejection: Error {
    var code: ErrorCode
    var line: Int
    var detail: LocalizedText
}
