import Foundation
import DealersModel
import DealersReading

/// A declared kind of input file: which files it matches, how to read them, and what each field
/// must look like. Loaded from a JSON file in `layouts/` (see `docs/layouts.md`).
///
/// The `schema` part is a Frictionless Table Schema; everything else is the product's extension.
public struct Layout: Sendable {
    /// The layout's name (its file name without `.json` unless given).
    public var name: String
    /// What the rows of a matching file mean.
    public var kind: LayoutKind
    /// A sentence for people choosing a layout.
    public var description: String
    /// Which files this layout claims.
    public var match: FileMatch
    /// How the bytes of a file become records.
    public var format: PhysicalFormat
    /// The column that says what to do with each row, and its accepted spellings.
    public var action: ActionColumn?
    /// What one bad row does to the file.
    public var errorPolicy: ErrorPolicy
    /// Whether columns the layout does not know are reported.
    public var unknownColumns: UnknownColumnPolicy
    /// Whether a file of this layout is taken only once `<file>.done` exists next to it (for
    /// senders that write a marker when a transfer is complete). Decided by the file name
    /// pattern, before the file is read.
    public var doneMarker: Bool = false
    /// The fields (Table Schema).
    public var schema: Schema
    /// The file the layout was loaded from.
    public var source: URL?
    /// Bank statements: accept a statement without its totals (Norma 43 record 33) or end
    /// record (88), reporting what is missing instead of rejecting the file (`"statement":
    /// {"lenient": true}`).
    public var lenientStatement: Bool = false
    /// The line (a spreadsheet's row) the header is on in one file, as identification found it
    /// (``FileIdentification``); `nil` for a layout not yet applied to a file, whose header is
    /// the record ``headerRecordNumber`` says.
    public var headerLine: Int?
    /// Whether numbers may also be spelled the other way round (a decimal point where the layout
    /// says decimal comma, or the reverse), for a file whose delimiter was not the layout's
    /// (saved by a tool in another locale). A value the layout's own spelling reads is always
    /// read that way: only values it cannot read (`9.90` with a decimal comma) take the other.
    public var otherNumberSpelling = false
}

/// What the rows of a file mean to the domain.
public enum LayoutKind: String, Sendable, CaseIterable {
    /// Collectives: create, change, deactivate.
    case collectives
    /// Users: altas, bajas, extensions, modifications.
    case users
    /// Payments and reversals.
    case payments
    /// Bank statements (Norma 43, camt).
    case bankStatement = "bank-statement"
    /// Rosters: the complete current list of every collective a file names; the altas, bajas,
    /// changes and moves are computed against the store (docs/layouts.md, "Roster files").
    case roster

    /// Processing order within a run (§5): collectives, users, payments and statements.
    public var processingRank: Int {
        switch self {
        case .collectives: return 0
        case .users, .roster: return 1
        case .payments, .bankStatement: return 2
        }
    }
}

/// Which files a layout claims: a file-name pattern, a header signature, or both.
public struct FileMatch: Sendable {
    /// A regular expression matched against the file name (case-insensitive).
    public var fileNamePattern: String?
    /// Header names (normalised) that must all be present for a header match; an entry that
    /// names a field matches any of that field's spellings.
    public var headerSignature: [String]
}

/// The action column of a file and how its values are spelled.
public struct ActionColumn: Sendable {
    /// The schema field that holds the action.
    public var field: String
    /// Accepted spellings (normalised) → action.
    public var aliases: [String: Action]
    /// The action of a row whose action cell is empty, when the layout allows one.
    public var defaultAction: Action?
}

/// What a bad row does to its file.
public enum ErrorPolicy: String, Sendable, CaseIterable {
    /// Only the bad rows are rejected; the rest are applied (default).
    case rejectRow = "reject-row"
    /// Any bad row rejects the whole file.
    case rejectFile = "reject-file"
}

/// What to do with columns the layout does not declare.
public enum UnknownColumnPolicy: String, Sendable, CaseIterable {
    /// Ignore them silently.
    case ignore
    /// Report them once (UNKNOWN_COLUMN on line 1) and go on.
    case report
    /// Reject the file.
    case reject
}
