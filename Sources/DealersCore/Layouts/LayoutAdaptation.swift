import Foundation

extension Layout {
    /// The layout as it applies to one file: a workbook (a ZIP package, whatever its name)
    /// dropped for a layout declared as delimited is read as XLSX — first sheet, header in row 1 —
    /// with the same fields, aliases and rules. People save the same listing either way.
    public func adapted(to file: URL) -> Layout {
        guard case .delimited(let d) = format, LayoutAdaptation.isZip(file) else { return self }
        var copy = self
        copy.format = .xlsx(XLSXFormat(sheet: nil, headerRow: d.skipRows + max(d.headerRow, 1)))
        return copy
    }
}

enum LayoutAdaptation {
    /// Whether a file starts with the ZIP local-file signature `PK\u{3}\u{4}`.
    static func isZip(_ file: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: file) else { return false }
        defer { try? handle.close() }
        let magic = (try? handle.read(upToCount: 4)) ?? Data()
        return magic == Data([0x50, 0x4B, 0x03, 0x04])
    }
}
