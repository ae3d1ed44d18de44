import Foundation
import DealersFormats
import DealersLayouts
import DealersModel
import DealersReading
import DealersSupport

/// The error files of one input (§7), written while the file is read and published at the end,
/// under the names of one processing (``OutputNames``, docs/outbox.md): `<name>.errors.csv` (one
/// row per error), `<base>.rejected.<ext>` (the rejected rows as they came, ready to fix and drop
/// again: a workbook's as a workbook of its own kind, `.xlsx` or `.ods`, in its header's
/// columns) and `<name>.errors.xlsx` (the rejected rows with each bad cell highlighted and its
/// message as a cell comment).
///
/// All three are in line order, and a row's errors in column order: rows are written as they
/// come while the file is read in order; once rows may come back out of order (``holdForOrdering()``)
/// they wait in an ``ErrorSpool`` and are merged by line at ``finish()``.
package final class ErrorOutputs {
    private let folder: URL
    /// The folder relative to the outbox (`errors/2026-11-24`, `validate`).
    private let relativeFolder: String
    /// The name the files are named after (the archived copy's: `usuarios.2.csv`).
    private let fileName: String
    private let inputName: String
    private let format: PhysicalFormat
    private let language: Language
    private let dialect: CSVDialect
    private var header: SourceRecord?
    private let text: RejectedText
    private var errorsCSV: CSVWriter?
    private var rejectedText: StagedFile?
    private var rejectedXLSX: (writer: XLSXWriter, sheet: XLSXSheet)?
    private var rejectedODS: ODSWriter?
    private var errorsXLSX: (writer: XLSXWriter, sheet: XLSXSheet)?
    /// Errors written so far, by code.
    package private(set) var counts: [ErrorCode: Int] = [:]
    /// The most rows the error workbook holds: its rows stream to disk, but libxlsxwriter keeps
    /// every cell comment until the workbook closes (a few hundred bytes each), so a file with
    /// more rejected rows gets the first 10,000 there; errors.csv and the rejected-rows file
    /// always hold every one.
    package let maxWorkbookRows = 10_000
    private var workbookRows = 0
    /// Rows waiting to be written in line order, once ``holdForOrdering()`` was called.
    private var spool: ErrorSpool?
    /// The highest line of a row reported so far.
    private var lastLine = 0

    /// Error files in `outbox/<names.errorsFolder>/`, named after `names.fileName`, for the input
    /// `inputName` (shown in the workbook's title); the rejected rows in the input's own text
    /// encoding (`text`).
    package init(outbox: URL, names: OutputNames, inputName: String, format: PhysicalFormat, language: Language, dialect: CSVDialect,
         text: RejectedText = RejectedText()) {
        relativeFolder = names.errorsFolder
        folder = outbox.appendingPathComponent(names.errorsFolder)
        fileName = names.fileName
        self.inputName = inputName
        self.format = format
        self.language = language
        self.dialect = dialect
        self.text = text
    }

    package var errorCount: Int { counts.values.reduce(0, +) }

    /// The paths this input's error files have.
    private var errorsCSVURL: URL { folder.appendingPathComponent("\(fileName).errors.csv") }
    private var errorsXLSXURL: URL { folder.appendingPathComponent("\(fileName).errors.xlsx") }
    private var rejectedURL: URL {
        var ext = (fileName as NSString).pathExtension
        let base = (fileName as NSString).deletingPathExtension
        // A workbook comes back as the kind it is, whatever its name said.
        if case .xlsx(let workbook) = format { ext = workbook.workbook == .ods ? "ods" : "xlsx" }
        return folder.appendingPathComponent("\(base).rejected.\(ext.isEmpty ? "txt" : ext)")
    }

    /// The header record, copied to the top of the rejected-rows files.
    package func setHeader(_ record: SourceRecord) {
        header = record
    }

    /// From now on rows may be reported out of line order (rows retried at the end of the file):
    /// they wait in a spool and are written in line order by ``finish()``. Rows reported before
    /// keep their place (they came in order).
    package func holdForOrdering() {
        if spool == nil { spool = ErrorSpool() }
    }

    /// Records an error that is about the file, not a row (unknown layout, missing column …).
    /// Its line is where it goes: an error about the whole file (line 0) found before any row
    /// comes first, one found after rows (a file that breaks part-way) comes last.
    package func fileError(_ error: RowError) throws {
        counts[error.code, default: 0] += 1
        let key = error.line > 0 ? error.line : lastLine == 0 ? 0 : Int.max
        lastLine = max(lastLine, error.line)
        if let spool {
            try spool.add(ErrorSpool.Entry(key: key, record: nil, errors: [error]))
        } else {
            try writeCSV(error)
        }
    }

    /// Records a rejected row with all its errors (written in column order).
    package func reject(_ record: SourceRecord, errors: [RowError]) throws {
        let ordered = errors.enumerated().sorted { a, b in
            let ca = a.element.column ?? 0, cb = b.element.column ?? 0
            return ca != cb ? ca < cb : a.offset < b.offset
        }.map(\.element)
        for error in ordered { counts[error.code, default: 0] += 1 }
        lastLine = max(lastLine, record.line)
        if let spool {
            try spool.add(ErrorSpool.Entry(key: record.line, record: record, errors: ordered))
        } else {
            try write(record, errors: ordered)
        }
    }

    private func write(_ record: SourceRecord, errors: [RowError]) throws {
        for error in errors { try writeCSV(error) }
        try writeRejected(record)
        try writeWorkbookRow(record, errors: errors)
    }

    private func writeCSV(_ error: RowError) throws {
        if errorsCSV == nil {
            let w = try CSVWriter(url: errorsCSVURL, dialect: dialect)
            let headers = language == .es
                ? ["línea", "columna", "campo", "valor", "código", "mensaje"]
                : ["line", "column", "field", "value", "code", "message"]
            try w.appendRaw(headers)
            errorsCSV = w
        }
        try errorsCSV?.appendRaw([String(error.line), error.column.map(String.init) ?? "",
                                  ControlCharacters.visible(error.field), ControlCharacters.visible(error.value),
                                  error.code.rawValue, error.message(language)])
    }

    private func writeRejected(_ record: SourceRecord) throws {
        if case .xlsx(let workbook) = format, workbook.workbook == .ods {
            if rejectedODS == nil {
                rejectedODS = try ODSWriter(url: rejectedURL, sheet: "Rechazadas", columns: (header?.cells ?? record.cells).map(\.text))
            }
            try rejectedODS?.append(record.cells.map(ErrorOutputs.outputValue))
            return
        }
        if case .xlsx = format {
            if rejectedXLSX == nil {
                let w = try XLSXWriter(url: rejectedURL, constantMemory: true)
                let columns = (header?.cells ?? record.cells).map { OutputColumn(header: $0.text, width: nil) }
                rejectedXLSX = (w, try w.addSheet(name: "Rechazadas", columns: columns))
            }
            try rejectedXLSX?.sheet.append(record.cells.map(ErrorOutputs.outputValue))
            return
        }
        if rejectedText == nil {
            let file = try StagedFile(target: rejectedURL)
            try text.start.withUnsafeBytes { try file.write($0) }
            if let raw = header?.raw { try text.encoded(raw).withUnsafeBytes { try file.write($0) } }
            rejectedText = file
        }
        if let raw = record.raw { try text.encoded(raw).withUnsafeBytes { try rejectedText?.write($0) } }
    }

    private func writeWorkbookRow(_ record: SourceRecord, errors: [RowError]) throws {
        guard workbookRows < maxWorkbookRows else { return }
        workbookRows += 1
        if errorsXLSX == nil {
            let w = try XLSXWriter(url: errorsXLSXURL, constantMemory: true)
            let lineHeader = language == .es ? "Línea" : "Line"
            let errorsHeader = language == .es ? "Errores" : "Errors"
            let headerCells = header?.cells.map(\.text) ?? record.cells.indices.map { "\($0 + 1)" }
            let columns = [OutputColumn(header: lineHeader, width: 8)]
                + headerCells.map { OutputColumn(header: $0, width: nil) }
                + [OutputColumn(header: errorsHeader, width: 60)]
            let title = language == .es ? "Filas rechazadas de \(inputName)" : "Rejected rows of \(inputName)"
            errorsXLSX = (w, try w.addSheet(name: language == .es ? "Errores" : "Errors", title: title, columns: columns))
        }
        let cells = record.cells   // decoded once
        let width = max(header?.cellCount ?? 0, cells.count)
        var values: [OutputValue] = [.integer(record.line)]
        for i in 0..<width { values.append(i < cells.count ? ErrorOutputs.outputValue(cells[i]) : .empty) }
        values.append(.text(errors.map { $0.message(language) }.joined(separator: "\n")))
        var highlight = Set<Int>()
        var comments: [Int: String] = [:]
        for error in errors {
            guard let column = error.column, column >= 1, column <= width else { continue }
            highlight.insert(column)
            comments[column, default: ""] += (comments[column] == nil ? "" : "\n") + error.message(language)
        }
        try errorsXLSX?.sheet.append(values, highlight: highlight, comments: comments)
    }

    /// Writes the rows that waited in line order, publishes the files written (or removes stale
    /// ones an interrupted attempt at the same processing left, when there is nothing to report)
    /// and returns their paths relative to the outbox.
    package func finish() throws -> [String] {
        if let spool {
            self.spool = nil
            try spool.drain { entry in
                if let record = entry.record {
                    try write(record, errors: entry.errors)
                } else {
                    for error in entry.errors { try writeCSV(error) }
                }
            }
        }
        var outputs: [String] = []
        let folder = relativeFolder
        if let w = errorsCSV { try w.close(); outputs.append("\(folder)/\(errorsCSVURL.lastPathComponent)") }
        if let s = rejectedText { try s.commit(); outputs.append("\(folder)/\(rejectedURL.lastPathComponent)") }
        if let x = rejectedXLSX { try x.writer.close(); outputs.append("\(folder)/\(rejectedURL.lastPathComponent)") }
        if let o = rejectedODS { try o.close(); outputs.append("\(folder)/\(rejectedURL.lastPathComponent)") }
        if let x = errorsXLSX { try x.writer.close(); outputs.append("\(folder)/\(errorsXLSXURL.lastPathComponent)") }
        errorsCSV = nil; rejectedText = nil; rejectedXLSX = nil; rejectedODS = nil; errorsXLSX = nil
        for url in [errorsCSVURL, rejectedURL, errorsXLSXURL] where !outputs.contains("\(folder)/\(url.lastPathComponent)") {
            _ = try? FileSystem.remove(url.path)
        }
        return outputs
    }

    package static func outputValue(_ cell: Cell) -> OutputValue {
        switch cell {
        case .empty: return .empty
        case .text(let s): return .text(s)
        case .number(let s): return DecimalParsing.parseCanonical(s).map(OutputValue.decimal) ?? .text(s)
        case .date(let d): return .date(d)
        case .boolean(let b): return .boolean(b)
        }
    }

    /// A record's bytes with a line ending (the last record of a file may have none).
    package static func withLineEnd(_ raw: [UInt8]) -> [UInt8] {
        raw.last == 0x0A ? raw : raw + [0x0D, 0x0A]
    }
}

/// How the rejected-rows file of a text input is written: in the input's own encoding, with its
/// byte-order mark and its Excel `sep=X` line when it had them, so that it opens as the input
/// did and can be fixed and dropped again.
package struct RejectedText {
    /// The input's encoding (a wide one means records arrive transcoded to UTF-8).
    package var encoding: TextEncoding?
    /// Whether the input starts with a byte-order mark.
    package var byteOrderMark = false
    /// The input's `sep=X` line, in its encoding.
    package var sepLine: [UInt8]?

    /// An input in `encoding` (`nil`: records are written as they came), with or without a
    /// byte-order mark and a `sep=` line.
    package init(encoding: TextEncoding? = nil, byteOrderMark: Bool = false, sepLine: [UInt8]? = nil) {
        self.encoding = encoding
        self.byteOrderMark = byteOrderMark
        self.sepLine = sepLine
    }

    /// The text of the input identification found.
    package init(_ match: LayoutCatalog.Match) {
        self.init(encoding: match.encoding, byteOrderMark: match.byteOrderMark, sepLine: match.sepLine)
    }

    /// What the file starts with: the byte-order mark and the `sep=` line.
    package var start: [UInt8] {
        (byteOrderMark ? encoding?.byteOrderMark ?? [] : []) + (sepLine ?? [])
    }

    /// A record's bytes as they go into the file: with a line ending, without the UTF-8 mark
    /// the reader leaves on the first record (``start`` writes the file's own), and back in the
    /// input's wide encoding when it had one.
    package func encoded(_ raw: [UInt8]) -> [UInt8] {
        var bytes = ErrorOutputs.withLineEnd(raw)
        if bytes.starts(with: TextEncoding.utf8.byteOrderMark) { bytes.removeFirst(3) }
        guard let encoding, encoding.isWide else { return bytes }
        return encoding.encode(String(decoding: bytes, as: UTF8.self))
    }
}
