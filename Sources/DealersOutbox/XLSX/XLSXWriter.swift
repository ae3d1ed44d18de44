import CXLSXWriter
import Foundation
import DealersSupport

/// Writes one .xlsx file atomically: libxlsxwriter writes the workbook to a hidden temporary
/// file in the target folder on ``close()``, which is then flushed and renamed over the target.
///
/// A writer dropped without ``close()`` frees the workbook and deletes the temporary file: the
/// target is never left half written. Sheets (``XLSXSheet``) keep their writer alive.
///
/// In `constantMemory` mode (the default) rows are streamed to temporary files and memory stays
/// flat whatever the row count (cell comments, kept until the workbook closes, excepted); rows
/// are then written in order only, which is all ``XLSXSheet`` does.
public final class XLSXWriter {
    /// The file written on ``close()``.
    public let url: URL
    /// Whether rows stream to disk instead of being held in memory.
    public let constantMemory: Bool
    /// The number format of date cells (e.g. `dd/mm/yyyy` for Spanish, `yyyy-mm-dd` for English).
    public let dateFormat: String
    /// Rows per worksheet, title and header included, before a sheet continues in "Name (2)".
    package let maxRowsPerSheet: Int

    private enum State { case open, closed, failed(any Error) }

    private let file: StagedFile
    package let handle: XLSXWorkbookHandle
    package let formats: XLSXFormats
    private var sheetNames = SheetNames()
    private var sheets: [XLSXSheetState] = []
    private var state = State.open

    /// Starts a workbook for `url`; nothing appears at `url` before ``close()``.
    /// - Parameters:
    ///   - constantMemory: stream rows to disk (no cell comments); `false` holds the workbook in memory.
    ///   - dateFormat: the Excel number format of date cells.
    /// - Throws: ``DealersError`` `.cannotCreate` naming the file when its folder cannot be written.
    public convenience init(url: URL, constantMemory: Bool = true, dateFormat: String = "dd/mm/yyyy") throws {
        try self.init(url: url, constantMemory: constantMemory, dateFormat: dateFormat,
                      maxRowsPerSheet: ExcelLimits.maxRows)
    }

    /// As the public initialiser, with the row limit per worksheet injectable for tests.
    package init(url: URL, constantMemory: Bool, dateFormat: String, maxRowsPerSheet: Int) throws {
        self.url = url
        self.constantMemory = constantMemory
        self.dateFormat = dateFormat
        self.maxRowsPerSheet = min(maxRowsPerSheet, ExcelLimits.maxRows)
        file = try StagedFile(target: url)
        file.releaseDescriptor()
        guard let handle = XLSXWorkbookHandle(path: file.temporary.path, constantMemory: constantMemory) else {
            throw DealersError(.cannotCreate, path: url.path,
                               "libxlsxwriter could not start the workbook (out of memory or no temporary file)")
        }
        self.handle = handle
        formats = XLSXFormats(handle: handle, dateFormat: dateFormat, path: url.path)
    }

    /// Adds a worksheet: an optional title row (bold, larger) and subtitle row (e.g.
    /// "Fecha de referencia: 24/11/2026") above a bold header row, which is frozen and gets an
    /// autofilter over the data written; columns get their widths on ``close()``.
    ///
    /// The name is made valid for Excel (31 characters, no `[]:*?/\`, unique; " (2)" is added
    /// to a name already used). Past Excel's row limit the sheet continues in "Name (2)", …
    /// - Throws: ``DealersError`` naming the file for more than 16,384 columns, a closed
    ///   workbook, or a libxlsxwriter failure.
    public func addSheet(name: String, title: String? = nil, subtitle: String? = nil,
                         columns: [OutputColumn]) throws -> XLSXSheet {
        try checkOpen()
        guard columns.count <= ExcelLimits.maxColumns else {
            throw DealersError(.internalError, path: url.path,
                               "sheet '\(name)' has \(columns.count) columns; Excel allows \(ExcelLimits.maxColumns)")
        }
        let headerRows = (title == nil ? 0 : 1) + (subtitle == nil ? 0 : 1) + 1
        guard headerRows < maxRowsPerSheet else {
            throw DealersError(.internalError, path: url.path, "no room for data rows below the header")
        }
        let state = XLSXSheetState(baseName: sheetNames.claim(name), title: title, subtitle: subtitle,
                                   columns: columns)
        try startPart(of: state)
        sheets.append(state)
        return XLSXSheet(writer: self, state: state)
    }

    /// Finishes the workbook: sets autofilter ranges and column widths, has libxlsxwriter write
    /// it, flushes it to disk and renames it over the target. Calling it again after success
    /// does nothing.
    /// - Throws: ``DealersError`` `.cannotCreate` naming the file with libxlsxwriter's reason, or
    ///   `.io` when flushing or renaming fails; the target is then left as it was.
    public func close() throws {
        switch state {
        case .closed: return
        case .failed(let error): throw error
        case .open: break
        }
        do {
            for sheet in sheets {
                try sheet.finish(path: url.path)
            }
            let result = handle.close()
            guard result == LXW_NO_ERROR else {
                throw DealersError(.cannotCreate, path: url.path,
                                   "cannot write the workbook: \(String(cString: lxw_strerror(result)))")
            }
            try file.commit()
            state = .closed
        } catch {
            state = .failed(error)
            file.discard()
            throw error
        }
    }

    // MARK: - Internal, for XLSXSheet

    /// Throws unless the workbook can still be written.
    package func checkOpen() throws {
        switch state {
        case .open: return
        case .closed: throw DealersError(.internalError, path: url.path, "workbook already closed")
        case .failed(let error): throw error
        }
    }

    /// Adds the next worksheet of a sheet (the first, or the continuation past the row limit)
    /// with its title, subtitle, header row, frozen panes.
    package func startPart(of sheet: XLSXSheetState) throws {
        let name = sheet.parts.isEmpty
            ? sheet.baseName
            : sheetNames.claimContinuation(of: sheet.baseName, number: sheet.parts.count + 1)
        guard let worksheet = handle.addWorksheet(named: name) else {
            throw DealersError(.cannotCreate, path: url.path, "libxlsxwriter refused the worksheet '\(name)'")
        }
        var row = 0
        if let title = sheet.title {
            try check(worksheet_write_string(worksheet, UInt32(row), 0, ExcelLimits.cellText(title),
                                             try formats.format(.title)), sheet: name, row: row, column: 0)
            row += 1
        }
        if let subtitle = sheet.subtitle {
            try check(worksheet_write_string(worksheet, UInt32(row), 0, ExcelLimits.cellText(subtitle), nil),
                      sheet: name, row: row, column: 0)
            row += 1
        }
        let header = try formats.format(.header)
        for (column, spec) in sheet.columns.enumerated() {
            try check(worksheet_write_string(worksheet, UInt32(row), UInt16(column),
                                             ExcelLimits.cellText(spec.header), header),
                      sheet: name, row: row, column: column)
        }
        worksheet_freeze_panes(worksheet, UInt32(row + 1), 0)
        sheet.parts.append(XLSXSheetPart(worksheet: worksheet, name: name, headerRow: row, nextRow: row + 1))
    }

    /// Turns a libxlsxwriter result into an error naming the file, sheet and cell.
    package func check(_ result: lxw_error, sheet: String, row: Int, column: Int) throws {
        guard result != LXW_NO_ERROR else { return }
        throw DealersError(.io, path: url.path,
                           "cannot write cell \(ExcelLimits.columnName(column))\(row + 1) of sheet '\(sheet)': "
                           + String(cString: lxw_strerror(result)))
    }
}
