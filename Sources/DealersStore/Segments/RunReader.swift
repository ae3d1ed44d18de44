import Foundation

/// Reads a transaction's run front to back with `pread`, through two small buffers (its index
/// entries and its lines), for the walks that merge many runs at once — the change log and the
/// commit. Through the mapping, each run's faults kept about 1.2 MiB resident ahead of its cursor
/// (large folios), so a 4 M-row file's 55 runs cost as much memory as the rest of the apply; a
/// reader holds its two buffers and no open file between two refills (a merge of hundreds of runs
/// must not run out of descriptors). A merge shares ``mergeBudget`` among its readers (256 KiB
/// a buffer at most, 16 KiB at least), so its memory does not grow with the runs of a larger
/// file. A read-only transaction's run has no data file (``TransactionRun/Lines/spool(_:)``):
/// its lines are read from the spool, one at a time.
struct RunReader {
    /// Where the lines are: the run's data file, or the spool, read a line at a time.
    private let dataPath: String?
    private let spool: TransactionSpool?
    private let indexPath: String
    private let dataSize: Int
    private let count: Int
    /// The position of the current entry.
    private(set) var position: Int
    /// The current entry, `nil` past the end.
    private(set) var entry: Segment.Entry?
    private var entries: [UInt8] = []
    private var entriesStart = 0
    private var lines: [UInt8] = []
    private var linesStart = 0

    /// Bytes each of its two buffers reads at a time.
    private let bufferSize: Int

    /// The most a buffer reads at a time.
    static let largestBuffer = 1 << 18
    /// The least a buffer reads at a time, whatever the number of runs merged.
    static let smallestBuffer = 1 << 14
    /// The bytes of buffers all the readers of one merge share.
    static let mergeBudget = 1 << 24

    /// The size of each buffer of a reader among `readers` merged at once.
    static func bufferSize(readers: Int) -> Int {
        min(largestBuffer, max(smallestBuffer, mergeBudget / max(1, 2 * readers)))
    }

    /// Opens a run and moves to entry `position`, reading `bufferSize` bytes at a time.
    init(_ run: TransactionRun, from position: Int, bufferSize: Int = RunReader.largestBuffer) throws {
        self.bufferSize = bufferSize
        switch run.lines {
        case .file(let path):
            dataPath = path
            spool = nil
        case .spool(let spool):
            dataPath = nil
            self.spool = spool
        }
        indexPath = run.indexPath
        dataSize = run.dataSize
        count = run.count
        self.position = position
        try load()
    }

    /// Moves to the next entry.
    mutating func advance() throws {
        position += 1
        try load()
    }

    /// Calls `body` with the current line and its key (valid only during the call).
    func withLine<T>(_ body: (_ line: UnsafeRawBufferPointer, _ key: UnsafeRawBufferPointer) throws -> T) rethrows -> T? {
        guard let entry else { return nil }
        return try lines.withUnsafeBytes { all in
            let start = entry.offset - linesStart
            let line = UnsafeRawBufferPointer(rebasing: all[start..<(start + entry.length)])
            let key = UnsafeRawBufferPointer(rebasing: line[DocumentLine.keyStart..<(DocumentLine.keyStart + entry.keyLength)])
            return try body(line, key)
        }
    }

    private mutating func load() throws {
        guard position < count else { entry = nil; return }
        let size = Segment.entrySize
        if position < entriesStart || position >= entriesStart + entries.count / size {
            let n = min(max(1, bufferSize / size), count - position)
            entries = try Self.read(indexPath, count: n * size, at: position * size, reusing: entries)
            entriesStart = position
        }
        let base = (position - entriesStart) * size
        let e = entries.withUnsafeBytes { Segment.indexEntry(in: $0, at: base).entry }
        guard e.offset >= 0, e.length > DocumentLine.keyStart + e.keyLength, e.length <= dataSize, e.offset <= dataSize - e.length else {
            throw DealersError(.corruptStore, path: indexPath, "entry \(position) points outside its run")
        }
        if let spool {
            // A spool's lines are in the order they were written, not in key order: one at a time.
            lines.removeAll(keepingCapacity: true)
            try spool.withLine(e) { lines.append(contentsOf: $0) }
            linesStart = e.offset
        } else if let dataPath, e.offset < linesStart || e.offset + e.length > linesStart + lines.count {
            let n = min(max(bufferSize, e.length), dataSize - e.offset)
            lines = try Self.read(dataPath, count: n, at: e.offset, reusing: lines)
            linesStart = e.offset
        }
        entry = e
    }

    /// `count` bytes of the file at `path` from `offset`, in `buffer`'s storage when it is the
    /// same size (the file is open only for the read).
    private static func read(_ path: String, count: Int, at offset: Int, reusing buffer: [UInt8]) throws -> [UInt8] {
        var buffer = buffer
        if buffer.count != count { buffer = [UInt8](repeating: 0, count: count) }
        let file = try OpenFile(path, .read)
        try buffer.withUnsafeMutableBytes { try StoreFiles.readExactly(file, into: $0, at: offset) }
        return buffer
    }
}

/// The newest line of each key across a transaction's runs (later runs are newer), in key
/// order, each run read by a ``RunReader``.
struct RunMerge {
    private var readers: [RunReader]
    private let prefix: [UInt8]

    /// Opens every run at the first key under `prefix` (empty: all keys).
    init(_ runs: [TransactionRun], prefix: [UInt8]) throws {
        self.prefix = prefix
        let bufferSize = RunReader.bufferSize(readers: runs.count)
        readers = try runs.map { run in
            try RunReader(run, from: prefix.withUnsafeBytes { try run.lowerBound($0) }, bufferSize: bufferSize)
        }
    }

    /// Calls `body` with each key's newest line (deletions included), its key and its entry.
    mutating func forEach(_ body: (_ line: UnsafeRawBufferPointer, _ key: UnsafeRawBufferPointer, _ entry: Segment.Entry) throws -> Void) throws {
        while true {
            var chosen: Int?
            for i in readers.indices where readers[i].entry != nil {
                guard inPrefix(i) else { continue }
                if let c = chosen {
                    // Later runs are newer: on equal keys the later one wins.
                    let order = readers[i].withLine { _, a in readers[c].withLine { _, b in KeyBytes.compare(a, b) } ?? 0 } ?? 0
                    if order <= 0 { chosen = i }
                } else {
                    chosen = i
                }
            }
            guard let c = chosen, let winner = readers[c].entry else { return }
            try readers[c].withLine { line, key in try body(line, key, winner) }
            // Every reader at the same key moves on (the winner last: the key lives in its buffer).
            for i in readers.indices where i != c && readers[i].entry != nil {
                let same = readers[i].withLine { _, a in readers[c].withLine { _, b in KeyBytes.compare(a, b) == 0 } ?? false } ?? false
                if same { try readers[i].advance() }
            }
            try readers[c].advance()
        }
    }

    private func inPrefix(_ i: Int) -> Bool {
        prefix.isEmpty || (readers[i].withLine { _, key in prefix.withUnsafeBytes { KeyBytes.hasPrefix(key, $0) } } ?? false)
    }
}
