import DealersModel
import DealersSupport

/// Turns a worksheet part's markup into one ``SourceRecord`` per row that holds a value.
///
/// Cells are placed by their reference (`r="C5"` is the third cell; gaps are empty), cells
/// without a reference follow the previous one, and trailing empty cells are dropped. A row
/// whose cells are all empty (only formatting) is not reported, like a row that is absent.
/// A cell's value is copied as bytes into the row: a shared string from the arena, a number in
/// its spelling as Excel shows it (``ExcelNumber``), a date as `YYYY-MM-DD` when its style is a
/// date format; formulas are never read, only their cached values.
struct XLSXSheetHandler: MarkupHandler {
    let path: String
    let part: String
    let strings: XLSXSharedStrings
    let styles: XLSXDateStyles
    let date1904: Bool
    let limits: XLSXLimits
    let handler: (SourceRecord) throws -> Void

    private var rowNumber = 0
    private var row = WorkbookRow()
    private var inSheetData = false

    // The cell being read.
    private var column = 0               // 1-based
    private var reference: [UInt8] = []
    private var type = CellType.number
    private var style = 0
    private var value: [UInt8] = []
    private var inlineText: [UInt8] = []
    private var inValue = false
    private var inInline = false
    private var inText = false
    private var phoneticDepth = 0
    private var scratch: [UInt8] = []

    /// The `t` attribute of a cell.
    private enum CellType { case number, shared, inline, formulaString, error, boolean, isoDate }

    init(path: String, part: String, strings: XLSXSharedStrings,
         styles: XLSXDateStyles, date1904: Bool, limits: XLSXLimits, handler: @escaping (SourceRecord) throws -> Void) {
        self.path = path
        self.part = part
        self.strings = strings
        self.styles = styles
        self.date1904 = date1904
        self.limits = limits
        self.handler = handler
    }

    mutating func start(_ tag: MarkupTag) throws {
        let name = tag.local
        switch name.bytes.count {
        case 1:
            if name.matches("c") {
                if inSheetData { try startCell(tag) }
            } else if name.matches("v") {
                inValue = true
            } else if name.matches("t") {
                inText = inInline && phoneticDepth == 0
            }
        case 2 where name.matches("is"):
            inInline = true
        case 3:
            if name.matches("row") {
                if inSheetData { try startRow(tag) }
            } else if name.matches("rPh") {
                phoneticDepth += 1
            }
        case 9 where name.matches("sheetData"):
            inSheetData = true
        default:
            break
        }
    }

    mutating func end(_ name: MarkupName) throws {
        switch name.bytes.count {
        case 1:
            if name.matches("c") {
                if inSheetData { try endCell() }
            } else if name.matches("v") {
                inValue = false
            } else if name.matches("t") {
                inText = false
            }
        case 2 where name.matches("is"):
            inInline = false
        case 3:
            if name.matches("row") {
                if inSheetData, let record = row.record(line: rowNumber) { try handler(record) }
            } else if name.matches("rPh") {
                phoneticDepth = max(0, phoneticDepth - 1)
            }
        case 9 where name.matches("sheetData"):
            inSheetData = false
        default:
            break
        }
    }

    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        if inValue {
            value.append(contentsOf: bytes)
        } else if inText {
            inlineText.append(contentsOf: bytes)
        }
    }

    private mutating func startRow(_ tag: MarkupTag) throws {
        if let r = tag.value("r") {
            guard let number = XLSXValues.integer(r), number >= 1 else {
                throw fail("has a row numbered \"\(String(decoding: r, as: UTF8.self))\"")
            }
            rowNumber = number
        } else {
            rowNumber += 1
        }
        row.reset()
    }

    private mutating func startCell(_ tag: MarkupTag) throws {
        reference.removeAll(keepingCapacity: true)
        if let r = tag.value("r"), !r.isEmpty {
            reference.append(contentsOf: r)
            guard let referenced = XLSXValues.column(ofReference: r, maxColumns: limits.maxColumns) else {
                throw fail("has a cell with the reference \"\(String(decoding: r, as: UTF8.self))\", expected a column and a row like C5")
            }
            column = referenced
        } else {
            column = row.count + 1
        }
        if column > limits.maxColumns {
            throw fail("has the cell \(place) beyond column \(limits.maxColumns), the limit")
        }
        type = Self.type(tag.value("t"))
        style = tag.value("s").flatMap(XLSXValues.integer) ?? 0
        value.removeAll(keepingCapacity: true)
        inlineText.removeAll(keepingCapacity: true)
    }

    private static func type(_ t: UnsafeBufferPointer<UInt8>?) -> CellType {
        guard let t else { return .number }
        if MarkupBytes.equal(t, "s") { return .shared }
        if MarkupBytes.equal(t, "inlineStr") { return .inline }
        if MarkupBytes.equal(t, "str") { return .formulaString }
        if MarkupBytes.equal(t, "e") { return .error }
        if MarkupBytes.equal(t, "b") { return .boolean }
        if MarkupBytes.equal(t, "d") { return .isoDate }
        return .number
    }

    /// Where the cell is, for messages: its reference, or its row.
    private var place: String {
        reference.isEmpty ? "in row \(rowNumber)" : String(decoding: reference, as: UTF8.self)
    }

    private mutating func endCell() throws {
        guard rowNumber <= limits.maxRows || value.isEmpty && inlineText.isEmpty else {
            throw fail("has the row \(rowNumber) beyond row \(limits.maxRows), the limit")
        }
        let column = self.column
        switch type {
        case .shared:
            guard !value.isEmpty else { return row.set(column: column, kind: .text, UnsafeBufferPointer(start: nil, count: 0)) }
            let index = value.withUnsafeBufferPointer { XLSXValues.integer(trimmed($0)) }
            let found: Void? = try index.flatMap { index in try strings.withString(index) { row.set(column: column, kind: .text, $0) } }
            if found == nil, strings.isPartial, let index { throw XLSXSharedStrings.Beyond(index: index) }
            guard found != nil else {
                throw fail("has the cell \(place) referring to shared string \"\(String(decoding: value, as: UTF8.self))\", "
                           + "but the workbook has \(strings.count) shared strings")
            }
        case .inline:
            let text = inlineText.isEmpty ? value : inlineText
            text.withUnsafeBufferPointer { row.set(column: column, kind: .text, $0) }
        case .formulaString, .error:
            value.withUnsafeBufferPointer { row.set(column: column, kind: .text, $0) }
        case .boolean:
            let flag = value.withUnsafeBufferPointer { Self.boolean(trimmed($0)) }
            guard let flag else {
                throw fail("has the boolean cell \(place) holding \"\(String(decoding: value, as: UTF8.self))\", expected 0 or 1")
            }
            row.set(column: column, kind: flag == nil ? .text : .boolean) { out in
                if let flag { out.append(contentsOf: flag ? Self.trueBytes : Self.falseBytes) }
            }
        case .isoDate:
            guard !value.isEmpty else { return row.set(column: column, kind: .text, UnsafeBufferPointer(start: nil, count: 0)) }
            if let date = value.withUnsafeBufferPointer(XLSXValues.isoDate) {
                row.set(column: column, kind: .date) { $0.append(contentsOf: date.description.utf8) }
            } else {
                value.withUnsafeBufferPointer { row.set(column: column, kind: .text, $0) }
            }
        case .number:
            try number(column)
        }
    }

    /// A number cell: its spelling, or the date its style shows.
    private mutating func number(_ column: Int) throws {
        guard !value.isEmpty else { return row.set(column: column, kind: .text, UnsafeBufferPointer(start: nil, count: 0)) }
        scratch.removeAll(keepingCapacity: true)
        let ok = value.withUnsafeBufferPointer { ExcelNumber.append($0, to: &scratch) }
        guard ok else {
            throw fail("has the number cell \(place) holding \"\(String(decoding: value, as: UTF8.self))\", expected a number")
        }
        if styles.isDate(style: style),
           let days = scratch.withUnsafeBufferPointer(ExcelNumber.wholeDays),
           let date = XLSXValues.date(days: days, date1904: date1904) {
            return row.set(column: column, kind: .date) { $0.append(contentsOf: date.description.utf8) }
        }
        scratch.withUnsafeBufferPointer { row.set(column: column, kind: .number, $0) }
    }

    /// `true` for 1 and true, `false` for 0 and false, `.some(nil)` for nothing; `nil` otherwise.
    private static func boolean(_ t: UnsafeBufferPointer<UInt8>) -> Bool?? {
        if t.isEmpty { return .some(nil) }
        if MarkupBytes.equal(t, "1") { return true }
        if MarkupBytes.equal(t, "0") { return false }
        let lower = String(decoding: t, as: UTF8.self).lowercased()
        if lower == "true" { return true }
        if lower == "false" { return false }
        return nil
    }

    private static let trueBytes = Array("TRUE".utf8)
    private static let falseBytes = Array("FALSE".utf8)

    private func trimmed(_ t: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0, end = t.count
        while start < end, t[start] == 0x20 || t[start] == 0x09 { start += 1 }
        while end > start, t[end - 1] == 0x20 || t[end - 1] == 0x09 { end -= 1 }
        return UnsafeBufferPointer(rebasing: t[start..<end])
    }

    private func fail(_ message: String) -> DealersError {
        DealersError(.data, path: path, "the part \(part) \(message)")
    }
}
