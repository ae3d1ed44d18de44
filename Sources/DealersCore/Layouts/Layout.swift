import Foundation

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

    /// Processing order within a run (§5): collectives, users, payments and statements.
    public var processingRank: Int {
        switch self {
        case .collectives: return 0
        case .users: return 1
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

/// The physical shape of a file.
public enum PhysicalFormat: Sendable {
    /// Delimited text (CSV, semicolon-separated, tab-separated…).
    case delimited(DelimitedFormat)
    /// An Excel workbook.
    case xlsx(XLSXFormat)
    /// Fixed-width records with 1-based positions.
    case fixedWidth(FixedWidthFormat)
    /// ISO 20022 camt.053/camt.054 XML (bank statements).
    case camt

    /// The name used in messages and in `dealers layouts`.
    public var name: String {
        switch self {
        case .delimited: return "delimited"
        case .xlsx: return "xlsx"
        case .fixedWidth: return "fixed-width"
        case .camt: return "camt"
        }
    }
}

/// Delimited text settings.
public struct DelimitedFormat: Sendable {
    /// The field separator (one byte).
    public var delimiter: UInt8
    /// The quote character (one byte).
    public var quote: UInt8
    /// The character encoding.
    public var encoding: TextEncoding
    /// The 1-based record holding the header (after `skipRows`); 0 means no header.
    public var headerRow: Int
    /// Records to skip before the header (titles above a table).
    public var skipRows: Int
    /// Whether the header is where `headerRow` and `skipRows` say rather than searched for in
    /// the first rows: a `headerRow` other than 1, a `skipRows`, or `"headerSearch": false`.
    public var headerPinned = false
    /// Whether another delimiter may be used when the layout's own finds no header
    /// (`"detectDelimiter": false` forbids it).
    public var detectDelimiter = true
}

/// Workbook settings.
public struct XLSXFormat: Sendable {
    /// The sheet to read, or `nil` for the first.
    public var sheet: String?
    /// The 1-based row holding the header.
    public var headerRow: Int
    /// Whether the header is on `headerRow` rather than searched for: a `headerRow` other than
    /// 1, or `"headerSearch": false`.
    public var headerPinned = false
}

/// Fixed-width settings: record types and their fields.
public struct FixedWidthFormat: Sendable {
    /// The character encoding.
    public var encoding: TextEncoding
    /// 1-based position of the record type code.
    public var recordTypeStart: Int
    /// Length of the record type code (0: one record type).
    public var recordTypeLength: Int
    /// The declared record length, checked when present.
    public var recordLength: Int?
    /// Record type code → fields with 1-based positions.
    public var records: [String: [FixedWidthFieldPosition]]
}

/// A field's place in a fixed-width record.
public struct FixedWidthFieldPosition: Sendable {
    /// The schema field it fills.
    public var name: String
    /// 1-based first position.
    public var start: Int
    /// Number of characters.
    public var length: Int
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

/// What a row asks for.
public enum Action: String, Sendable, CaseIterable, Codable {
    /// Create (a user with a contract, a collective).
    case alta = "ALTA"
    /// Cancel (a contract) or deactivate (a collective).
    case baja = "BAJA"
    /// Extend a contract by a month or a year.
    case `extension` = "EXTENSION"
    /// Change data, or move a user to another collective.
    case modificacion = "MODIFICACION"
    /// A payment.
    case pago = "PAGO"
    /// A reversal of a payment.
    case devolucion = "DEVOLUCION"
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
