import Foundation
import DealersModel

/// One cell of an input record as the reader found it, before validation.
///
/// Delimited and fixed-width files only produce `.text`; workbook cells (XLSX, ODS) keep their
/// type so that a number or a date stored by a spreadsheet is not re-parsed with the layout's
/// text rules.
public enum Cell: Sendable, Equatable {
    /// No value (an empty or absent cell).
    case empty
    /// Text, already decoded to a Swift string.
    case text(String)
    /// A number stored as a number (XLSX), in its canonical decimal spelling (`"1234.5"`).
    case number(String)
    /// A date stored as a date (an XLSX serial number with a date style).
    case date(CivilDate)
    /// A boolean stored as a boolean (XLSX).
    case boolean(Bool)

    /// The cell as text a person would recognise (dates as `YYYY-MM-DD`).
    public var text: String {
        switch self {
        case .empty: return ""
        case .text(let s), .number(let s): return s
        case .date(let d): return d.description
        case .boolean(let b): return b ? "TRUE" : "FALSE"
        }
    }

    /// Whether the cell holds nothing but whitespace.
    public var isBlank: Bool {
        switch self {
        case .empty: return true
        case .text(let s): return s.isEmpty || TextNormalization.trim(s).isEmpty
        default: return false
        }
    }
}

/// One record of an input file: its cells, where it starts, and its bytes as they came.
public struct SourceRecord: Sendable {
    /// The 1-based line a person sees in a text editor where this record starts (the header is
    /// line 1), or the 1-based row number in a spreadsheet.
    public var line: Int
    /// The cells in file order. Records of delimited files keep their cells as bytes and
    /// decode them here, on every call: read ``cellCount`` and ``cell(at:)`` in loops.
    public var cells: [Cell] {
        get { byteCells?.decoded ?? storedCells }
        set { storedCells = newValue; byteCells = nil }
    }
    private var storedCells: [Cell]
    /// The cells as bytes (delimited files and workbooks), decoded only when asked; `nil` for
    /// other readers.
    package private(set) var byteCells: ByteCells?
    /// The record's bytes exactly as read (including its line ending), for text formats; `nil`
    /// for XLSX, whose rejected rows are written again from ``cells``. A copy when the record is
    /// in a batch's arena: read it for rows that are rejected or kept, not for every row.
    public var raw: [UInt8]? {
        get {
            guard let rawInArena else { return ownRaw }
            return rawInArena.arena.withBytes(rawInArena.range) { Array($0) }
        }
        set {
            ownRaw = newValue
            rawInArena = nil
        }
    }
    private var ownRaw: [UInt8]?
    /// Where the raw bytes are in a batch's arena (see ``RecordArena``), instead of ``ownRaw``.
    private var rawInArena: (arena: RecordArena, range: Range<Int>)?

    /// The number of bytes of ``raw``, without copying them.
    public var rawCount: Int? { rawInArena?.range.count ?? ownRaw?.count }
    /// For fixed-width files: the record type (e.g. `"22"`); otherwise `nil`.
    public var recordType: String?
    /// A problem the reader found in this record's shape or bytes, reported by validation as a
    /// row error rather than stopping the file.
    public var problem: RecordProblem?

    /// Creates a record.
    public init(line: Int, cells: [Cell], raw: [UInt8]? = nil, recordType: String? = nil,
                problem: RecordProblem? = nil) {
        self.line = line
        self.storedCells = cells
        ownRaw = raw
        self.recordType = recordType
        self.problem = problem
    }

    /// A workbook row whose cells stay bytes until asked for (no raw bytes: a rejected row is
    /// written again from its cells).
    package init(line: Int, byteCells: ByteCells, problem: RecordProblem?) {
        self.line = line
        self.storedCells = []
        self.byteCells = byteCells
        ownRaw = nil
        self.problem = problem
    }

    /// A delimited record whose cells stay bytes until asked for.
    package init(line: Int, byteCells: ByteCells, raw: [UInt8], problem: RecordProblem?) {
        self.line = line
        self.storedCells = []
        self.byteCells = byteCells
        ownRaw = raw
        self.problem = problem
    }

    /// A delimited record of a batch's arena: its cells and its raw bytes (at `raw` in the
    /// arena's bytes) are there (see ``RecordArena``).
    package init(line: Int, byteCells: ByteCells, arena: RecordArena, raw: Range<Int>, problem: RecordProblem?) {
        self.line = line
        self.storedCells = []
        self.byteCells = byteCells
        ownRaw = nil
        rawInArena = (arena, raw)
        self.problem = problem
    }

    /// The same record with its bytes in arrays of its own: what is kept beyond the record's
    /// batch (the header, a deferred row) holds, so that it does not keep the batch's whole
    /// arena from being used again.
    public func detached() -> SourceRecord {
        guard rawInArena != nil || byteCells?.isInArena == true else { return self }
        var copy = self
        copy.byteCells = byteCells?.detached()
        copy.raw = raw
        return copy
    }

    /// `body` on a borrowed view of the cells (``ByteCells/withView(_:)``), or on `nil` for a
    /// record of another reader: the row loop reads every cell through one view, with no copy of
    /// ``byteCells`` per cell.
    package func withCellView<R>(_ body: (ByteCells.View?) throws -> R) rethrows -> R {
        guard let byteCells else { return try body(nil) }
        return try byteCells.withView(body)
    }

    /// The number of cells.
    public var cellCount: Int { byteCells?.count ?? storedCells.count }

    /// The cell at a 0-based index, decoded if need be; `nil` past the last cell.
    public func cell(at index: Int) -> Cell? {
        guard index >= 0, index < cellCount else { return nil }
        return byteCells?.cell(index) ?? storedCells[index]
    }

    /// Whether every cell holds nothing but white space (a blank line of a spreadsheet export).
    public var isBlank: Bool { byteCells?.isBlank ?? storedCells.allSatisfy(\.isBlank) }
}

/// What a reader can find wrong with one record without giving up on the file.
public enum RecordProblem: Sendable, Equatable {
    /// The bytes of a cell (1-based column) are not valid in the declared encoding.
    case encoding(column: Int)
    /// A cell (1-based column) holds a control character (NUL, or C0 other than tab, CR, LF).
    case invalidCharacter(column: Int)
    /// A fixed-width record shorter than its declared width.
    case shortRecord(expected: Int, found: Int)
    /// A fixed-width record whose type code the layout does not declare.
    case unknownRecordType(String)
}

/// A streaming source of records: each reader pushes records one at a time to a handler and never
/// holds the whole file in memory.
public protocol RecordSource {
    /// Reads the file from the start and calls `handler` for every record, header included.
    /// Throws a ``DealersError`` for a file that cannot be read at all (with its path); a problem
    /// confined to one record is reported on the record instead (e.g. a ragged row).
    func read(_ handler: (SourceRecord) throws -> Void) throws
}
