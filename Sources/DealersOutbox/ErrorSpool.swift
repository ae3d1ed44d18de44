import Foundation
import DealersModel
import DealersReading
import DealersSupport

/// Rejections that wait to be written in line order: once a file has rows retried at its end
/// (a dependant waiting for its holder, see ``DeferredRows``), its errors can arrive out of
/// order, so ``ErrorOutputs`` hands them here and writes them out, merged by line, when it
/// finishes.
///
/// Memory stays flat whatever the number of errors: an entry goes to disk as it comes, into the
/// first *run* (a temporary file whose entries rise by key, ``SpillRuns``) it can extend, or a
/// new run when it extends none; ``drain(_:)`` merges the runs holding one entry per run. A file
/// read once and retried once makes two runs (the rows of the first pass, the retried rows), a
/// late error about the whole file one more. The temporary folder is removed when the spool goes.
package final class ErrorSpool {
    /// One rejected row (or an error about the whole file, without a record) and where it sorts.
    package struct Entry {
        /// The sort key: the record's line; for an error about the whole file, 0 before any row
        /// and `Int.max` after (where reading stopped).
        package var key: Int
        package var record: SourceRecord?
        package var errors: [RowError]

        /// Creates a value from each stored property (the memberwise initialiser, for the package's other targets).
        package init(
            key: Int,
            record: SourceRecord? = nil,
            errors: [RowError]
        ) {
            self.key = key
            self.record = record
            self.errors = errors
        }
    }

    private let runs = SpillRuns<Entry>(prefix: "dealers-errors", encode: ErrorSpool.encode, decode: ErrorSpool.decode)
    /// The last key of each run.
    private var lastKeys: [Int] = []

    /// Creates an empty spool.
    package init() {}

    /// Adds an entry to the first run it keeps in order, or to a new one.
    /// - Throws: ``DealersError`` `.io` when the temporary file cannot be written.
    package func add(_ entry: Entry) throws {
        if let i = lastKeys.firstIndex(where: { $0 <= entry.key }) {
            lastKeys[i] = entry.key
            try runs.append(entry, to: i)
            return
        }
        let run = try runs.start()
        lastKeys.append(entry.key)
        try runs.append(entry, to: run)
    }

    /// Calls `body` with every entry, by key (entries of equal key in the order of their runs),
    /// and empties the spool.
    /// - Throws: ``DealersError`` `.io` for an unreadable or damaged temporary file; what `body` throws.
    package func drain(_ body: (Entry) throws -> Void) throws {
        lastKeys = []
        try runs.merge(by: { $0.key < $1.key }, body)
    }

    // MARK: - An entry's fields

    // key; whether there is a record, and then its line, raw bytes (flag, bytes) and cells:
    // a delimited record's cells as the reader left them, bytes not decoded (flag 1, then the
    // encoding, the bytes and where each cell ends), any other record's decoded cells (flag 0,
    // then their count and a tag and value each); the errors (count, then line, column (flag,
    // int), field, value, code, detail in Spanish and English each).

    package static func encode(_ entry: Entry, to writer: inout SpillWriter) {
        writer.int(entry.key)
        writer.flag(entry.record != nil)
        if let record = entry.record {
            writer.int(record.line)
            writer.flag(record.raw != nil)
            if let raw = record.raw { writer.data(raw) }
            if let byteCells = record.byteCells, record.raw != nil {
                // Decoded only if the row reaches the workbook (its first 10,000 rows).
                writer.flag(true)
                writer.text(byteCells.encoding.rawValue)
                writer.data(byteCells.bytes)
                writer.int(byteCells.ends.count)
                for end in byteCells.ends { writer.int(end) }
            } else {
                writer.flag(false)
                let cells = record.cells
                writer.int(cells.count)
                for cell in cells { encode(cell, to: &writer) }
            }
        }
        writer.int(entry.errors.count)
        for error in entry.errors {
            writer.int(error.line)
            writer.flag(error.column != nil)
            if let column = error.column { writer.int(column) }
            writer.text(error.field)
            writer.text(error.value)
            writer.text(error.code.rawValue)
            writer.text(error.detail.es)
            writer.text(error.detail.en)
        }
    }

    package static func decode(_ reader: inout SpillReader) -> Entry? {
        guard let key = reader.int(), let hasRecord = reader.flag() else { return nil }
        var record: SourceRecord?
        if hasRecord {
            guard let line = reader.int(), let hasRaw = reader.flag() else { return nil }
            var raw: [UInt8]?
            if hasRaw {
                guard let bytes = reader.data() else { return nil }
                raw = bytes
            }
            guard let asBytes = reader.flag() else { return nil }
            if asBytes {
                guard let raw, let byteCells = decodeByteCells(&reader) else { return nil }
                record = SourceRecord(line: line, byteCells: byteCells, raw: raw, problem: nil)
            } else {
                guard let count = reader.int(), count >= 0 else { return nil }
                var cells: [Cell] = []
                cells.reserveCapacity(count)
                for _ in 0..<count {
                    guard let cell = decodeCell(&reader) else { return nil }
                    cells.append(cell)
                }
                record = SourceRecord(line: line, cells: cells, raw: raw)
            }
        }
        guard let count = reader.int(), count >= 0 else { return nil }
        var errors: [RowError] = []
        errors.reserveCapacity(count)
        for _ in 0..<count {
            guard let line = reader.int(), let hasColumn = reader.flag() else { return nil }
            var column: Int?
            if hasColumn {
                guard let c = reader.int() else { return nil }
                column = c
            }
            guard let field = reader.text(), let value = reader.text(), let code = reader.text().flatMap(ErrorCode.init(rawValue:)),
                  let es = reader.text(), let en = reader.text() else { return nil }
            errors.append(RowError(line: line, column: column, field: field, value: value, code: code,
                                   detail: LocalizedText(es: es, en: en)))
        }
        return Entry(key: key, record: record, errors: errors)
    }

    /// A delimited record's cells as ``encode(_:to:)`` wrote them; `nil` when damaged (the
    /// cells' ends must rise within the bytes).
    private static func decodeByteCells(_ reader: inout SpillReader) -> ByteCells? {
        guard let encoding = reader.text().flatMap(TextEncoding.init(rawValue:)), let bytes = reader.data(),
              let count = reader.int(), count >= 0, count <= reader.rest.count / MemoryLayout<Int64>.size else { return nil }
        var ends: [Int] = []
        ends.reserveCapacity(count)
        for _ in 0..<count {
            guard let end = reader.int(), end >= (ends.last ?? 0), end <= bytes.count else { return nil }
            ends.append(end)
        }
        return ByteCells(bytes: bytes, ends: ends, encoding: encoding)
    }

    private static func encode(_ cell: Cell, to writer: inout SpillWriter) {
        switch cell {
        case .empty: writer.int(0)
        case .text(let s): writer.int(1); writer.text(s)
        case .number(let s): writer.int(2); writer.text(s)
        case .date(let d): writer.int(3); writer.text(d.description)
        case .boolean(let b): writer.int(4); writer.flag(b)
        }
    }

    private static func decodeCell(_ reader: inout SpillReader) -> Cell? {
        switch reader.int() {
        case 0: return .empty
        case 1: return reader.text().map(Cell.text)
        case 2: return reader.text().map(Cell.number)
        case 3: return reader.text().flatMap(CivilDate.init(iso:)).map(Cell.date)
        case 4: return reader.flag().map(Cell.boolean)
        default: return nil
        }
    }
}
