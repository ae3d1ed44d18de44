import Foundation

/// The physical shape of a file.
public enum PhysicalFormat: Sendable {
    /// Delimited text (CSV, semicolon-separated, tab-separated…).
    case delimited(DelimitedFormat)
    /// A workbook: XLSX or OpenDocument (`.ods`), told apart by content (``XLSXFormat/workbook``).
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

    /// Creates a value from each stored property (the memberwise initialiser, for the package's other targets).
    package init(
        delimiter: UInt8,
        quote: UInt8,
        encoding: TextEncoding,
        headerRow: Int,
        skipRows: Int,
        headerPinned: Bool = false,
        detectDelimiter: Bool = true
    ) {
        self.delimiter = delimiter
        self.quote = quote
        self.encoding = encoding
        self.headerRow = headerRow
        self.skipRows = skipRows
        self.headerPinned = headerPinned
        self.detectDelimiter = detectDelimiter
    }
}

/// Workbook settings (XLSX and ODS alike).
public struct XLSXFormat: Sendable {
    /// The sheet to read, or `nil` for the first (visible) one.
    public var sheet: String?
    /// The 1-based row holding the header.
    public var headerRow: Int
    /// Whether the header is on `headerRow` rather than searched for: a `headerRow` other than
    /// 1, or `"headerSearch": false`.
    public var headerPinned = false
    /// What the file is, as identification found it from its content (XLSX until then): the
    /// rejected rows come back in the same kind of workbook.
    public var workbook: OfficeFileKind = .xlsx
    /// The most columns and rows a sheet may use (`"maxColumns"`, `"maxRows"`); `nil` for
    /// Excel's own limits (16,384 and 1,048,576).
    public var maxColumns: Int?
    public var maxRows: Int?

    /// The reading limits these settings give.
    public var limits: XLSXLimits {
        var limits = XLSXLimits()
        if let maxColumns { limits.maxColumns = maxColumns }
        if let maxRows { limits.maxRows = maxRows }
        return limits
    }

    /// Creates a value from each stored property (the memberwise initialiser, for the package's other targets).
    package init(
        sheet: String? = nil,
        headerRow: Int,
        headerPinned: Bool = false,
        maxColumns: Int? = nil,
        maxRows: Int? = nil
    ) {
        self.sheet = sheet
        self.headerRow = headerRow
        self.headerPinned = headerPinned
        self.maxColumns = maxColumns
        self.maxRows = maxRows
    }
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

    /// Creates a value from each stored property (the memberwise initialiser, for the package's other targets).
    package init(
        encoding: TextEncoding,
        recordTypeStart: Int,
        recordTypeLength: Int,
        recordLength: Int? = nil,
        records: [String: [FixedWidthFieldPosition]]
    ) {
        self.encoding = encoding
        self.recordTypeStart = recordTypeStart
        self.recordTypeLength = recordTypeLength
        self.recordLength = recordLength
        self.records = records
    }
}

/// A field's place in a fixed-width record.
public struct FixedWidthFieldPosition: Sendable {
    /// The schema field it fills.
    public var name: String
    /// 1-based first position.
    public var start: Int
    /// Number of characters.
    public var length: Int

    /// Creates a value from each stored property (the memberwise initialiser, for the package's other targets).
    package init(
        name: String,
        start: Int,
        length: Int
    ) {
        self.name = name
        self.start = start
        self.length = length
    }
}
