import Foundation
import DealersSupport

/// Reads the rows of one sheet of an OpenDocument spreadsheet (`.ods`, what LibreOffice Calc
/// saves), streaming `content.xml` from the ZIP with the same tokenizer as XLSX
/// (``MarkupScanner``); see ``ODSContentHandler`` for how cells are read. Reading stops at the
/// end of the chosen sheet.
public struct ODSReader: RecordSource, Sendable {
    /// The spreadsheet file.
    public var url: URL
    /// The sheet to read by name (exactly, else ignoring case); `nil` reads the first visible one.
    public var sheet: String?
    /// The safety limits (the same as for XLSX).
    public var limits: XLSXLimits

    /// Creates a reader for one sheet of a spreadsheet.
    public init(url: URL, sheet: String? = nil, limits: XLSXLimits = .init()) {
        self.url = url
        self.sheet = sheet
        self.limits = limits
    }

    /// Reads the sheet and calls `handler` for each row holding a value, in file order.
    /// Throws a `.data` ``DealersError`` naming the file for a file that is not a readable
    /// spreadsheet or has no such sheet, and rethrows what `handler` throws.
    public func read(_ handler: (SourceRecord) throws -> Void) throws {
        try read(WorkbookPackage(url: url, limits: limits), handler)
    }

    /// Reads the sheet from a package already opened.
    func read(_ package: WorkbookPackage, _ handler: (SourceRecord) throws -> Void) throws {
        let part = "content.xml"
        let seen: (found: Bool, names: [String]) = try withoutActuallyEscaping(handler) { handler in
            var content = ODSContentHandler(path: url.path, part: part, sheet: sheet, limits: limits, handler: handler)
            do {
                try package.read(part, format: "ODS", into: &content)
            } catch is ODSContentHandler.Done {
                return (true, [])
            }
            return (content.found, content.sheetNames)
        }
        guard !seen.found else { return }
        if let sheet { _ = try WorkbookSheets.find(sheet, in: seen.names, path: url.path) }
        throw DealersError(.data, path: url.path, seen.names.isEmpty ? "the workbook has no sheets" : "the workbook has no visible sheet")
    }
}
