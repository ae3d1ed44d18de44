import Foundation

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
final class ErrorSpool {
    /// One rejected row (or an error about the whole file, without a record) and where it sorts.
    struct Entry {
        /// The sort key: the record's line; for an error about the whole file, 0 before any row
        /// and `Int.max` after (where reading stopped).
        var key: Int
        var record: SourceRecord?
        var errors: [RowError]
    }

    private let runs = SpillRuns<Entry>(prefix: "dealers-errors", encode: { ErrorSpool.encode($0) }, decode: { ErrorSpool.decode($0) })
    /// The last key of each run.
    private var lastKeys: [Int] = []

    /// Adds an entry to the first run it keeps in order, or to a new one.
    /// - Throws: ``DealersError`` `.io` when the temporary file cannot be written.
    func add(_ entry: Entry) throws {
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
    func drain(_ body: (Entry) throws -> Void) throws {
        lastKeys = []
        try runs.merge(by: { $0.key < $1.key }, body)
    }

    // MARK: - One entry per line

    // An entry is one line of TAB-separated fields; text goes as base64, which holds no TAB or
    // line break: key, line ("" without a record), raw bytes ("-" for none), cells
    // (`<tag><base64>` joined by ","), then one field per error (its parts joined by ",").

    static func encode(_ entry: Entry) -> String {
        var fields = [String(entry.key)]
        if let record = entry.record {
            fields.append(String(record.line))
            fields.append(record.raw.map { Data($0).base64EncodedString() } ?? "-")
            fields.append(record.cells.map(encode(cell:)).joined(separator: ","))
        } else {
            fields += ["", "-", ""]
        }
        for error in entry.errors {
            fields.append([String(error.line), error.column.map(String.init) ?? "", b64(error.field), b64(error.value),
                           error.code.rawValue, b64(error.detail.es), b64(error.detail.en)].joined(separator: ","))
        }
        return fields.joined(separator: "\t")
    }

    static func decode(_ line: Substring) -> Entry? {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard fields.count >= 4, let key = Int(fields[0]) else { return nil }
        var record: SourceRecord?
        if let number = Int(fields[1]) {
            var cells: [Cell] = []
            for text in fields[3].split(separator: ",", omittingEmptySubsequences: true) {
                guard let cell = decode(cell: text) else { return nil }
                cells.append(cell)
            }
            let raw = fields[2] == "-" ? nil : Data(base64Encoded: String(fields[2])).map { [UInt8]($0) }
            record = SourceRecord(line: number, cells: cells, raw: raw)
        }
        var errors: [RowError] = []
        for field in fields.dropFirst(4) {
            let p = field.split(separator: ",", omittingEmptySubsequences: false)
            guard p.count == 7, let line = Int(p[0]), let code = ErrorCode(rawValue: String(p[4])),
                  let name = unb64(p[2]), let value = unb64(p[3]), let es = unb64(p[5]), let en = unb64(p[6]) else { return nil }
            errors.append(RowError(line: line, column: Int(p[1]), field: name, value: value, code: code,
                                   detail: LocalizedText(es: es, en: en)))
        }
        return Entry(key: key, record: record, errors: errors)
    }

    private static func encode(cell: Cell) -> String {
        switch cell {
        case .empty: return "e"
        case .text(let s): return "t" + b64(s)
        case .number(let s): return "n" + b64(s)
        case .date(let d): return "d" + d.description
        case .boolean(let b): return b ? "b1" : "b0"
        }
    }

    private static func decode(cell: Substring) -> Cell? {
        let rest = cell.dropFirst()
        switch cell.first {
        case "e": return .empty
        case "t": return unb64(rest).map(Cell.text)
        case "n": return unb64(rest).map(Cell.number)
        case "d": return CivilDate(iso: String(rest)).map(Cell.date)
        case "b": return .boolean(rest == "1")
        default: return nil
        }
    }

    private static func b64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    private static func unb64(_ text: Substring) -> String? {
        Data(base64Encoded: String(text)).map { String(decoding: $0, as: UTF8.self) }
    }
}
