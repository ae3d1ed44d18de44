import Foundation

/// Sorts contract-history rows chronologically in bounded memory: an external merge sort.
///
/// Rows are collected in memory up to `runLength`; a full buffer is sorted and spilled to a
/// run file (one escaped line per row, see ``HistoryRow/line``) in a private temporary folder.
/// ``drain(_:)`` then merges the runs: it keeps one row per run in memory and repeatedly emits
/// the earliest. Memory is therefore `runLength` rows while collecting and one row per run while
/// merging, whatever the size of the store; disk use is the size of the history. A history that
/// fits in one run never touches the disk. The temporary folder is removed when the sorter goes.
final class HistoryRowSorter {
    /// Rows held in memory before a run is spilled.
    let runLength: Int
    private var buffer: [HistoryRow] = []
    private var runs: [URL] = []
    private var folder: URL?

    /// Creates a sorter that spills every `runLength` rows (100,000 rows is some 30 MB).
    init(runLength: Int = 100_000) {
        self.runLength = max(1, runLength)
    }

    deinit {
        if let folder { try? FileSystem.removeTree(folder.path) }
    }

    /// The number of run files spilled so far.
    var spilledRuns: Int { runs.count }

    /// Adds a row.
    /// - Throws: ``DealersError`` `.io` when a run file cannot be written.
    func add(_ row: HistoryRow) throws {
        buffer.append(row)
        if buffer.count >= runLength { try spill() }
    }

    /// Calls `body` with every row added, in chronological order (``HistoryRow/precedes(_:_:)``).
    /// - Throws: ``DealersError`` `.io` for an unreadable or damaged run file; what `body` throws.
    func drain(_ body: (HistoryRow) throws -> Void) throws {
        buffer.sort(by: HistoryRow.precedes)
        if runs.isEmpty {
            for row in buffer { try body(row) }
            buffer = []
            return
        }
        if !buffer.isEmpty { try spill() }
        let readers = try runs.map(RunReader.init)
        var heads = try readers.map { try $0.next() }
        while true {
            var best: Int?
            for (i, head) in heads.enumerated() {
                guard let head else { continue }
                if let b = best, let current = heads[b], !HistoryRow.precedes(head, current) { continue }
                best = i
            }
            guard let b = best, let row = heads[b] else { break }
            try body(row)
            heads[b] = try readers[b].next()
        }
    }

    private func spill() throws {
        buffer.sort(by: HistoryRow.precedes)
        let folder = try runFolder()
        let url = folder.appendingPathComponent("run-\(runs.count).txt")
        let stream = try StagedFile(target: url)
        for row in buffer {
            try stream.write(row.line.utf8)
            try stream.write(CollectionOfOne(UInt8(ascii: "\n")))
        }
        try stream.commit()
        runs.append(url)
        buffer.removeAll(keepingCapacity: true)
    }

    private func runFolder() throws -> URL {
        if let folder { return folder }
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("dealers-history-sort-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)", isDirectory: true)
        try AtomicFile.createDirectory(url)
        folder = url
        return url
    }
}

/// Reads a run file's rows one line at a time.
private final class RunReader {
    private let url: URL
    private var lines: LineChunker

    init(_ url: URL) throws {
        self.url = url
        lines = try LineChunker(path: url.path, maxLineBytes: 1 << 30)
    }

    func next() throws -> HistoryRow? {
        guard let line = try lines.nextLine() else { return nil }
        let text = String(decoding: line.last == UInt8(ascii: "\n") ? line.dropLast() : line, as: UTF8.self)
        guard let row = HistoryRow(line: Substring(text)) else {
            throw DealersError(.io, path: url.path, "damaged sort run line")
        }
        return row
    }
}
