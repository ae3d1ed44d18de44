import DealersModel

/// A SEPA Core direct-debit mandate: the debtor's authorisation for a creditor to collect from
/// an account (docs/sepa.md). Kept on the user whose account pays; a holder's mandate pays for
/// the dependants' contracts unless they have their own.
public struct Mandate: Codable, Sendable, Equatable {
    /// The unique mandate reference (≤ 35 characters of the SEPA set), given or generated.
    public var reference: String
    /// The debtor's account, checked and compact.
    public var iban: String
    /// The debtor's bank, when given.
    public var bic: String?
    /// The date the debtor signed the mandate.
    public var signedOn: CivilDate
    /// The account holder's name when it is not the user's.
    public var accountHolder: String?
    /// The debtor's address, printed on the mandate form.
    public var address: String?

    /// Creates a mandate.
    public init(reference: String, iban: String, bic: String? = nil, signedOn: CivilDate, accountHolder: String? = nil,
                address: String? = nil) {
        self.reference = reference
        self.iban = iban
        self.bic = bic
        self.signedOn = signedOn
        self.accountHolder = accountHolder
        self.address = address
    }

    /// The reference generated for a user's mandate when the file gives none: `MDT-` and the
    /// normalised document — unique (documents are), stable (the same user always gets the same
    /// one) and within the SEPA identifier set (documents are letters and digits).
    public static func generatedReference(document: String) -> String { "MDT-\(document)" }

    /// The mandate after a users row: a row that names an IBAN (or changes any mandate cell of a
    /// user who has a mandate) creates or changes it; other rows leave it as it is. A new
    /// reference is a new mandate; a changed IBAN under the same reference is an amendment.
    /// - Returns: the mandate to keep, `nil` when the user has none and the row gives no IBAN.
    public static func updated(_ current: Mandate?, by cmd: UserCommand, asOf: CivilDate) -> Mandate? {
        guard var mandate = current ?? cmd.iban.map({ iban in
            Mandate(reference: cmd.mandateReference ?? generatedReference(document: cmd.document), iban: iban,
                    signedOn: cmd.mandateSignedOn ?? asOf)
        }) else { return nil }
        if let v = cmd.iban { mandate.iban = v }
        if let v = cmd.bic { mandate.bic = v }
        if let v = cmd.mandateReference { mandate.reference = v }
        if let v = cmd.mandateSignedOn { mandate.signedOn = v }
        if let v = cmd.accountHolder { mandate.accountHolder = v }
        if let v = cmd.address { mandate.address = v }
        return mandate
    }
}
