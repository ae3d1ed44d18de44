import Foundation
import DealersReading

extension Layout {
    /// The layout as it applies to one file: a workbook (a ZIP package, whatever its name)
    /// dropped for a layout declared as delimited is read as XLSX — first sheet, header in row 1 —
    /// with the same fields, aliases and rules. People save the same listing either way.
    /// (The pipeline gets this from identification, ``LayoutCatalog/identify(_:as:)``.)
    public func adapted(to file: URL) -> Layout {
        LayoutAdaptation.isZip(file) ? asWorkbook() : self
    }

    /// A delimited layout as it reads a workbook: first sheet, the header row it declares (still
    /// searched for unless pinned); any other layout as it is.
    package func asWorkbook() -> Layout {
        guard case .delimited(let d) = format else { return self }
        var copy = self
        copy.format = .xlsx(XLSXFormat(sheet: nil, headerRow: d.skipRows + max(d.headerRow, 1), headerPinned: d.headerPinned))
        return copy
    }
}

package enum LayoutAdaptation {
    /// The ZIP local-file signature `PK\u{3}\u{4}` a workbook starts with.
    package static let zipSignature: [UInt8] = [0x50, 0x4B, 0x03, 0x04]

    /// Whether a file starts with the ZIP signature.
    package static func isZip(_ file: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: file) else { return false }
        defer { try? handle.close() }
        let magic = (try? handle.read(upToCount: 4)) ?? Data()
        return magic == Data(zipSignature)
    }
}
