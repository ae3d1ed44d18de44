import CXLSXWriter
import DealersSupport

/// One worksheet of a sheet: a sheet continues in a new worksheet past the row limit.
package struct XLSXSheetPart {
    /// The worksheet, owned by the workbook.
    package var worksheet: UnsafeMutablePointer<lxw_worksheet>
    /// Its name in the workbook.
    package var name: String
    /// The 0-based row of the header.
    package var headerRow: Int
    /// The 0-based row the next data row goes to.
    package var nextRow: Int

    /// The number of data rows written.
    package var dataRows: Int { nextRow - headerRow - 1 }
}

/// What a sheet knows between calls: its layout, its worksheets, its column widths. Held by the
/// writer (to finish it on close) and by the ``XLSXSheet`` handed out.
package final class XLSXSheetState {
    package let baseName: String
    package let title: String?
    package let subtitle: String?
    package let columns: [OutputColumn]
    package var parts: [XLSXSheetPart] = []
    package var widths: ColumnWidths

    package init(baseName: String, title: String?, subtitle: String?, columns: [OutputColumn]) {
        self.baseName = baseName
        self.title = title
        self.subtitle = subtitle
        self.columns = columns
        widths = ColumnWidths(columns: columns)
    }

    /// Sets each worksheet's autofilter (header and data rows) and column widths.
    package func finish(path: String) throws {
        guard !columns.isEmpty else { return }
        let lastColumn = UInt16(columns.count - 1)
        for part in parts {
            let lastRow = max(part.headerRow, part.nextRow - 1)
            let result = worksheet_autofilter(part.worksheet, UInt32(part.headerRow), 0, UInt32(lastRow), lastColumn)
            guard result == LXW_NO_ERROR else {
                throw DealersError(.io, path: path, "cannot set the autofilter of sheet '\(part.name)': "
                                   + String(cString: lxw_strerror(result)))
            }
            for column in columns.indices {
                worksheet_set_column(part.worksheet, UInt16(column), UInt16(column), widths.width(column), nil)
            }
        }
    }
}
