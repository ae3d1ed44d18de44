/// Stable codes of everything that can be wrong with a row or a file. Scripts may rely on them;
/// the messages that go with them are in ``Messages``.
public enum ErrorCode: String, Sendable, CaseIterable, Codable {
    // Reading and layout
    /// No layout matches the file.
    case unknownLayout = "UNKNOWN_LAYOUT"
    /// The file cannot be read as its layout says (not a workbook, unterminated quote …).
    case malformedFile = "MALFORMED_FILE"
    /// The file has no records (or only a header).
    case emptyFile = "EMPTY_FILE"
    /// Bytes that are not valid in the declared encoding.
    case encodingError = "ENCODING_ERROR"
    /// A required column is absent from the header.
    case missingColumn = "MISSING_COLUMN"
    /// A header the layout does not know.
    case unknownColumn = "UNKNOWN_COLUMN"
    /// A header row that does not look like the layout's, with its likely cause (another
    /// delimiter, title rows, another encoding, a file of another layout) and the closest layout.
    case headerNotRecognised = "HEADER_NOT_RECOGNISED"
    /// A value holding a control character (NUL, or C0 other than tab, CR, LF).
    case invalidCharacter = "INVALID_CHARACTER"
    /// A row with more or fewer cells than the header.
    case raggedRow = "RAGGED_ROW"
    /// A fixed-width record shorter than declared.
    case shortRecord = "SHORT_RECORD"
    /// A fixed-width record type the layout does not declare.
    case unknownRecordType = "UNKNOWN_RECORD_TYPE"
    // Field validation
    /// A required value is empty.
    case missingValue = "MISSING_VALUE"
    /// A value that is not of the field's type (a date, a number …).
    case typeError = "TYPE_ERROR"
    /// A value that fails its domain format (DNI, IBAN, e-mail …).
    case invalidFormat = "INVALID_FORMAT"
    /// A value outside the field's enumeration.
    case notInEnum = "NOT_IN_ENUM"
    /// A value that does not match the field's pattern.
    case patternMismatch = "PATTERN_MISMATCH"
    /// A value below the minimum or above the maximum (or too short or long).
    case outOfRange = "OUT_OF_RANGE"
    /// A value repeated in a column declared unique.
    case duplicateInFile = "DUPLICATE_IN_FILE"
    /// An action cell that names no known action.
    case unknownAction = "UNKNOWN_ACTION"
    /// The row was valid but the file was rejected as a whole (error policy reject-file).
    case fileRejected = "FILE_REJECTED"
    // Domain rules
    /// The collective does not exist.
    case unknownCollective = "UNKNOWN_COLLECTIVE"
    /// A collective with this code exists already.
    case collectiveExists = "COLLECTIVE_EXISTS"
    /// The collective is deactivated.
    case collectiveInactive = "COLLECTIVE_INACTIVE"
    /// The user does not exist.
    case unknownUser = "UNKNOWN_USER"
    /// An ALTA for a user whose contract is ACTIVE or SCHEDULED.
    case activeContractExists = "ACTIVE_CONTRACT_EXISTS"
    /// A BAJA, EXTENSIÓN or payment for a user without a current contract.
    case noCurrentContract = "NO_CURRENT_CONTRACT"
    /// A change to a cancelled contract.
    case contractCancelled = "CONTRACT_CANCELLED"
    /// A dependant whose holder is not a TITULAR with a current contract.
    case holderNotFound = "HOLDER_NOT_FOUND"
    /// A dependant whose holder is in another collective.
    case holderInOtherCollective = "HOLDER_IN_OTHER_COLLECTIVE"
    /// A holder who still has dependants cannot stop being a holder or move alone.
    case holderHasDependants = "HOLDER_HAS_DEPENDANTS"
    /// Dates that contradict each other (end before start …).
    case invalidDates = "INVALID_DATES"
    /// A period that is neither one month nor one year.
    case invalidPeriod = "INVALID_PERIOD"
    /// A collectives row of a dealer's inbox whose dealer column names another dealer. (A
    /// reference to another dealer's collective, user, contract or payment is answered as an
    /// unknown one: docs/reliability.md, "Isolation between dealers".)
    case dealerForbidden = "DEALER_FORBIDDEN"
    /// A new document, collective code or payment id that this dealer cannot register: the same
    /// neutral answer whoever holds it (docs/reliability.md, "Isolation between dealers").
    case identifierUnavailable = "IDENTIFIER_UNAVAILABLE"
    /// A dealer that `dealers.json` does not declare.
    case unknownDealer = "UNKNOWN_DEALER"
    // Payments and bank statements (§3.4)
    /// A payment id that was seen before.
    case duplicatePayment = "DUPLICATE_PAYMENT"
    /// A payment naming no known contract or user.
    case unknownReference = "UNKNOWN_REFERENCE"
    /// An amount that matches no price of the plan.
    case amountMismatch = "AMOUNT_MISMATCH"
    /// A currency other than the plan's.
    case currencyMismatch = "CURRENCY_MISMATCH"
    /// A payment method the catalogue does not know.
    case unknownPaymentMethod = "UNKNOWN_PAYMENT_METHOD"
    /// A reversal of a payment that is not in the ledger.
    case unknownPayment = "UNKNOWN_PAYMENT"
    /// A reversal of a payment that was already reversed.
    case alreadyReversed = "ALREADY_REVERSED"
    /// A reversal sent by a dealer: only the master approves reversals (it waits in the
    /// operator's `pending-reversals` report).
    case reversalNeedsMaster = "REVERSAL_NEEDS_MASTER"
    /// A bank statement whose control totals do not match its movements.
    case statementTotalsMismatch = "STATEMENT_TOTALS_MISMATCH"
    /// A bank statement that lacks a required record (totals, end of file) or has one out of place.
    case statementIncomplete = "STATEMENT_INCOMPLETE"
    /// A debit movement of a bank statement: reported, never applied.
    case debitMovement = "DEBIT_MOVEMENT"
    // SEPA direct debit (docs/sepa.md)
    /// An IBAN of a country outside the SEPA scheme: its account cannot be debited.
    case ibanNotSEPA = "IBAN_NOT_SEPA"
    /// A BIC of another country than the IBAN it is given with.
    case bicCountryMismatch = "BIC_COUNTRY_MISMATCH"
    /// A mandate signed after the as-of date.
    case mandateDateInFuture = "MANDATE_DATE_IN_FUTURE"
    /// A bank return naming no collection this inbox may see.
    case unknownCollection = "UNKNOWN_COLLECTION"
    /// A bank return of a collection that was returned already.
    case alreadyReturned = "ALREADY_RETURNED"

    // Roster files (docs/layouts.md, "Roster files").
    /// A roster would cancel more of a collective's current contracts than `rosterMaxCancelShare`
    /// or `rosterMaxCancel` allow: nothing of it is applied (status HELD) until confirmed.
    case rosterCancelsTooMany = "ROSTER_CANCELS_TOO_MANY"
    /// A roster uploaded by an account that may not speak for whole collectives (a seller).
    case rosterNeedsAdmin = "ROSTER_NEEDS_ADMIN"
}
