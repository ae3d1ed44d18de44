import DealersDomain
import DealersModel
import DealersWorkspace

/// Every value the product itself writes into a report cell, in the report's language: contract
/// statuses, event kinds, yes/no, ledger and reconciliation states, payment methods and periods.
/// The one table of `docs/layouts.md`, "Report values"; the sync feed, the store and the receipts
/// keep the stable codes (`ACTIVE`, `PAGO`, `CARD`, `true`).
///
/// Values that came from a file (a relationship, a document type, a collective code) are shown
/// as stored, and codes that name a rule (a reconciliation reason, an error code) stay codes:
/// scripts filter on them, and the column beside them explains them in the report's language.
package struct ReportVocabulary {
    /// The language of the report.
    package let language: Language
    /// The payment-method catalogue (`dealers.json`), for the methods' names.
    package var paymentMethods: [PaymentMethod] = PaymentMethod.standard

    /// `ACTIVO` / `ACTIVE` …
    package func status(_ status: ContractStatus) -> String {
        let text: LocalizedText
        switch status {
        case .scheduled: text = LocalizedText(es: "PROGRAMADO", en: "SCHEDULED")
        case .active: text = LocalizedText(es: "ACTIVO", en: "ACTIVE")
        case .expired: text = LocalizedText(es: "VENCIDO", en: "EXPIRED")
        case .cancelled: text = LocalizedText(es: "CANCELADO", en: "CANCELLED")
        }
        return text.in(language)
    }

    /// `EXTENSIÓN` / `EXTENSION`, `CAMBIO DE COLECTIVO` / `COLLECTIVE CHANGE` …
    package func event(_ kind: EventKind) -> String {
        let text: LocalizedText
        switch kind {
        case .alta: text = LocalizedText(es: "ALTA", en: "ENROLMENT")
        case .baja: text = LocalizedText(es: "BAJA", en: "CANCELLATION")
        case .extension: text = LocalizedText(es: "EXTENSIÓN", en: "EXTENSION")
        case .modificacion: text = LocalizedText(es: "MODIFICACIÓN", en: "CHANGE")
        case .cambioColectivo: text = LocalizedText(es: "CAMBIO DE COLECTIVO", en: "COLLECTIVE CHANGE")
        case .expiracion: text = LocalizedText(es: "EXPIRACIÓN", en: "EXPIRY")
        case .pago: text = LocalizedText(es: "PAGO", en: "PAYMENT")
        case .devolucion: text = LocalizedText(es: "DEVOLUCIÓN", en: "REVERSAL")
        case .inicio: text = LocalizedText(es: "INICIO", en: "START")
        case .bajaEfectiva: text = LocalizedText(es: "BAJA EFECTIVA", en: "CANCELLATION EFFECTIVE")
        }
        return text.in(language)
    }

    /// `SÍ` / `NO`, `YES` / `NO`.
    package func yesNo(_ value: Bool) -> String {
        (value ? LocalizedText(es: "SÍ", en: "YES") : LocalizedText(es: "NO", en: "NO")).in(language)
    }

    /// A ledger entry's state: `APLICADO` / `APPLIED`, `DEVUELTO` / `REVERSED`,
    /// `DEVOLUCIÓN` / `REVERSAL`.
    package func ledgerState(isReversal: Bool, isReversed: Bool) -> String {
        let text = isReversal ? LocalizedText(es: "DEVOLUCIÓN", en: "REVERSAL")
            : isReversed ? LocalizedText(es: "DEVUELTO", en: "REVERSED")
            : LocalizedText(es: "APLICADO", en: "APPLIED")
        return text.in(language)
    }

    /// The state of a payment or movement kept for reconciliation: `NO APLICADO` / `NOT APPLIED`.
    package var notApplied: String { LocalizedText(es: "NO APLICADO", en: "NOT APPLIED").in(language) }

    /// A contract-history note. The rules record it with the event, in Spanish (`baja del titular
    /// 12345678Z`, `baja del colectivo NORTE`, `reinicio 2026-01-01 → 2026-02-01`, `devolución de
    /// P-001`); an English report shows its known wordings in English, keeping what follows them
    /// (a document, a code, dates). A move's note (`NORTE → SUR`) is the same in both.
    package func note(_ note: String?) -> String? {
        guard let note, language == .en else { return note }
        for (spanish, english) in Self.englishNotes where note.hasPrefix(spanish) {
            return english + note.dropFirst(spanish.count)
        }
        return note
    }

    /// The notes' Spanish wordings and their English ones.
    private static let englishNotes = [
        ("baja del titular ", "cancelled with holder "),
        ("baja del colectivo ", "cancelled with collective "),
        ("reinicio ", "restarted "),
        ("devolución de ", "reversal of "),
        (RosterRules.absentNote, "absent from roster"),
    ]

    /// What a row of the conflicts report referred to: `USUARIO` / `USER`, `TITULAR` / `HOLDER` …
    package func reference(_ kind: CrossDealerConflict.Kind) -> String {
        let text: LocalizedText
        switch kind {
        case .user: text = LocalizedText(es: "USUARIO", en: "USER")
        case .holder: text = LocalizedText(es: "TITULAR", en: "HOLDER")
        case .collective: text = LocalizedText(es: "COLECTIVO", en: "COLLECTIVE")
        case .contract: text = LocalizedText(es: "CONTRATO", en: "CONTRACT")
        case .payment: text = LocalizedText(es: "PAGO", en: "PAYMENT")
        }
        return text.in(language)
    }

    /// Who owns what no dealer owns (the operator's own collectives): `(operador)` / `(operator)`.
    package var operatorName: String { LocalizedText(es: "(operador)", en: "(operator)").in(language) }

    /// A payment method by its code: the catalogue's name in capitals in Spanish (`TARJETA`,
    /// `DOMICILIACIÓN`), the code in words in English (`CARD`, `DIRECT DEBIT`); a code no longer
    /// in the catalogue as it is.
    package func method(_ code: String) -> String {
        guard let method = paymentMethods.first(where: { $0.code == code }) else { return code }
        switch language {
        case .es: return method.name.uppercased()
        case .en: return method.code.replacingOccurrences(of: "_", with: " ")
        }
    }

    /// A period in words: `1 mes`, `3 meses`, `1 año` / `1 month`, `3 months`, `1 year` (which
    /// the duration vocabulary reads back).
    package func period(_ length: ContractLength) -> String {
        let years = length.months % 12 == 0
        let count = years ? length.months / 12 : length.months
        let unit: LocalizedText = years
            ? (count == 1 ? LocalizedText(es: "año", en: "year") : LocalizedText(es: "años", en: "years"))
            : (count == 1 ? LocalizedText(es: "mes", en: "month") : LocalizedText(es: "meses", en: "months"))
        return "\(count) \(unit.in(language))"
    }

    /// Creates a value from each stored property (the memberwise initialiser, for the package's other targets).
    package init(
        language: Language,
        paymentMethods: [PaymentMethod] = PaymentMethod.standard
    ) {
        self.language = language
        self.paymentMethods = paymentMethods
    }
}
