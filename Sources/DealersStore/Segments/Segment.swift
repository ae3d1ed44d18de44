import Foundation

/// One immutable segment of the store: `segments/<id>.jsonl`, its documents as JSON Lines sorted
/// by key, and `segments/<id>.idx`, the binary index that finds a line by binary search.
///
/// Both files are mapped, so an open costs two `mmap` calls and a lookup touches a few pages,
/// whatever the segment's size. The index is derived data: `store verify` checks it against the
/// lines, and it can always be rebuilt from them.
///
/// Index format (little endian): one 32-byte entry per line in key order — line offset (UInt64),
/// line length (UInt32), key length (UInt16), flags (UInt16; 1 = deletion), the first 16 bytes of
/// the key (zero-padded) — then a 16-byte trailer: the 8 bytes `DLRIDX02` and the entry count
/// (UInt64). Written front to back, so the file is checksummed as it is written. The key prefix
/// lets a binary search decide almost every step in the index, without touching the data file.
final class Segment {
    /// The segment's number (its file names).
    let id: Int
    /// What the manifest says of it.
    let info: SegmentInfo
    let data: MappedFile
    private let index: MappedFile
    /// Lines in the segment.
    let count: Int

    static let indexMagic = Array("DLRIDX02".utf8)
    static let trailerSize = 16
    static let entrySize = 32
    /// Bytes of the key kept in each index entry.
    static let prefixSize = 16

    /// Where a line is and what it holds.
    struct Entry {
        var offset: Int
        var length: Int
        var keyLength: Int
        var isDeletion: Bool
    }

    /// The file names of segment `id`.
    static func dataName(_ id: Int) -> String { String(format: "%012d.jsonl", id) }
    static func indexName(_ id: Int) -> String { String(format: "%012d.idx", id) }

    /// Opens the segment the manifest describes; `nil` when its files are gone (a reader that
    /// raced a compaction reads the manifest again).
    /// - Throws: ``DealersError`` `.corruptStore` when the files do not match the manifest.
    static func open(in folder: URL, info: SegmentInfo) throws -> Segment? {
        guard let data = try MappedFile.openIfPresent(folder.appendingPathComponent(dataName(info.id)).path),
              let index = try MappedFile.openIfPresent(folder.appendingPathComponent(indexName(info.id)).path) else { return nil }
        return try Segment(info: info, data: data, index: index)
    }

    private init(info: SegmentInfo, data: MappedFile, index: MappedFile) throws {
        self.id = info.id
        self.info = info
        self.data = data
        self.index = index
        let size = index.bytes.count
        guard size >= Self.trailerSize, index.bytes[(size - 16)..<(size - 8)].elementsEqual(Self.indexMagic) else {
            throw DealersError(.corruptStore, path: index.path, "is not a segment index")
        }
        let count = Int(truncatingIfNeeded: index.load(UInt64.self, at: size - 8))
        guard count >= 0, size == Self.trailerSize + count * Self.entrySize,
              count == info.documents + info.deletions, data.bytes.count == info.bytes else {
            throw DealersError(.corruptStore, path: index.path,
                               "does not match the manifest (\(info.documents + info.deletions) lines, \(info.bytes) bytes)")
        }
        self.count = count
    }

    /// The whole index file (for checksums).
    var indexBytes: UnsafeRawBufferPointer { index.bytes }

    /// Marks both files for random access (point look-ups: no read-ahead).
    func adviseRandom() {
        data.adviseRandom()
        index.adviseRandom()
    }

    /// Gives back the memory of every page read so far (they stay in the page cache).
    func releaseAll() {
        data.release()
        index.release()
    }

    /// Gives back the memory of every page of the index read so far (a binary search's).
    func releaseIndex() {
        index.release()
    }

    /// Gives back the memory of the pages of entries `from..<to` (a cursor that went past them).
    func release(from: Int, to: Int) throws {
        guard to > from else { return }
        let first = try entry(from), last = try entry(to - 1)
        data.release(first.offset..<(last.offset + last.length))
        index.release((from * Self.entrySize)..<(to * Self.entrySize))
    }

    /// The entry at a position of the index.
    /// - Throws: ``DealersError`` `.corruptStore` when the entry points outside the data file.
    @inline(__always)
    func entry(_ i: Int) throws -> Entry {
        let base = i * Self.entrySize
        let offset = Int(truncatingIfNeeded: index.load(UInt64.self, at: base))
        let length = Int(index.load(UInt32.self, at: base + 8))
        let keyLength = Int(index.load(UInt16.self, at: base + 12))
        let flags = index.load(UInt16.self, at: base + 14)
        guard offset >= 0, length >= DocumentLine.keyStart + keyLength + DocumentLine.valueSeparator.count + 3,
              offset + length <= data.bytes.count else {
            throw DealersError(.corruptStore, path: index.path, "entry \(i) points outside \(Self.dataName(id))")
        }
        return Entry(offset: offset, length: length, keyLength: keyLength, isDeletion: flags & 1 != 0)
    }

    /// Appends the index entry of a line (see the format above) to `bytes`.
    static func appendIndexEntry(_ entry: Entry, key: UnsafeRawBufferPointer, to bytes: inout [UInt8]) {
        func append<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }
        append(UInt64(entry.offset))
        append(UInt32(entry.length))
        append(UInt16(entry.keyLength))
        append(UInt16(entry.isDeletion ? 1 : 0))
        let prefix = key.prefix(prefixSize)
        bytes.append(contentsOf: prefix)
        bytes.append(contentsOf: repeatElement(0, count: prefixSize - prefix.count))
    }

    /// Appends the trailer of an index of `count` entries.
    static func appendIndexTrailer(count: Int, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: indexMagic)
        withUnsafeBytes(of: UInt64(count).littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// The index entry at byte `base` of `raw` (bounds checked by the caller) and its key prefix.
    @inline(__always)
    static func indexEntry(in raw: UnsafeRawBufferPointer, at base: Int) -> (entry: Entry, prefix: KeyPrefix) {
        let entry = Entry(offset: Int(truncatingIfNeeded: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: base, as: UInt64.self))),
                          length: Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: base + 8, as: UInt32.self))),
                          keyLength: Int(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: base + 12, as: UInt16.self))),
                          isDeletion: UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: base + 14, as: UInt16.self)) & 1 != 0)
        let prefix = KeyPrefix(high: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: base + 16, as: UInt64.self)),
                               low: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: base + 24, as: UInt64.self)))
        return (entry, prefix)
    }

    /// The key bytes of an entry.
    @inline(__always)
    func key(of entry: Entry) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: data.bytes[(entry.offset + DocumentLine.keyStart)..<(entry.offset + DocumentLine.keyStart + entry.keyLength)])
    }

    /// The whole line of an entry, its line break included.
    func line(of entry: Entry) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: data.bytes[entry.offset..<(entry.offset + entry.length)])
    }

    /// The document bytes of an entry (empty for a deletion).
    @inline(__always)
    func value(of entry: Entry) -> UnsafeRawBufferPointer {
        guard !entry.isDeletion else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        let range = DocumentLine.valueRange(lineLength: entry.length, keyLength: entry.keyLength)
        return UnsafeRawBufferPointer(rebasing: data.bytes[(entry.offset + range.lowerBound)..<(entry.offset + range.upperBound)])
    }

    /// The position of the first entry whose key is not below `key` (`count` when none).
    func lowerBound(_ key: UnsafeRawBufferPointer) throws -> Int {
        let target = KeyPrefix(key)
        var low = 0, high = count
        while low < high {
            let mid = (low + high) >> 1
            if try compare(entryAt: mid, with: key, prefix: target) < 0 { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The key prefix stored in entry `i`.
    func prefix(at i: Int) -> KeyPrefix {
        let base = i * Self.entrySize
        return KeyPrefix(high: UInt64(bigEndian: index.bytes.loadUnaligned(fromByteOffset: base + 16, as: UInt64.self)),
                         low: UInt64(bigEndian: index.bytes.loadUnaligned(fromByteOffset: base + 24, as: UInt64.self)))
    }

    /// The order of entry `i`'s key against `key`: by the prefixes in the index, and by the
    /// whole keys in the data file only when the prefixes are equal and longer keys share them.
    @inline(__always)
    private func compare(entryAt i: Int, with key: UnsafeRawBufferPointer, prefix target: KeyPrefix) throws -> Int {
        let stored = prefix(at: i)
        if stored != target { return stored < target ? -1 : 1 }
        let keyLength = Int(index.load(UInt16.self, at: i * Self.entrySize + 12))
        if keyLength <= Self.prefixSize && key.count <= Self.prefixSize { return keyLength - key.count }
        return KeyBytes.compare(self.key(of: try entry(i)), key)
    }

    /// The entry of `key`, if the segment has a line for it.
    func find(_ key: UnsafeRawBufferPointer) throws -> Entry? {
        let i = try lowerBound(key)
        guard i < count, try compare(entryAt: i, with: key, prefix: KeyPrefix(key)) == 0 else { return nil }
        return try entry(i)
    }
}

/// Byte-wise ordering of keys (the order of segments and of ``StoreKey``).
enum KeyBytes {
    @inline(__always)
    static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let n = min(a.count, b.count)
        if n > 0, let pa = a.baseAddress, let pb = b.baseAddress {
            let c = memcmp(pa, pb, n)
            if c != 0 { return Int(c) }
        }
        return a.count - b.count
    }

    /// Whether `key` starts with `prefix`.
    @inline(__always)
    static func hasPrefix(_ key: UnsafeRawBufferPointer, _ prefix: UnsafeRawBufferPointer) -> Bool {
        guard key.count >= prefix.count else { return false }
        guard prefix.count > 0, let pk = key.baseAddress, let pp = prefix.baseAddress else { return true }
        return memcmp(pk, pp, prefix.count) == 0
    }
}

/// The first 16 bytes of a key, zero-padded, as two big-endian numbers: comparing them orders
/// keys as their bytes do (keys hold no zero byte), as far as 16 bytes decide.
struct KeyPrefix: Equatable, Comparable {
    var high: UInt64
    var low: UInt64

    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    init(_ key: UnsafeRawBufferPointer) {
        var bytes = (UInt64(0), UInt64(0))
        withUnsafeMutableBytes(of: &bytes) { raw in
            raw.copyMemory(from: UnsafeRawBufferPointer(rebasing: key.prefix(Segment.prefixSize)))
        }
        high = UInt64(bigEndian: bytes.0)
        low = UInt64(bigEndian: bytes.1)
    }

    static func < (a: KeyPrefix, b: KeyPrefix) -> Bool {
        a.high != b.high ? a.high < b.high : a.low < b.low
    }
}
