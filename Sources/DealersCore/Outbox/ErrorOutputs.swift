import Foundation

/// The error files of one input (§7), written while the file is read and published at the end:
/// `errors/<input>.errors.csv` (one row per error), `errors/<input>.rejected.<ext>` (the rejected
/// rows as they came, ready to fix and drop again) and `errors/<input>.errors.xlsx` (the rejected
/// rows with each bad cell highlighted and its message as a cell comment).
final class ErrorOutputs {
    private let folder: URL
    private let inputName: String
    private let format: PhysicalFormat
    private let language: Language
    private let dialect: CSVDialect
    private var header: SourceRecord?
    private let text: RejectedText
    private var errorsCSV: CSVWriter?
    private var rejectedText: StagedFile?
    private var rejectedXLSX: (writer: XLSXWriter, sheet: XLSXSheet)?
    private var errorsXLSX: (writer: XLSXWriter, sheet: XLSXSheet)?
    /// Errors written so far, by code.
    private(set) var counts: [ErrorCode: Int] = [:]
    /// The most rows the error workbook holds: libxlsxwriter keeps a workbook with comments in
    /// memory (about 4 KiB a row), so a file with more rejected rows gets the first 10,000 there;
    /// errors.csv and the rejected-rows file always hold every one.
    let maxWorkbookRows = 10_000
    private var workbookRows = 0

    init(outbox: URL, inputName: String, format: PhysicalFormat, language: Language, dialect: CSVDialect,
         text: RejectedText = RejectedText()) {
        folder = outbox.appendingPathComponent("errors")
        self.inputName = inputName
        self.format = format
        self.language = language
        self.dialect = dialect
        self.text = text
    }

    var errorCount: Int { counts.values.reduce(0, +) }

    /// The paths this input's error files have.
    private var errorsCSVURL: URL { folder.appendingPathComponent("\(inputName).errors.csv") }
    private var errorsXLSXURL: URL { folder.appendingPathComponent("\(inputName).errors.xlsx") }
    private var rejectedURL: URL {
        let ext = (inputName as NSString).pathExtension
        let base = (inputName as NSString).deletingPathExtension
        return folder.appendingPathComponent("\(base).rejected.\(ext.isEmpty ? "txt" : ext)")
    }

    /// The header record, copied to the top of the rejected-rows files.
    func setHeader(_ record: SourceRecord) {
        header = record
    }

    /// Records an error that is about the file, not a row (unknown layout, missing column …).
    func fileError(_ error: RowError) throws {
        try writeCSV(error)
    }

    /// Records a rejected row with all its errors.
    func reject(_ record: SourceRecord, errors: [RowError]) throws {
        for error in errors { try writeCSV(error) }
        try writeRejected(record)
        try writeWorkbookRow(record, errors: errors)
    }

    private func writeCSV(_ error: RowError) throws {
        counts[error.code, default: 0] += 1
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
            let w = try XLSXWriter(url: errorsXLSXURL, constantMemory: false)
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

    /// Publishes the files written (or removes stale ones from an earlier run of the same name
    /// when there is nothing to report) and returns their paths relative to the outbox.
    func finish() throws -> [String] {
        var outputs: [String] = []
        if let w = errorsCSV { try w.close(); outputs.append("errors/\(errorsCSVURL.lastPathComponent)") }
        if let s = rejectedText { try s.commit(); outputs.append("errors/\(rejectedURL.lastPathComponent)") }
        if let x = rejectedXLSX { try x.writer.close(); outputs.append("errors/\(rejectedURL.lastPathComponent)") }
        if let x = errorsXLSX { try x.writer.close(); outputs.append("errors/\(errorsXLSXURL.lastPathComponent)") }
        errorsCSV = nil; rejectedText = nil; rejectedXLSX = nil; errorsXLSX = nil
        for url in [errorsCSVURL, rejectedURL, errorsXLSXURL] where !outputs.contains("errors/\(url.lastPathComponent)") {
            try? FileManager.default.removeItem(at: url)
        }
        return outputs
    }

    static func outputValue(_ cell: Cell) -> OutputValue {
        switch cell {
        case .empty: return .empty
        case .text(let s): return .text(s)
        case .number(let s): return DecimalParsing.parseCanonical(s).map(OutputValue.decimal) ?? .text(s)
        case .date(let d): return .date(d)
        case .boolean(let b): return .boolean(b)
        }
    }

    /// A record's bytes with a line ending (the last record of a file may have none).
    static func withLineEnd(_ raw: [UInt8]) -> [UInt8] {
        raw.last == 0x0A ? raw : raw + [0x0D, 0x0A]
    }
}

/// How the rejected-rows file of a text input is written: in the input's own encoding, with its
/// byte-order mark and its Excel `sep=X` line when it had them, so that it opens as the input
/// did and can be fixed and dropped again.
struct RejectedText {
    /// The input's encoding (a wide one means records arrive transcoded to UTF-8).
    var encoding: TextEncoding?
    /// Whether the input starts with a byte-order mark.
    var byteOrderMark = false
    /// The input's `sep=X` line, in its encoding.
    var sepLine: [UInt8]?

    /// An input in `encoding` (`nil`: records are written as they came), with or without a
    /// byte-order mark and a `sep=` line.
    init(encoding: TextEncoding? = nil, byteOrderMark: Bool = false, sepLine: [UInt8]? = nil) {
        self.encoding = encoding
        self.byteOrderMark = byteOrderMark
        self.sepLine = sepLine
    }

    /// The text of the input identification found.
    init(_ match: LayoutCatalog.Match) {
        self.init(encoding: match.encoding, byteOrderMark: match.byteOrderMark, sepLine: match.sepLine)
    }

    /// What the file starts with: the byte-order mark and the `sep=` line.
    var start: [UInt8] {
        (byteOrderMark ? encoding?.byteOrderMark ?? [] : []) + (sepLine ?? [])
    }

    /// A record's bytes as they go into the file: with a line ending, without the UTF-8 mark
    /// the reader leaves on the first record (``start`` writes the file's own), and back in the
    /// input's wide encoding when it had one.
    func encoded(_ raw: [UInt8]) -> [UInt8] {
        var bytes = ErrorOutputs.withLineEnd(raw)
        if bytes.starts(with: TextEncoding.utf8.byteOrderMark) { bytes.removeFirst(3) }
        guard let encoding, encoding.isWide else { return bytes }
        return encoding.encode(String(decoding: bytes, as: UTF8.self))
    }
}
