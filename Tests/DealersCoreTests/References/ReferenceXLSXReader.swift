// The XLSX reader as it was before issue 27 (Foundation's XMLParser over parts extracted to
// temporary files), kept unchanged but for its names as the reference of XLSXDifferentialTests.
import Foundation
@testable import DealersCore
/// Reads the rows of one sheet of an XLSX workbook, streaming the sheet from disk.
///
/// Any producer's workbook is read from its parts (`xl/workbook.xml` and its relationships, the
/// shared strings, the styles, the worksheet), not through a spreadsheet library. Each part is
/// inflated to a temporary file under ``XLSXLimits`` and parsed as a stream, so a large sheet
/// costs constant memory; only the shared-string table is held in memory.
///
/// Cells keep their type: text (shared, inline or formula strings and error values such as
/// `#N/A`) is `.text`, numbers are `.number` in canonical spelling, numbers with a date style
/// are `.date` (Excel's 1900 leap-year quirk is kept: serial
/// 60 reads as 1900-02-28), booleans are `.boolean`. ``SourceRecord/line`` is the spreadsheet
/// row number; rows that are absent or hold no value are not reported; `raw` is `nil`.
public struct ReferenceXLSXReader: RecordSource, Sendable {
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
        let package = try ReferenceXLSXPackage(url: url, limits: limits)
        return try ReferenceXLSXWorkbook(package: package).sheets.map(\.name)
    }

    /// Reads the sheet and calls `handler` for each row holding a value, in file order.
    /// Throws a `.data` ``DealersError`` naming the file for a file that is not a readable
    /// workbook (not a ZIP, a missing part, malformed XML, a DOCTYPE, a limit exceeded, an
    /// unknown sheet), and rethrows what `handler` throws.
    public func read(_ handler: (SourceRecord) throws -> Void) throws {
        let package = try ReferenceXLSXPackage(url: url, limits: limits)
        let workbook = try ReferenceXLSXWorkbook(package: package)
        let chosen = try choose(in: workbook)
        guard let sheetPart = chosen.part, package.contains(sheetPart) else {
            throw DealersError(.data, path: url.path, "the sheet \"\(chosen.name)\" has no worksheet part in the workbook")
        }

        var sharedStrings: [String] = []
        if let part = workbook.sharedStringsPart, package.contains(part) {
            let parser = ReferenceSharedStringsParser(path: url.path, part: part, maxBytes: limits.maxSharedStringsBytes)
            try package.parse(part, with: parser)
            sharedStrings = parser.strings
        }
        var styles = ReferenceDateStyles()
        if let part = workbook.stylesPart, package.contains(part) {
            styles = try ReferenceDateStyles(package: package, part: part)
        }

        try withoutActuallyEscaping(handler) { handler in
            let parser = ReferenceSheetParser(path: url.path, part: sheetPart, sharedStrings: sharedStrings,
                                         styles: styles, date1904: workbook.date1904,
                                         maxColumns: limits.maxColumns, handler: handler)
            try package.parse(sheetPart, with: parser)
        }
    }

    private func choose(in workbook: ReferenceXLSXWorkbook) throws -> ReferenceXLSXWorkbook.Sheet {
        guard !workbook.sheets.isEmpty else {
            throw DealersError(.data, path: url.path, "the workbook has no sheets")
        }
        guard let name = sheet else {
            guard let first = workbook.sheets.first(where: \.isWorksheet) else {
                throw DealersError(.data, path: url.path, "the workbook has no worksheet (only chart sheets)")
            }
            return first
        }
        let found = workbook.sheets.first { $0.name == name }
            ?? workbook.sheets.first { $0.name.lowercased() == name.lowercased() }
        guard let found else {
            let names = workbook.sheets.map { "\"\($0.name)\"" }.joined(separator: ", ")
            throw DealersError(.data, path: url.path, "the workbook has no sheet named \"\(name)\"; its sheets are \(names)")
        }
        guard found.isWorksheet else {
            throw DealersError(.data, path: url.path, "the sheet \"\(found.name)\" is a chart sheet, not a worksheet")
        }
        return found
    }
}
