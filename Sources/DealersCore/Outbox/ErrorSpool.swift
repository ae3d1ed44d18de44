import Foundation

/// Rejections that wait to be written in line order: once a file has rows retried at its end
/// (a dependant waiting for its holder, see ``DeferredRows``), its errors can arrive out of
/// order, so ``ErrorOutputs`` hands them here and writes them out, merged by line, when it
/// finishes.
///
/// Memory stays flat whatever the number of errors: an entry goes to disk as it comes, into the
/// first *run* (a temporary file whose entries rise by key) it can extend, or a new run when it
/// extends none; ``drain(_:)`` merges the runs holding one entry per run. A file read once and
/// retried once makes two runs (the rows of the first pass, the retried rows), a late error
/// about the whole file one more. The temporary folder is removed when the spool goes.
final class ErrorSpool {
    /// One rejected row (or an error about the whole file, without a record) and where it sorts.
    struct Entry {
        /// The sort key: the record's line; for an error about the whole file, 0 before any row
        /// and `Int.max` after (where reading stopped).
        var key: Int
        var record: SourceRecord?
        var errors: [RowError]
    }

    private struct Run {
        var file: StagedFile
        var url: URL
        var lastKey: Int
    }

    private var runs: [Run] = []
    private var folder: URL?

    deinit {
        if let folder { try? FileSystem.removeTree(folder.path) }
    }

    /// Whether nothing was added.
    var isEmpty: Bool { runs.isEmpty }

    /// Adds an entry to the first run it keeps in order, or to a new one.
    /// - Throws: ``DealersError`` `.io` when the temporary file cannot be written.
    func add(_ entry: Entry) throws {
        let line = Data((ErrorSpool.encode(entry) + "\n").utf8)
        if let i = runs.firstIndex(where: { $0.lastKey <= entry.key }) {
            runs[i].lastKey = entry.key
            try line.withUnsafeBytes { try runs[i].file.write($0) }
            return
        }
        let folder = try spoolFolder()
        let url = folder.appendingPathComponent("run-\(runs.count).txt")
        let run = Run(file: try StagedFile(target: url), url: url, lastKey: entry.key)
        try line.withUnsafeBytes { try run.file.write($0) }
        runs.append(run)
    }

    /// Calls `body` with every entry, by key (entries of equal key in the order of their runs),
    /// and empties the spool.
    /// - Throws: ``DealersError`` `.io` for an unreadable or damaged temporary file; what `body` throws.
    func drain(_ body: (Entry) throws -> Void) throws {
        for run in runs { try run.file.commit() }
        let readers = try runs.map { try SpoolReader($0.url) }
        runs = []
        var heads = try readers.map { try $0.next() }
        while true {
            var best: Int?
            for (i, head) in heads.enumerated() {
                guard let head else { continue }
                if let b = best, let current = heads[b], current.key <= head.key { continue }
                best = i
            }
            guard let b = best, let entry = heads[b] else { break }
            try body(entry)
            heads[b] = try readers[b].next()
        }
    }

    private func spoolFolder() throws -> URL {
        if let folder { return folder }
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("dealers-errors-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)", isDirectory: true)
        try AtomicFile.createDirectory(url)
        folder = url
        return url
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

/// Reads a spool run back one entry at a time.
private final class SpoolReader {
    private let url: URL
    private var lines: LineChunker

    init(_ url: URL) throws {
        self.url = url
        lines = try LineChunker(path: url.path, maxLineBytes: 1 << 30)
    }

    func next() throws -> ErrorSpool.Entry? {
        guard let line = try lines.nextLine() else { return nil }
        let text = String(decoding: line.last == UInt8(ascii: "\n") ? line.dropLast() : line, as: UTF8.self)
        guard let entry = ErrorSpool.decode(Substring(text)) else {
            throw DealersError(.io, path: url.path, "damaged error spool line")
        }
        return entry
    }
}
