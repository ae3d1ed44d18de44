import CXLSXWriter

/// Owns one libxlsxwriter workbook (`lxw_workbook *`) and everything it allocates (worksheets,
/// formats, charts): ``close()`` writes and frees it, `deinit` frees it unwritten.
package final class XLSXWorkbookHandle {
    /// The workbook, `nil` once written or freed.
    package private(set) var workbook: UnsafeMutablePointer<lxw_workbook>?
    private var worksheets: [UnsafeMutablePointer<lxw_worksheet>] = []

    /// Starts a workbook that ``close()`` writes to `path`; `nil` when libxlsxwriter cannot
    /// allocate it. Nothing is written to `path` before ``close()``.
    package init?(path: String, constantMemory: Bool) {
        var options = lxw_workbook_options(constant_memory: constantMemory ? 1 : 0, tmpdir: nil, use_zip64: 0)
        workbook = path.withCString { workbook_new_opt($0, &options) }
        if workbook == nil { return nil }
    }

    /// Adds a worksheet under a name that is already valid and unique; `nil` on failure.
    package func addWorksheet(named name: String) -> UnsafeMutablePointer<lxw_worksheet>? {
        guard let workbook else { return nil }
        guard let sheet = name.withCString({ workbook_add_worksheet(workbook, $0) }) else { return nil }
        worksheets.append(sheet)
        return sheet
    }

    /// Adds a cell format, owned and freed by the workbook.
    package func addFormat() -> UnsafeMutablePointer<lxw_format>? {
        guard let workbook else { return nil }
        return workbook_add_format(workbook)
    }

    /// Adds a chart, owned and freed by the workbook.
    package func addChart(type: lxw_chart_type) -> UnsafeMutablePointer<lxw_chart>? {
        guard let workbook else { return nil }
        return workbook_add_chart(workbook, UInt8(type.rawValue))
    }

    /// Writes the file and frees the workbook (libxlsxwriter frees it even when writing fails).
    package func close() -> lxw_error {
        guard let workbook else { return LXW_ERROR_NULL_PARAMETER_IGNORED }
        self.workbook = nil
        worksheets = []
        return workbook_close(workbook)
    }

    deinit {
        guard let workbook else { return }
        // lxw_workbook_free does not close the per-worksheet row files of constant-memory mode
        // (libxlsxwriter 1.1.4; they are already unlinked temporary files): close them here.
        for sheet in worksheets {
            if let tmp = sheet.pointee.optimize_tmpfile {
                fclose(tmp)
                sheet.pointee.optimize_tmpfile = nil
            }
        }
        lxw_workbook_free(workbook)
    }
}

/// Limits of the XLSX format and of libxlsxwriter.
package enum ExcelLimits {
    /// Rows in a worksheet (Excel).
    package static let maxRows = 1_048_576
    /// Columns in a worksheet (Excel).
    package static let maxColumns = 16_384
    /// Characters in a cell or a comment (Excel, UTF-16 code units; libxlsxwriter counts code points).
    package static let maxStringLength = 32_767
    /// Characters in a worksheet name.
    package static let maxSheetNameLength = 31
    /// Appended to text cut at ``maxStringLength``.
    package static let truncationMarker = "[…]"

    /// The text as libxlsxwriter can take it: NUL (which would end a C string) replaced by U+FFFD,
    /// cut to ``maxStringLength`` with ``truncationMarker`` at the end. Other control characters
    /// are escaped by libxlsxwriter itself (`_x0001_`).
    package static func cellText(_ text: String) -> String {
        var text = text
        if text.utf8.contains(0) {
            text = text.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}")
        }
        // UTF-16 length never exceeds UTF-8 length: most strings need no counting.
        guard text.utf8.count > maxStringLength, text.utf16.count > maxStringLength else { return text }
        let budget = maxStringLength - truncationMarker.utf16.count
        var kept = 0
        var end = text.startIndex
        for index in text.indices {
            let size = text[index].utf16.count
            if kept + size > budget { break }
            kept += size
            end = text.index(after: index)
        }
        return String(text[..<end]) + truncationMarker
    }

    /// `A`, `B`, … `Z`, `AA`, … for a 0-based column.
    package static func columnName(_ column: Int) -> String {
        var n = column + 1
        var letters = ""
        while n > 0 {
            let r = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + r))) + letters
            n = (n - 1) / 26
        }
        return letters
    }
}
