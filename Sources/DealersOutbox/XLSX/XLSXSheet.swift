import CXLSXWriter
import Foundation
import DealersSupport

/// One sheet of an ``XLSXWriter``: appends rows below the header, continuing in "Name (2)",
/// "Name (3)" … (same title, header, frozen panes, autofilter) past Excel's 1,048,576 rows.
///
/// Text is always written as a string cell (`worksheet_write_string`), never as a formula; text
/// longer than Excel's 32,767 characters is cut and ends with `[…]`.
public final class XLSXSheet {
    private let writer: XLSXWriter
    private let state: XLSXSheetState

    package init(writer: XLSXWriter, state: XLSXSheetState) {
        self.writer = writer
        self.state = state
    }

    /// The name of the worksheet rows go to now (the first one until the row limit is reached).
    public var currentName: String { state.parts.last?.name ?? state.baseName }

    /// The names of all worksheets of this sheet so far.
    public var names: [String] { state.parts.map(\.name) }

    /// Appends one row.
    /// - Parameters:
    ///   - highlight: 0-based columns to fill in light red (a cell beyond `row` is written blank).
    ///   - comments: cell comments by 0-based column, e.g. the message of a bad cell. In
    ///     constant-memory mode too: libxlsxwriter keeps a comment (not its row) until the
    ///     workbook closes, and takes it for the row being written, which this one is.
    /// - Throws: ``DealersError`` naming the file: `.internalError` for more than 16,384
    ///   columns or a closed workbook; `.io` when libxlsxwriter refuses a cell (with its reason).
    public func append(_ row: [OutputValue], highlight: Set<Int> = [], comments: [Int: String] = [:]) throws {
        try writer.checkOpen()
        let widest = max(row.count, (highlight.max() ?? -1) + 1, (comments.keys.max() ?? -1) + 1)
        guard widest <= ExcelLimits.maxColumns, highlight.allSatisfy({ $0 >= 0 }),
              comments.keys.allSatisfy({ $0 >= 0 }) else {
            throw DealersError(.internalError, path: writer.url.path,
                               "row for sheet '\(currentName)' has a column outside 0..<\(ExcelLimits.maxColumns)")
        }
        if let part = state.parts.last, part.nextRow >= writer.maxRowsPerSheet {
            try writer.startPart(of: state)
        }
        guard var part = state.parts.last else {
            throw DealersError(.internalError, path: writer.url.path, "sheet has no worksheet")
        }
        let r = part.nextRow
        for (column, value) in row.enumerated() {
            try write(value, row: r, column: column, highlight: highlight.contains(column), in: part)
            state.widths.note(value, column: column)
        }
        for column in highlight where column >= row.count {
            try write(.empty, row: r, column: column, highlight: true, in: part)
        }
        for (column, text) in comments.sorted(by: { $0.key < $1.key }) {
            try writer.check(worksheet_write_comment(part.worksheet, UInt32(r), UInt16(column),
                                                     ExcelLimits.cellText(text)),
                             sheet: part.name, row: r, column: column)
        }
        part.nextRow += 1
        state.parts[state.parts.count - 1] = part
    }

    /// Adds a column chart over the data rows written so far in the current worksheet: one series
    /// per value column (named by its header), categories from another column, anchored at a
    /// 0-based cell of that worksheet. Call before ``XLSXWriter/close()``; with no data rows yet
    /// no chart is added.
    /// - Throws: ``DealersError`` `.internalError` for a column outside the sheet's columns or no
    ///   value column, `.io` when libxlsxwriter refuses the chart.
    public func addColumnChart(title: String, categoriesColumn: Int, valueColumns: [Int],
                               anchorRow: Int, anchorColumn: Int) throws {
        try writer.checkOpen()
        let columns = state.columns.indices
        guard columns.contains(categoriesColumn), !valueColumns.isEmpty,
              valueColumns.allSatisfy(columns.contains),
              (0..<writer.maxRowsPerSheet).contains(anchorRow), (0..<ExcelLimits.maxColumns).contains(anchorColumn) else {
            throw DealersError(.internalError, path: writer.url.path,
                               "chart '\(title)' on sheet '\(currentName)' refers to a column or cell outside the sheet")
        }
        guard let part = state.parts.last, part.dataRows > 0 else { return }
        guard let chart = writer.handle.addChart(type: LXW_CHART_COLUMN) else {
            throw DealersError(.internalError, path: writer.url.path, "libxlsxwriter could not allocate a chart")
        }
        // A title starting with "=" would be read as a cell reference.
        let safeTitle = title.hasPrefix("=") ? " " + title : title
        ExcelLimits.cellText(safeTitle).withCString { chart_title_set_name(chart, $0) }
        let first = UInt32(part.headerRow + 1), last = UInt32(part.nextRow - 1)
        for column in valueColumns {
            guard let series = chart_add_series(chart, nil, nil) else {
                throw DealersError(.internalError, path: writer.url.path, "libxlsxwriter could not add a chart series")
            }
            part.name.withCString { sheet in
                chart_series_set_categories(series, sheet, first, UInt16(categoriesColumn), last, UInt16(categoriesColumn))
                chart_series_set_values(series, sheet, first, UInt16(column), last, UInt16(column))
                chart_series_set_name_range(series, sheet, UInt32(part.headerRow), UInt16(column))
            }
        }
        try writer.check(worksheet_insert_chart(part.worksheet, UInt32(anchorRow), UInt16(anchorColumn), chart),
                         sheet: part.name, row: anchorRow, column: anchorColumn)
    }

    private func write(_ value: OutputValue, row: Int, column: Int, highlight: Bool, in part: XLSXSheetPart) throws {
        let sheet = part.worksheet
        let r = UInt32(row), c = UInt16(column)
        let formats = writer.formats
        let result: lxw_error
        switch value {
        case .empty:
            guard highlight else { return }
            result = worksheet_write_blank(sheet, r, c, try formats.format(.plain, highlight: true))
        case .text(let text):
            result = worksheet_write_string(sheet, r, c, ExcelLimits.cellText(text),
                                            try formats.format(.plain, highlight: highlight))
        case .integer(let n):
            result = worksheet_write_number(sheet, r, c, Double(n), try formats.format(.plain, highlight: highlight))
        case .decimal(let d):
            guard let number = Double(d.description), number.isFinite else {
                return try write(.empty, row: row, column: column, highlight: highlight, in: part)
            }
            result = worksheet_write_number(sheet, r, c, number, try formats.format(.plain, highlight: highlight))
        case .money(let d, let currency):
            guard let number = Double(d.description), number.isFinite else {
                return try write(.empty, row: row, column: column, highlight: highlight, in: part)
            }
            result = worksheet_write_number(sheet, r, c, number,
                                            try formats.format(.money(XLSXFormats.currencyCode(currency)),
                                                               highlight: highlight))
        case .date(let date):
            // Excel dates start in 1900; earlier dates are written as ISO text.
            guard date.year >= 1900 else {
                return try write(.text(date.description), row: row, column: column, highlight: highlight, in: part)
            }
            var datetime = lxw_datetime(year: Int32(date.year), month: Int32(date.month), day: Int32(date.day),
                                        hour: 0, min: 0, sec: 0)
            result = worksheet_write_datetime(sheet, r, c, &datetime, try formats.format(.date, highlight: highlight))
        case .boolean(let b):
            result = worksheet_write_boolean(sheet, r, c, b ? 1 : 0, try formats.format(.plain, highlight: highlight))
        }
        try writer.check(result, sheet: part.name, row: row, column: column)
    }
}
