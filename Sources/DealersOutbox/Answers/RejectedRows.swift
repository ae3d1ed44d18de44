import Foundation
import DealersLayouts
import DealersModel
import DealersReading

/// A rejected row as a person sees it: its line in the original file (header = 1) and its
/// cells in the file's column order.
package struct RejectedRow: Sendable, Equatable {
    /// The line (a spreadsheet's row) in the original input.
    package var line: Int
    /// The cells, as text, one per column of the header (missing cells are empty).
    package var cells: [String]

    /// A row from its line and cells.
    package init(line: Int, cells: [String]) {
        self.line = line
        self.cells = cells
    }
}

/// A processing's rejected-rows file (`<base>.rejected.<ext>`, ``ErrorOutputs``), read back with
/// the layout that read the input: the header as the file spells it and the rows in file
/// order, each paired with its line in the original (the rows of `errors.csv` below the
/// header, in order: ``ErrorListFile/rowLines(after:)``). Read streaming.
package struct RejectedRowsFile {
    /// How the rejected file is written (and so how a correction of it is written).
    package enum Kind: Sendable, Equatable {
        /// Delimited text: its delimiter, its encoding, whether it starts with a byte-order mark
        /// and the `sep=` line it starts with (in its encoding).
        case delimited(delimiter: UInt8, encoding: TextEncoding, byteOrderMark: Bool, sepLine: [UInt8]?)
        /// A workbook (`.xlsx`).
        case xlsx
        /// An OpenDocument spreadsheet (`.ods`).
        case ods
    }

    /// The file (any path that opens it, e.g. `/proc/self/fd/N` of a file opened safely).
    package let url: URL
    /// The layout, resolved for this file (delimiter, encoding, header line).
    package let layout: Layout
    /// How it is written.
    package let kind: Kind

    /// The rejected file at `url` as the layout `layout` (the receipt's) reads it; `nil` when the
    /// layout does not read it or its format has no grid a person corrects (fixed width, camt).
    /// - Parameter encoding: the encoding the original was read in (the receipt's
    ///   `dialect.encoding`), for a layout whose own is `auto`: the rejected file is in it.
    package init?(url: URL, layout: Layout, catalog: LayoutCatalog, encoding original: TextEncoding?) {
        let match = catalog.identify(url, as: layout)
        guard match.refusal == nil, let resolved = match.layout else { return nil }
        switch resolved.format {
        case .delimited(let format):
            let found = match.encoding ?? format.encoding
            let encoding = found != .auto ? found : original.flatMap { $0 == .auto ? nil : $0 } ?? .utf8
            kind = .delimited(delimiter: format.delimiter, encoding: encoding,
                              byteOrderMark: match.byteOrderMark, sepLine: match.sepLine)
        case .xlsx(let format):
            kind = format.workbook == .ods ? .ods : .xlsx
        case .fixedWidth, .camt:
            return nil
        }
        self.url = url
        self.layout = resolved
    }

    /// The header (cells and, for text, its bytes as read) and every row with its position
    /// among the rows (0-based), in file order.
    package func read(header: (_ cells: [String], _ raw: [UInt8]?) throws -> Void,
                      row: (_ index: Int, _ cells: [String]) throws -> Void) throws {
        let headerLine = layout.headerLine ?? 1
        var index = 0
        try RecordSources.make(url, layout: layout).read { record in
            if record.line < headerLine { return }
            let cells = record.cells.map(\.text)
            if record.line == headerLine { return try header(cells, record.raw) }
            try row(index, cells)
            index += 1
        }
    }

    /// The header's cells.
    package func columns() throws -> [String] {
        var columns: [String] = []
        try read(header: { cells, _ in columns = cells }, row: { _, _ in })
        return columns
    }

    /// The rows from the `offset`-th, at most `limit`, paired with `lines` (the rows' lines in the
    /// original, in order; a row beyond them has line 0), each cut or padded to the header's width.
    package func page(lines: [Int], offset: Int, limit: Int) throws -> (columns: [String], rows: [RejectedRow], total: Int) {
        var columns: [String] = []
        var rows: [RejectedRow] = []
        var total = 0
        try read(header: { cells, _ in columns = cells }, row: { index, cells in
            total += 1
            guard index >= offset, rows.count < limit else { return }
            rows.append(RejectedRow(line: index < lines.count ? lines[index] : 0, cells: Self.fit(cells, to: columns.count)))
        })
        return (columns, rows, total)
    }

    /// `cells` cut or padded with empty cells to `width` (a file without a header keeps its own).
    static func fit(_ cells: [String], to width: Int) -> [String] {
        guard width > 0 else { return cells }
        return cells.count >= width ? Array(cells.prefix(width)) : cells + Array(repeating: "", count: width - cells.count)
    }
}
