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
        try read(first: nil, handler)
    }

    /// Reads the first `limit` rows holding a value (a sample), as ``read(_:)`` reads them all,
    /// at the cost of those rows only.
    package func readFirst(_ limit: Int, _ handler: (SourceRecord) throws -> Void) throws {
        try read(first: limit, handler)
    }

    private func read(first limit: Int?, _ handler: (SourceRecord) throws -> Void) throws {
        let package = try WorkbookPackage(url: url, limits: limits)
        let kind = OfficeFileKind.kind(of: package)
        switch kind {
        case .ods:
            struct Enough: Error {}
            var count = 0
            do {
                try ODSReader(url: url, sheet: sheet, limits: limits).read(package) { record in
                    try handler(record)
                    count += 1
                    if let limit, count >= limit { throw Enough() }
                }
            } catch is Enough {}
        case .xlsx, .otherZip:
            let reader = XLSXReader(url: url, sheet: sheet, limits: limits)
            if let limit { try reader.readFirst(limit, from: package, handler) } else { try reader.read(package, handler) }
        default:
            throw DealersError(.data, path: url.path, "not a readable workbook: " + (kind.refusal?.en ?? "unknown content"))
        }
    }
}
