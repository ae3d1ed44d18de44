import Foundation
import DealersSupport

/// Reads the rows of one sheet of an XLSX workbook, streaming the sheet's part from the ZIP.
///
/// Any producer's workbook is read from its parts (`xl/workbook.xml` and its relationships, the
/// shared strings, the styles, the worksheet), not through a spreadsheet library. Each part is
/// inflated chunk by chunk under ``XLSXLimits`` and tokenized as it streams
/// (``WorkbookPackage``, ``MarkupScanner``): nothing is written to disk, a large sheet costs
/// constant memory, and the shared-string table is kept as one arena of bytes whose first
/// megabytes stay in memory and the rest in a temporary file (``XLSXSharedStrings``).
///
/// Cells keep their type: text (shared, inline or formula strings and error values such as
/// `#N/A`) is text, numbers are numbers spelled as Excel shows them (15 significant digits,
/// ``ExcelNumber``), numbers with a date style are dates (Excel's 1900 leap-year quirk is kept:
/// serial 60 reads as 1900-02-28; the 1904 date system is followed), booleans are booleans; a
/// formula cell gives its cached value. Cells reach the record as bytes (``SourceRecord``), so
/// no `String` is made for a cell the validator can read as bytes. ``SourceRecord/line`` is the
/// spreadsheet row number; rows that are absent or hold no value are not reported; `raw` is `nil`.
public struct XLSXReader: RecordSource, Sendable {
    /// The workbook file.
    public var url: URL
    /// The sheet to read by name (matched exactly, then ignoring case); `nil` reads the first
    /// worksheet in workbook order.
    public var sheet: String?
    /// The safety limits.
    public var limits: XLSXLimits

    /// Creates a reader for one sheet of a workbook.
    public init(url: URL, sheet: String? = nil, limits: XLSXLimits = .init()) {
        self.url = url
        self.sheet = sheet
        self.limits = limits
    }

    /// The names of the workbook's sheets in workbook order (to offer a choice or name them in
    /// an error).
    public func sheetNames() throws -> [String] {
        let package = try WorkbookPackage(url: url, limits: limits)
        return try XLSXWorkbook(package: package).sheets.map(\.name)
    }

    /// Reads the sheet and calls `handler` for each row holding a value, in file order.
    /// Throws a `.data` ``DealersError`` naming the file for a file that is not a readable
    /// workbook (not a ZIP, a missing part, malformed XML, a DOCTYPE, a limit exceeded, an
    /// unknown sheet), and rethrows what `handler` throws.
    public func read(_ handler: (SourceRecord) throws -> Void) throws {
        try read(WorkbookPackage(url: url, limits: limits), handler)
    }

    /// Reads the first `limit` rows holding a value, reading no more of the shared strings than
    /// they refer to (a workbook's strings come in the order of their first use): a sample for
    /// choosing the layout costs the first rows, not the whole table.
    func readFirst(_ limit: Int, from package: WorkbookPackage, _ handler: (SourceRecord) throws -> Void) throws {
        struct Enough: Error {}
        var strings = 64
        while true {
            var rows: [SourceRecord] = []
            do {
                try read(package, strings: strings) { record in
                    rows.append(record)
                    if rows.count >= limit { throw Enough() }
                }
            } catch let beyond as XLSXSharedStrings.Beyond {
                strings = max(strings * 4, beyond.index + 1)
                continue
            } catch is Enough {}
            for row in rows { try handler(row) }
            return
        }
    }

    /// Reads the sheet from a package already opened; with `strings`, only that many shared
    /// strings are read, and a cell referring to a later one throws ``XLSXSharedStrings/Beyond``.
    func read(_ package: WorkbookPackage, strings first: Int? = nil, _ handler: (SourceRecord) throws -> Void) throws {
        let workbook = try XLSXWorkbook(package: package)
        let chosen = try choose(in: workbook)
        guard let sheetPart = chosen.part, package.contains(sheetPart) else {
            throw DealersError(.data, path: url.path, "the sheet \"\(chosen.name)\" has no worksheet part in the workbook")
        }
        var strings = XLSXSharedStrings()
        if let part = workbook.sharedStringsPart, package.contains(part) {
            strings = try XLSXSharedStrings(package: package, part: part, limits: limits, first: first)
        }
        var styles = XLSXDateStyles()
        if let part = workbook.stylesPart, package.contains(part) {
            styles = try XLSXDateStyles(package: package, part: part)
        }
        try withoutActuallyEscaping(handler) { handler in
            var sheet = XLSXSheetHandler(path: url.path, part: sheetPart, strings: strings, styles: styles,
                                         date1904: workbook.date1904, limits: limits, handler: handler)
            try package.read(sheetPart, format: "XLSX", into: &sheet)
        }
    }

    private func choose(in workbook: XLSXWorkbook) throws -> XLSXWorkbook.Sheet {
        guard !workbook.sheets.isEmpty else {
            throw DealersError(.data, path: url.path, "the workbook has no sheets")
        }
        guard let name = sheet else {
            guard let first = workbook.sheets.first(where: \.isWorksheet) else {
                throw DealersError(.data, path: url.path, "the workbook has no worksheet (only chart sheets)")
            }
            return first
        }
        let found = try WorkbookSheets.find(name, in: workbook.sheets.map(\.name), path: url.path)
        guard workbook.sheets[found].isWorksheet else {
            throw DealersError(.data, path: url.path, "the sheet \"\(workbook.sheets[found].name)\" is a chart sheet, not a worksheet")
        }
        return workbook.sheets[found]
    }
}

/// Choosing a sheet by the name a layout gives.
enum WorkbookSheets {
    /// The index of the sheet named `name` (exactly, else ignoring case).
    /// - Throws: a `.data` error listing the sheets when there is none by that name.
    static func find(_ name: String, in names: [String], path: String) throws -> Int {
        if let exact = names.firstIndex(of: name) { return exact }
        if let folded = names.firstIndex(where: { $0.lowercased() == name.lowercased() }) { return folded }
        let list = names.map { "\"\($0)\"" }.joined(separator: ", ")
        throw DealersError(.data, path: path, "the workbook has no sheet named \"\(name)\"; its sheets are \(list)")
    }
}
