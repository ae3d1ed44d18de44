/// What every report needs to know: the workspace, the as-of date, the language, and which
/// files to write. Spells titles and dates in the configured locale.
struct ReportContext {
    let workspace: Workspace
    let asOf: CivilDate
    var formats: ReportFormats = .all
    /// Whether the long reports write the operator's and the dealers' files on two threads.
    var concurrentWriters = true

    /// The language of sheet names, titles and headers.
    var language: Language { workspace.settings.language }
    /// Whether the reports are in Spanish.
    var es: Bool { language == .es }

    /// The date pattern of XLSX date cells and of dates in titles: `dd/mm/yyyy` for Spanish,
    /// `yyyy-mm-dd` for English.
    var dateFormat: String { ReportContext.dateFormat(language) }

    /// The date pattern for a language.
    static func dateFormat(_ language: Language) -> String {
        language == .es ? "dd/mm/yyyy" : "yyyy-mm-dd"
    }

    /// "Fecha de referencia: 24/11/2026" / "As of: 2026-11-24".
    var subtitle: String {
        (es ? "Fecha de referencia: " : "As of: ") + OutputText.date(asOf, pattern: dateFormat)
    }

    /// The values the reports write, in the context's language (``ReportVocabulary``).
    var vocabulary: ReportVocabulary {
        ReportVocabulary(language: language, paymentMethods: workspace.settings.paymentMethods)
    }

    /// Picks the Spanish or English text.
    func text(_ spanish: String, _ english: String) -> String { es ? spanish : english }
}

/// A report fed by the one pass over the store's users (the expensive part of regenerating
/// reports), so that every report shares a single scan.
protocol UserScanReport: AnyObject {
    /// Takes one user; `dealer` is the dealer of the user's current collective.
    func add(_ user: User, dealer: String?) throws
    /// Writes what is left and publishes the files.
    func finish() throws
}
