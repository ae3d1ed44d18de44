import Foundation
import DealersSupport

/// Reads one sheet of a workbook, whatever program saved it: the content decides (never the
/// name) between an XLSX workbook (``XLSXReader``) and an OpenDocument spreadsheet
/// (``ODSReader``); anything else that is a ZIP package is refused naming what it is and what to
/// save it as (an `.xlsb`, another OpenDocument file), as is a file that is not a ZIP archive
/// (an `.xls`, a password-protected workbook: ``OfficeFileKind``).
public struct WorkbookReader: RecordSource, Sendable {
    /// The workbook file.
    public var url: URL
    /// The sheet to read by name; `nil` reads the first (visible) worksheet.
    public var sheet: String?
    /// The safety limits.
    public var limits: XLSXLimits

    /// Creates a reader for one sheet of a workbook.
    public init(url: URL, sheet: String? = nil, limits: XLSXLimits = .init()) {
        self.url = url
        self.sheet = sheet
        self.limits = limits
    }

    /// Reads the sheet and calls `handler` for each row holding a value, in file order.
    /// Throws a `.data` ``DealersError`` naming the file (and what it is) when it is not a
    /// readable workbook, and rethrows what `handler` throws.
    public func read(_ handler: (SourceRecord) throws -> Void) throws {
        let package = try WorkbookPackage(url: url, limits: limits)
        let kind = OfficeFileKind.kind(of: package)
        switch kind {
        case .ods:
            try ODSReader(url: url, sheet: sheet, limits: limits).read(package, handler)
        case .xlsx, .otherZip:
            try XLSXReader(url: url, sheet: sheet, limits: limits).read(package, handler)
        default:
            throw DealersError(.data, path: url.path, "not a readable workbook: " + (kind.refusal?.en ?? "unknown content"))
        }
    }
}
