import DealersDomain
import DealersModel
import DealersOutbox
import DealersWorkspace

/// What every report needs to know: the workspace, the as-of date, the language, and which
/// files to write. Spells titles and dates in the configured locale.
package struct ReportContext {
    package let workspace: Workspace
    package let asOf: CivilDate
    package var formats: ReportFormats = .all
    /// Whether the long reports write the operator's and the dealers' files on two threads.
    package var concurrentWriters = true

    /// The language of sheet names, titles and headers.
    package var language: Language { workspace.settings.language }
    /// Whether the reports are in Spanish.
    package var es: Bool { language == .es }

    /// The date pattern of XLSX date cells and of dates in titles: `dd/mm/yyyy` for Spanish,
    /// `yyyy-mm-dd` for English.
    package var dateFormat: String { ReportContext.dateFormat(language) }

    /// The date pattern for a language.
    package static func dateFormat(_ language: Language) -> String {
        language == .es ? "dd/mm/yyyy" : "yyyy-mm-dd"
    }

    /// "Fecha de referencia: 24/11/2026" / "As of: 2026-11-24".
    package var subtitle: String {
        (es ? "Fecha de referencia: " : "As of: ") + OutputText.date(asOf, pattern: dateFormat)
    }

    /// The values the reports write, in the context's language (``ReportVocabulary``).
    package var vocabulary: ReportVocabulary {
        ReportVocabulary(language: language, paymentMethods: workspace.settings.paymentMethods)
    }

    /// Picks the Spanish or English text.
    package func text(_ spanish: String, _ english: String) -> String { es ? spanish : english }

    /// Creates a value from each stored property (the memberwise initialiser, for the package's other targets).
    package init(
        workspace: Workspace,
        asOf: CivilDate,
        formats: ReportFormats = .all,
        concurrentWriters: Bool = true
    ) {
        self.workspace = workspace
        self.asOf = asOf
        self.formats = formats
        self.concurrentWriters = concurrentWriters
    }
}

/// A report fed by the one pass over the store's users (the expensive part of regenerating
/// reports), so that every report shares a single scan.
package protocol UserScanReport: AnyObject {
    /// Takes one user; `dealer` is the dealer of the user's current collective.
    func add(_ user: User, dealer: String?) throws
    /// Writes what is left and publishes the files.
    func finish() throws
}
