import Foundation

/// A read-only transaction's spilled index (`dealers validate`): the latest line of each key its
/// index held, sorted by key, as a file of index entries in the segment format (``Segment``)
/// whose offsets point into the transaction's spool — which a read-only transaction never
/// empties, since it never commits.
///
/// A spill then copies no document: a writable transaction's run copies every line into a data
/// file of its own, with a `pread` each, because its commit needs them in key order; a dry run
/// only needs to find them again. A look-up maps nothing either (no page of the run stays
/// resident, no `madvise` to give pages back): the run keeps the first key of every block of
/// ``blockSize`` entries in memory, reads the one block a key can be in with one `pread`, and
/// the line, when found, from the spool.
final class SpoolRun {
    /// The index file, in the transaction's runs folder (removed with it).
    let path: String
    /// Entries in the run.
    let count: Int
    /// The spool's size when the run was written: every entry points before it.
    let spoolSize: Int
    private let file: OpenFile
    /// The first key of each block, back to back, and where each starts in ``firstKeys``.
    private let firstKeys: [UInt8]
    private let firstKeyStarts: [Int]
    /// The block read last (reused from look-up to look-up).
    private var block: [UInt8] = []

    /// Entries per block: one `pread` of 2 KiB per look-up, 64 times fewer keys in memory than entries.
    static let blockSize = 64

    private init(path: String, count: Int, spoolSize: Int, file: OpenFile, firstKeys: [UInt8], firstKeyStarts: [Int]) {
        self.path = path
        self.count = count
        self.spoolSize = spoolSize
        self.file = file
        self.firstKeys = firstKeys
        self.firstKeyStarts = firstKeyStarts
    }

    /// Writes the run of `index`'s live entries, whose lines are in `spool` (flushed first), to
    /// `url`; `nil` when the index holds none.
    static func write(index: SpoolIndex, spool: TransactionSpool, to url: URL) throws -> SpoolRun? {
        let sorted = index.sorted()
        guard !sorted.isEmpty else { return nil }
        try spool.flushAll()
        try AtomicFile.createDirectory(url.deletingLastPathComponent())
        let file = try OpenFile(url.path, .readWriteNew)
        do {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(1 << 20)
            var firstKeys: [UInt8] = []
            var firstKeyStarts: [Int] = []
            for (i, entry) in sorted.enumerated() {
                index.withKey(entry) { key in
                    if i % blockSize == 0 {
                        firstKeyStarts.append(firstKeys.count)
                        firstKeys.append(contentsOf: key)
                    }
                    Segment.appendIndexEntry(entry.line, key: key, to: &bytes)
                }
                if bytes.count >= 1 << 20 {
                    try bytes.withUnsafeBytes { try file.write($0) }
                    bytes.removeAll(keepingCapacity: true)
                }
            }
            Segment.appendIndexTrailer(count: sorted.count, to: &bytes)
            try bytes.withUnsafeBytes { try file.write($0) }
            return SpoolRun(path: url.path, count: sorted.count, spoolSize: spool.size, file: file,
                            firstKeys: firstKeys, firstKeyStarts: firstKeyStarts)
        } catch {
            file.closeIgnoringErrors()
            _ = try? FileSystem.remove(url.path)
            throw error
        }
    }

    /// The entry of `key`, if the run has a line for it (a deletion included).
    func find(_ key: UnsafeRawBufferPointer, spool: TransactionSpool) throws -> Segment.Entry? {
        let position = try lowerBound(key, spool: spool)
        guard position < count else { return nil }
        let found = try entry(at: position)
        return try compare(found.entry, found.prefix, with: key, spool: spool) == 0 ? found.entry : nil
    }

    /// The position of the first entry whose key is not below `key` (`count` when none).
    func lowerBound(_ key: UnsafeRawBufferPointer, spool: TransactionSpool) throws -> Int {
        // The last block whose first key is not above `key`: the key, if here, is in it; if it
        // is below that first key, its place is the block's start.
        var low = 0, high = firstKeyStarts.count
        while low < high {
            let mid = (low + high) >> 1
            if compareFirstKey(of: mid, with: key) <= 0 { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return 0 }
        let blockIndex = low - 1
        let start = blockIndex * Self.blockSize
        let n = min(Self.blockSize, count - start)
        try readBlock(start: start, count: n)
        var lo = 0, hi = n
        let target = KeyPrefix(key)
        while lo < hi {
            let mid = (lo + hi) >> 1
            let candidate = block.withUnsafeBytes { Segment.indexEntry(in: $0, at: mid * Segment.entrySize) }
            guard candidate.entry.offset + candidate.entry.length <= spoolSize else {
                throw DealersError(.corruptStore, path: path, "entry \(start + mid) points outside the spool")
            }
            if try compare(candidate.entry, candidate.prefix, with: key, target: target, spool: spool) < 0 { lo = mid + 1 } else { hi = mid }
        }
        return start + lo
    }

    /// The entry at `position` (read through the block buffer).
    private func entry(at position: Int) throws -> (entry: Segment.Entry, prefix: KeyPrefix) {
        let start = position / Self.blockSize * Self.blockSize
        try readBlock(start: start, count: min(Self.blockSize, count - start))
        return block.withUnsafeBytes { Segment.indexEntry(in: $0, at: (position - start) * Segment.entrySize) }
    }

    /// The order of an entry's key against `key`: by the prefixes, and by the whole keys (read
    /// from the spool) only when the prefixes are equal and a key is longer than a prefix.
    private func compare(_ entry: Segment.Entry, _ prefix: KeyPrefix, with key: UnsafeRawBufferPointer,
                         target: KeyPrefix? = nil, spool: TransactionSpool) throws -> Int {
        let target = target ?? KeyPrefix(key)
        if prefix != target { return prefix < target ? -1 : 1 }
        if entry.keyLength <= Segment.prefixSize && key.count <= Segment.prefixSize { return entry.keyLength - key.count }
        return try spool.withLine(entry) { line in
            KeyBytes.compare(UnsafeRawBufferPointer(rebasing: line[DocumentLine.keyStart..<(DocumentLine.keyStart + entry.keyLength)]), key)
        }
    }

    private var loadedBlock = -1

    /// Reads entries `start..<start + count` into ``block`` (unless they are there already).
    private func readBlock(start: Int, count n: Int) throws {
        guard loadedBlock != start else { return }
        let size = n * Segment.entrySize
        if block.count != size { block = [UInt8](repeating: 0, count: size) }
        try block.withUnsafeMutableBytes { try StoreFiles.readExactly(file, into: $0, at: start * Segment.entrySize) }
        loadedBlock = start
    }

    /// The order of block `i`'s first key against `key`.
    private func compareFirstKey(of i: Int, with key: UnsafeRawBufferPointer) -> Int {
        let end = i + 1 < firstKeyStarts.count ? firstKeyStarts[i + 1] : firstKeys.count
        return firstKeys.withUnsafeBytes { KeyBytes.compare(UnsafeRawBufferPointer(rebasing: $0[firstKeyStarts[i]..<end]), key) }
    }

    deinit { file.closeIgnoringErrors() }
}
