import Foundation

/// A run a transaction spilled: the latest line of each key its index held, sorted by key, as a
/// file of index entries in the segment format (``Segment``), whose lines are either
///
/// - in a data file of the run's own, sorted too (a writable store's run: its commit merges the
///   runs into a segment front to back, see ``RunMerge``), or
/// - in the transaction's spool, where they were written (a read-only store's run: such a
///   transaction never commits, so its spool is never emptied and a spill copies no line).
///
/// A look-up maps nothing: the run keeps the first key of every block of ``blockSize`` entries
/// in memory, reads the one block a key can be in with one `pread`, and compares whole keys,
/// read from the lines, only where the 16-byte prefixes in the entries do not decide. Mapped
/// runs kept the pages their searches faulted in (64 KiB and more each) until a `madvise` gave
/// them back, which cost every other thread a TLB flush (measured: 3–4 % of a file's samples).
/// No file is held open between look-ups (a 4 M-row file has dozens of runs).
final class TransactionRun {
    /// Where a run's lines are.
    enum Lines {
        /// The run's own data file (`<id>.jsonl`).
        case file(String)
        /// The transaction's spool.
        case spool(TransactionSpool)
    }

    /// The index file.
    let indexPath: String
    /// Where the lines are.
    let lines: Lines
    /// Entries in the run.
    let count: Int
    /// The size of the lines' file when the run was written: every entry points before it.
    let dataSize: Int
    /// The first key of each block, back to back, and where each starts in ``firstKeys``.
    private var firstKeys: [UInt8] = []
    private var firstKeyStarts: [Int] = []
    /// The block read last and its first position (`-1`: none).
    private var block: [UInt8] = []
    private var blockStart = -1
    /// A line read for a key comparison or a value.
    private var lineBuffer: [UInt8] = []
    /// The run's files, held open only while ``init(indexPath:lines:count:dataSize:)`` reads
    /// the first keys (a look-up opens what it reads).
    private var held: (index: OpenFile, data: OpenFile?)?

    /// Entries per block: one `pread` of 8 KiB per look-up, 256 times fewer keys in memory than
    /// entries. A look-up reaches a run only when the run's filter lets the key through (its
    /// own key, or 1 % of the others), so a larger block costs little time, and the first keys
    /// of a 4 M-row validation's runs take 0.6 MiB instead of 2.6 (blocks of 64).
    static let blockSize = 256

    /// Opens a run of `count` entries whose index is at `indexPath`, reading the first key of
    /// each block.
    init(indexPath: String, lines: Lines, count: Int, dataSize: Int) throws {
        self.indexPath = indexPath
        self.lines = lines
        self.count = count
        self.dataSize = dataSize
        firstKeyStarts.reserveCapacity((count + Self.blockSize - 1) / Self.blockSize)
        if case .file(let path) = lines {
            held = (try OpenFile(indexPath, .read), try OpenFile(path, .read))
        } else {
            held = (try OpenFile(indexPath, .read), nil)
        }
        defer { held = nil }
        for start in stride(from: 0, to: count, by: Self.blockSize) {
            let first = try entry(at: start)
            firstKeyStarts.append(firstKeys.count)
            try withKey(of: first.entry) { firstKeys.append(contentsOf: $0) }
        }
    }

    /// Writes a read-only transaction's run: the index of `index`'s live entries, whose lines
    /// are in `spool` (flushed first), at `url`; `nil` when the index holds none.
    static func write(index: SpoolIndex, over spool: TransactionSpool, to url: URL) throws -> TransactionRun? {
        let sorted = index.sorted()
        guard !sorted.isEmpty else { return nil }
        try spool.flushAll()
        try AtomicFile.createDirectory(url.deletingLastPathComponent())
        let file = try OpenFile(url.path, .writeNew)
        do {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(1 << 20)
            for entry in sorted {
                index.withKey(entry) { Segment.appendIndexEntry(entry.line, key: $0, to: &bytes) }
                if bytes.count >= 1 << 20 {
                    try bytes.withUnsafeBytes { try file.write($0) }
                    bytes.removeAll(keepingCapacity: true)
                }
            }
            Segment.appendIndexTrailer(count: sorted.count, to: &bytes)
            try bytes.withUnsafeBytes { try file.write($0) }
            try file.close()
            return try TransactionRun(indexPath: url.path, lines: .spool(spool), count: sorted.count, dataSize: spool.size)
        } catch {
            file.closeIgnoringErrors()
            _ = try? FileSystem.remove(url.path)
            throw error
        }
    }

    /// The entry of `key`, if the run has a line for it (a deletion included).
    func find(_ key: UnsafeRawBufferPointer) throws -> Segment.Entry? {
        let position = try lowerBound(key)
        guard position < count else { return nil }
        let found = try entry(at: position)
        return try compare(found.entry, found.prefix, with: key, target: KeyPrefix(key)) == 0 ? found.entry : nil
    }

    /// The position of the first entry whose key is not below `key` (`count` when none).
    func lowerBound(_ key: UnsafeRawBufferPointer) throws -> Int {
        // The last block whose first key is not above `key`: the key's place is in it, or just
        // after it (the next block's start).
        var low = 0, high = firstKeyStarts.count
        while low < high {
            let mid = (low + high) >> 1
            if compareFirstKey(of: mid, with: key) <= 0 { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return 0 }
        let start = (low - 1) * Self.blockSize
        let target = KeyPrefix(key)
        var lo = start, hi = min(start + Self.blockSize, count)
        while lo < hi {
            let mid = (lo + hi) >> 1
            let candidate = try entry(at: mid)
            if try compare(candidate.entry, candidate.prefix, with: key, target: target) < 0 { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The document bytes of an entry (a deletion has none).
    func value(of entry: Segment.Entry) throws -> Data {
        guard !entry.isDeletion else { return Data() }
        let range = DocumentLine.valueRange(lineLength: entry.length, keyLength: entry.keyLength)
        return try withLine(entry) { Data($0[range]) }
    }

    /// Calls `body` with an entry's whole line (valid only during the call).
    func withLine<T>(_ entry: Segment.Entry, _ body: (UnsafeRawBufferPointer) throws -> T) throws -> T {
        switch lines {
        case .spool(let spool):
            return try spool.withLine(entry, body)
        case .file(let path):
            if lineBuffer.count < entry.length { lineBuffer = [UInt8](repeating: 0, count: max(entry.length, 2 * lineBuffer.count)) }
            let file = try held?.data ?? OpenFile(path, .read)
            return try lineBuffer.withUnsafeMutableBytes { whole in
                let line = UnsafeMutableRawBufferPointer(rebasing: whole[0..<entry.length])
                try StoreFiles.readExactly(file, into: line, at: entry.offset)
                return try body(UnsafeRawBufferPointer(line))
            }
        }
    }

    /// The entry at `position` and its key prefix, through the block buffer.
    private func entry(at position: Int) throws -> (entry: Segment.Entry, prefix: KeyPrefix) {
        let start = position / Self.blockSize * Self.blockSize
        if blockStart != start {
            blockStart = -1   // a failed read below leaves no block claimed
            let size = min(Self.blockSize, count - start) * Segment.entrySize
            if block.count != size { block = [UInt8](repeating: 0, count: size) }
            let file = try held?.index ?? OpenFile(indexPath, .read)
            try block.withUnsafeMutableBytes { try StoreFiles.readExactly(file, into: $0, at: start * Segment.entrySize) }
            blockStart = start
        }
        let found = block.withUnsafeBytes { Segment.indexEntry(in: $0, at: (position - start) * Segment.entrySize) }
        guard found.entry.offset >= 0, found.entry.length > DocumentLine.keyStart + found.entry.keyLength,
              found.entry.length <= dataSize, found.entry.offset <= dataSize - found.entry.length else {
            throw DealersError(.corruptStore, path: indexPath, "entry \(position) points outside its lines")
        }
        return found
    }

    /// The order of an entry's key against `key`: by the prefixes, and by the whole keys only
    /// when the prefixes are equal and a key is longer than a prefix.
    private func compare(_ entry: Segment.Entry, _ prefix: KeyPrefix, with key: UnsafeRawBufferPointer, target: KeyPrefix) throws -> Int {
        if prefix != target { return prefix < target ? -1 : 1 }
        if entry.keyLength <= Segment.prefixSize && key.count <= Segment.prefixSize { return entry.keyLength - key.count }
        return try withKey(of: entry) { KeyBytes.compare($0, key) }
    }

    /// Calls `body` with an entry's key, read from its line.
    private func withKey<T>(of entry: Segment.Entry, _ body: (UnsafeRawBufferPointer) throws -> T) throws -> T {
        try withLine(entry) { line in
            try body(UnsafeRawBufferPointer(rebasing: line[DocumentLine.keyStart..<(DocumentLine.keyStart + entry.keyLength)]))
        }
    }

    /// The order of block `i`'s first key against `key`.
    private func compareFirstKey(of i: Int, with key: UnsafeRawBufferPointer) -> Int {
        let end = i + 1 < firstKeyStarts.count ? firstKeyStarts[i + 1] : firstKeys.count
        return firstKeys.withUnsafeBytes { KeyBytes.compare(UnsafeRawBufferPointer(rebasing: $0[firstKeyStarts[i]..<end]), key) }
    }
}
