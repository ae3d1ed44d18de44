import DealersModel
import DealersSupport

/// Turns an OpenDocument spreadsheet's `content.xml` into one ``SourceRecord`` per row of the
/// chosen sheet that holds a value.
///
/// The sheet is the one named (exactly or ignoring case), else the first visible one (a table
/// whose automatic style says `table:display="false"` is hidden). Repetition is expanded only
/// where it holds values: `table:number-rows-repeated` on an empty row and
/// `table:number-columns-repeated` on an empty cell only move the position, so LibreOffice's
/// 1,048,576 repeated empty rows cost nothing. Values come from the cell's `office:value-type`:
/// `float`, `percentage` and `currency` from `office:value` (spelled as ``ExcelNumber`` does),
/// `date` from `office:date-value`, `boolean` from `office:boolean-value`, text from
/// `office:string-value` or the cell's paragraphs (`text:p`, joined by line breaks, with
/// `text:s`, `text:tab` and `text:line-break` expanded, annotations left out); `time` cells give
/// the text shown. Covered cells (the hidden part of a merge) are empty. Formulas are never read,
/// only their cached values.
struct ODSContentHandler: MarkupHandler {
    /// Thrown to stop reading once the chosen sheet has ended.
    struct Done: Error {}

    let path: String
    let part: String
    let sheet: String?
    let limits: XLSXLimits
    let handler: (SourceRecord) throws -> Void

    /// The names of the sheets seen so far, in order (for errors).
    private(set) var sheetNames: [String] = []
    /// Whether the chosen sheet was found.
    private(set) var found = false

    private var hiddenStyles: Set<String> = []
    private var styleName: String?
    private var tableDepth = 0
    private var reading = false
    private var rowNumber = 0
    private var rowRepeat = 1
    private var row = WorkbookRow()
    private var inRow = false
    private var column = 0
    private var cell = PendingCell()
    private var inCell = false
    /// Cells of a table nested in the cell being read (never in a spreadsheet, but allowed).
    private var nestedCells = 0
    private var paragraphDepth = 0
    private var annotationDepth = 0
    private var scratch: [UInt8] = []

    /// The cell being read.
    private struct PendingCell {
        var copies = 1
        var kind = ODSValueKind.none
        var value: [UInt8] = []
        var text: [UInt8] = []
        var paragraphs = 0
        var covered = false
    }

    init(path: String, part: String, sheet: String?, limits: XLSXLimits, handler: @escaping (SourceRecord) throws -> Void) {
        self.path = path
        self.part = part
        self.sheet = sheet
        self.limits = limits
        self.handler = handler
    }

    mutating func start(_ tag: MarkupTag) throws {
        let name = tag.local
        if inCell {
            if name.matches("table-cell") || name.matches("covered-table-cell") { nestedCells += 1 }
            return try startInCell(name, tag)
        }
        if name.matches("table-row") {
            if reading && tableDepth == 1 { try startRow(tag) }
        } else if name.matches("table-cell") || name.matches("covered-table-cell") {
            if reading && tableDepth == 1 && inRow { try startCell(tag, covered: name.matches("covered-table-cell")) }
        } else if name.matches("table") {
            tableDepth += 1
            if tableDepth == 1 { startTable(tag) }
        } else if name.matches("style") {
            styleName = tag.value("style:family").map { MarkupBytes.equal($0, "table") } == true ? tag.string("style:name") : nil
        } else if name.matches("table-properties"), let style = styleName,
                  tag.value("table:display").map({ MarkupBytes.equal($0, "false") }) == true {
            hiddenStyles.insert(style)
        }
    }

    mutating func end(_ name: MarkupName) throws {
        if inCell {
            if name.matches("table-cell") || name.matches("covered-table-cell") {
                if nestedCells > 0 { nestedCells -= 1; return }
                inCell = false
                return try endCell()
            }
            return endInCell(name)
        }
        if name.matches("table-row") {
            if reading && tableDepth == 1 && inRow { try endRow() }
        } else if name.matches("table") {
            tableDepth -= 1
            if tableDepth == 0 && reading { throw Done() }
        } else if name.matches("style") {
            styleName = nil
        }
    }

    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard inCell, paragraphDepth > 0, annotationDepth == 0, cell.kind.usesText else { return }
        try appendText(bytes)
    }

    // MARK: - Tables and rows

    private mutating func startTable(_ tag: MarkupTag) {
        let name = tag.string("table:name") ?? ""
        sheetNames.append(name)
        guard !found else { return }
        if let sheet {
            reading = name == sheet || name.lowercased() == sheet.lowercased()
        } else {
            reading = !(tag.string("table:style-name").map(hiddenStyles.contains) ?? false)
        }
        found = reading
    }

    private mutating func startRow(_ tag: MarkupTag) throws {
        rowRepeat = try repeatCount(tag, "table:number-rows-repeated")
        row.reset()
        column = 0
        inRow = true
    }

    private mutating func endRow() throws {
        inRow = false
        let first = rowNumber + 1
        rowNumber += rowRepeat
        guard let record = row.record(line: first) else { return }
        guard rowNumber <= limits.maxRows else {
            throw fail("has a value on row \(max(first, limits.maxRows + 1)) of the sheet, beyond row \(limits.maxRows), the limit")
        }
        for line in first...rowNumber {
            var copy = record
            copy.line = line
            try handler(copy)
        }
    }

    // MARK: - Cells

    private mutating func startCell(_ tag: MarkupTag, covered: Bool) throws {
        cell = PendingCell()
        cell.copies = try repeatCount(tag, "table:number-columns-repeated")
        cell.covered = covered
        inCell = true
        guard !covered else { return }
        let type = tag.value("office:value-type")
        cell.kind = ODSValueKind(type, error: tag.value("calcext:value-type").map { MarkupBytes.equal($0, "error") } ?? false)
        switch cell.kind {
        case .number: cell.value = tag.value("office:value").map(Array.init) ?? []
        case .date: cell.value = tag.value("office:date-value").map(Array.init) ?? []
        case .boolean: cell.value = tag.value("office:boolean-value").map(Array.init) ?? []
        case .string:
            if let value = tag.value("office:string-value") { cell.value = Array(value); cell.kind = .stringValue }
        default: break
        }
    }

    private mutating func startInCell(_ name: MarkupName, _ tag: MarkupTag) throws {
        if name.matches("annotation") {
            annotationDepth += 1
        } else if annotationDepth > 0 || !cell.kind.usesText {
            return
        } else if name.matches("p") || name.matches("h") {
            if paragraphDepth == 0 {
                if cell.paragraphs > 0 { try appendText(0x0A) }
                cell.paragraphs += 1
            }
            paragraphDepth += 1
        } else if paragraphDepth > 0 {
            if name.matches("s") {
                let count = tag.value("text:c").flatMap { MarkupBytes.integer($0) } ?? 1
                try appendText(0x20, count: count)
            } else if name.matches("tab") {
                try appendText(0x09)
            } else if name.matches("line-break") {
                try appendText(0x0A)
            }
        }
    }

    private mutating func endInCell(_ name: MarkupName) {
        if name.matches("annotation") {
            annotationDepth = max(0, annotationDepth - 1)
        } else if annotationDepth == 0, name.matches("p") || name.matches("h") {
            paragraphDepth = max(0, paragraphDepth - 1)
        }
    }

    private mutating func appendText(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        try checkTextLength(adding: bytes.count)
        cell.text.append(contentsOf: bytes)
    }

    private mutating func appendText(_ byte: UInt8, count: Int = 1) throws {
        try checkTextLength(adding: count)
        cell.text.append(contentsOf: repeatElement(byte, count: count))
    }

    private func checkTextLength(adding count: Int) throws {
        guard cell.text.count + count <= Self.maxCellTextBytes else {
            throw fail("has a cell on row \(rowNumber + 1) longer than \(Self.maxCellTextBytes) bytes, the limit")
        }
    }

    private mutating func endCell() throws {
        paragraphDepth = 0
        annotationDepth = 0
        let first = column + 1
        column += cell.copies
        scratch.removeAll(keepingCapacity: true)
        let kind: ByteCells.CellKind
        switch cell.kind {
        case .none, .string, .time, .error:
            kind = .text
            scratch = cell.text
        case .stringValue:
            kind = .text
            scratch = cell.value
        case .number:
            kind = .number
            let ok = cell.value.withUnsafeBufferPointer { ExcelNumber.append($0, to: &scratch) }
            guard ok || cell.value.isEmpty else {
                throw fail("has the number cell \(reference(first)) holding \"\(String(decoding: cell.value, as: UTF8.self))\", expected a number")
            }
        case .date:
            if let date = cell.value.withUnsafeBufferPointer(XLSXValues.isoDate) {
                kind = .date
                scratch = Array(date.description.utf8)
            } else {
                kind = .text
                scratch = cell.text
            }
        case .boolean:
            kind = .boolean
            let value = String(decoding: cell.value, as: UTF8.self).lowercased()
            guard value == "true" || value == "false" || value.isEmpty else {
                throw fail("has the boolean cell \(reference(first)) holding \"\(value)\", expected true or false")
            }
            scratch = value.isEmpty ? [] : Array((value == "true" ? "TRUE" : "FALSE").utf8)
        }
        guard !scratch.isEmpty, !cell.covered else { return }
        guard column <= limits.maxColumns else {
            throw fail("has the cell \(reference(max(first, limits.maxColumns + 1))) beyond column \(limits.maxColumns), the limit")
        }
        for c in first...column {
            scratch.withUnsafeBufferPointer { row.set(column: c, kind: kind, $0) }
        }
    }

    /// `table:number-rows-repeated` or `table:number-columns-repeated` (1 when absent).
    private func repeatCount(_ tag: MarkupTag, _ name: StaticString) throws -> Int {
        guard let value = tag.value(name) else { return 1 }
        guard let count = MarkupBytes.integer(value), count >= 1 else {
            throw fail("has \(name)=\"\(String(decoding: value, as: UTF8.self))\" on row \(rowNumber + 1), expected a positive count")
        }
        return count
    }

    /// The A1 reference of a column of the current row (`C5`).
    private func reference(_ column: Int) -> String {
        var name = ""
        var c = column
        while c > 0 {
            let letter = (c - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + letter))) + name
            c = (c - 1) / 26
        }
        return "\(name)\(rowNumber + 1)"
    }

    private func fail(_ message: String) -> DealersError {
        DealersError(.data, path: path, "the part \(part) \(message)")
    }

    /// The most text one cell may hold (the longest cell Excel or LibreOffice writes is 32,767
    /// characters).
    static let maxCellTextBytes = 16 << 20
}

/// What an ODS cell's `office:value-type` says it holds.
enum ODSValueKind {
    case none, string, stringValue, number, date, boolean, time, error

    init(_ type: UnsafeBufferPointer<UInt8>?, error: Bool) {
        guard let type else { self = .none; return }
        if error { self = .error; return }
        if MarkupBytes.equal(type, "float") || MarkupBytes.equal(type, "percentage") || MarkupBytes.equal(type, "currency") {
            self = .number
        } else if MarkupBytes.equal(type, "date") {
            self = .date
        } else if MarkupBytes.equal(type, "boolean") {
            self = .boolean
        } else if MarkupBytes.equal(type, "time") {
            self = .time
        } else {
            self = .string
        }
    }

    /// Whether the cell's paragraphs are read (they are what it shows).
    var usesText: Bool {
        switch self {
        case .none, .string, .time, .error, .date: return true
        default: return false
        }
    }
}
