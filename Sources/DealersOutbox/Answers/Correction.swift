import Foundation
import DealersLayouts
import DealersModel
import DealersReading
import DealersSupport

/// One corrected row a person sends back: its line in the original and the cells they changed,
/// by column name as the file's header spells it.
package struct CorrectedRow: Sendable, Equatable, Codable {
    /// The line of a rejected row in the original.
    package var line: Int
    /// New values by column; the row's other cells keep the values they had.
    package var cells: [String: String]

    /// A corrected row.
    package init(line: Int, cells: [String: String]) {
        self.line = line
        self.cells = cells
    }
}

/// Why a correction is refused, before anything is written.
package enum CorrectionRefusal: Error, Sendable, Equatable {
    /// No row was sent.
    case noRows
    /// The line is not one of the rejected rows.
    case notRejected(line: Int)
    /// The same line was sent twice.
    case repeatedLine(line: Int)
    /// The column is not one of the file's.
    case unknownColumn(line: Int, column: String)
    /// The value is longer than ``Correction/maxCellCharacters``.
    case cellTooLong(line: Int, column: String, limit: Int)
    /// The value has a character the original's encoding cannot hold (Windows-1252 …).
    case notEncodable(line: Int, column: String, encoding: String)
}

/// A correction of a processing's rejected rows: a new input with the original's header and only
/// the rows sent (each with the cells sent, the others as they were), in the original's layout,
/// delimiter and encoding (a text file keeps its byte-order mark, `sep=` line and line ends; a
/// workbook comes back as a workbook of its kind with the rejected file's columns).
package struct Correction {
    /// The most characters one corrected cell may hold.
    package static let maxCellCharacters = 1_000

    /// The rejected rows file of the original.
    package let rejected: RejectedRowsFile
    /// The rejected rows' lines in the original, in file order.
    package let lines: [Int]

    /// A correction of `rejected`, whose rows are at `lines` of the original.
    package init(rejected: RejectedRowsFile, lines: [Int]) {
        self.rejected = rejected
        self.lines = lines
    }

    /// Checks `rows` against the rejected rows and columns, then writes the corrected file.
    /// - Returns: its bytes.
    /// - Throws: ``CorrectionRefusal`` for what the sender can mend (nothing written);
    ///   ``DealersError`` when the files cannot be read or written.
    package func make(_ rows: [CorrectedRow]) throws -> Data {
        guard !rows.isEmpty else { throw CorrectionRefusal.noRows }
        let columns = try rejected.columns()
        var wanted: [Int: CorrectedRow] = [:]
        let rejectedLines = Set(lines)
        for row in rows {
            guard rejectedLines.contains(row.line) else { throw CorrectionRefusal.notRejected(line: row.line) }
            guard wanted[row.line] == nil else { throw CorrectionRefusal.repeatedLine(line: row.line) }
            for (column, value) in row.cells.sorted(by: { $0.key < $1.key }) {
                guard columns.contains(column) else { throw CorrectionRefusal.unknownColumn(line: row.line, column: column) }
                guard value.count <= Self.maxCellCharacters else {
                    throw CorrectionRefusal.cellTooLong(line: row.line, column: column, limit: Self.maxCellCharacters)
                }
                if case .delimited(_, let encoding, _, _) = rejected.kind, !Self.holds(encoding, value) {
                    throw CorrectionRefusal.notEncodable(line: row.line, column: column, encoding: encoding.rawValue)
                }
            }
            wanted[row.line] = row
        }
        switch rejected.kind {
        case .delimited(let delimiter, let encoding, let mark, let sepLine):
            return try text(wanted, delimiter: delimiter, encoding: encoding, byteOrderMark: mark, sepLine: sepLine)
        case .xlsx, .ods:
            return try workbook(wanted)
        }
    }

    /// The corrected rows in file order, each with its cells in the header's order.
    private func corrected(_ wanted: [Int: CorrectedRow], header: (_ cells: [String], _ raw: [UInt8]?) throws -> Void,
                           row: ([String]) throws -> Void) throws {
        var columns: [String] = []
        try rejected.read(header: { cells, raw in columns = cells; try header(cells, raw) }, row: { index, cells in
            guard index < lines.count, let fix = wanted[lines[index]] else { return }
            var out = RejectedRowsFile.fit(cells, to: columns.count)
            for (position, column) in columns.enumerated() {
                if let value = fix.cells[column] { out[position] = value }
            }
            try row(out)
        })
    }

    private func text(_ wanted: [Int: CorrectedRow], delimiter: UInt8, encoding: TextEncoding, byteOrderMark: Bool,
                      sepLine: [UInt8]?) throws -> Data {
        let form = RejectedText(encoding: encoding, byteOrderMark: byteOrderMark, sepLine: sepLine)
        var bytes = form.start
        var lineEnd = "\r\n"
        try corrected(wanted, header: { cells, raw in
            if let raw, raw.last == 0x0A, raw.dropLast().last != 0x0D { lineEnd = "\n" }
            let text = DelimitedRecord.line(cells, delimiter: delimiter, lineEnd: lineEnd)
            bytes += form.encoded(raw ?? (encoding.isWide ? Array(text.utf8) : encoding.encode(text)))
        }, row: { cells in
            let line = DelimitedRecord.line(cells, delimiter: delimiter, lineEnd: lineEnd)
            bytes += encoding.isWide ? form.encoded(Array(line.utf8)) : encoding.encode(line)
        })
        return Data(bytes)
    }

    private func workbook(_ wanted: [Int: CorrectedRow]) throws -> Data {
        let url = FileSystem.uniqueTemporaryURL(prefix: "dealers-correction").appendingPathExtension(rejected.kind == .ods ? "ods" : "xlsx")
        defer { _ = try? FileSystem.remove(url.path) }
        if rejected.kind == .ods {
            var writer: ODSWriter?
            try corrected(wanted, header: { cells, _ in writer = try ODSWriter(url: url, sheet: "Rechazadas", columns: cells) },
                          row: { cells in try writer?.append(cells.map(Self.value)) })
            try writer?.close()
        } else {
            let writer = try XLSXWriter(url: url, constantMemory: true)
            var sheet: XLSXSheet?
            try corrected(wanted, header: { cells, _ in
                sheet = try writer.addSheet(name: "Rechazadas", columns: cells.map { OutputColumn(header: $0, width: nil) })
            }, row: { cells in try sheet?.append(cells.map(Self.value)) })
            try writer.close()
        }
        guard let data = try FileSystem.readIfPresent(url.path) else {
            throw DealersError(.io, path: url.path, "the corrected workbook was not written")
        }
        return data
    }

    private static func value(_ text: String) -> OutputValue { text.isEmpty ? .empty : .text(text) }

    /// Whether `encoding` holds every character of `text` (written and read back unchanged).
    static func holds(_ encoding: TextEncoding, _ text: String) -> Bool {
        encoding.decode(encoding.encode(text)) == text
    }
}
