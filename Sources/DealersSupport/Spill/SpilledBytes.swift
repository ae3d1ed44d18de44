import Foundation

/// An append-only run of bytes whose memory stays flat however long it grows: the first
/// `memoryBytes` are kept in memory, the rest go to a temporary file (removed from its folder as
/// soon as it is open, so nothing is left behind by a crash) and come back by offset through a
/// small cache of blocks.
///
/// Made for tables that grow with an input and are then read in roughly the order they were
/// written, such as a workbook's shared strings: a sheet refers to the strings of its early rows
/// (the header, the common values) again and again, which stay in memory, and to each later
/// string about where the reading has got to, which the cache holds.
package final class SpilledBytes {
    /// The bytes held in memory from the start, whatever the length.
    package let memoryBytes: Int
    private let blockSize: Int
    private let prefix: String
    /// Bytes `0 ..< min(count, memoryBytes)`.
    private var head: [UInt8] = []
    /// Bytes appended after the head and not yet in the file.
    private var pending: [UInt8] = []
    private var file: OpenFile?
    /// Bytes in the file; the file's offset 0 is byte `memoryBytes`.
    private var written = 0
    /// The number of bytes appended.
    package private(set) var count = 0

    private var cache: [Block]
    private var tick: UInt64 = 0
    private var scratch: [UInt8] = []

    private struct Block {
        var number = -1
        var bytes: [UInt8] = []
        var used: UInt64 = 0
    }

    /// - Parameters:
    ///   - memoryBytes: how many of the first bytes stay in memory.
    ///   - blockSize: the bytes written and read back at a time.
    ///   - cacheBlocks: how many blocks read back are kept (least recently used goes first).
    ///   - prefix: names the temporary file, for a person who finds it while it is open.
    package init(memoryBytes: Int, blockSize: Int = 64 << 10, cacheBlocks: Int = 8, prefix: String) {
        self.memoryBytes = max(0, memoryBytes)
        self.blockSize = max(1, blockSize)
        self.prefix = prefix
        cache = Array(repeating: Block(), count: max(1, cacheBlocks))
    }

    /// Whether some bytes went to the temporary file.
    package var hasSpilled: Bool { count > memoryBytes }

    /// Appends bytes.
    /// - Throws: ``DealersError`` `.cannotCreate` or `.io` when the temporary file cannot be
    ///   made or written.
    package func append(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        var rest = bytes[...]
        if head.count < memoryBytes {
            let taken = min(memoryBytes - head.count, rest.count)
            head.append(contentsOf: rest.prefix(taken))
            rest = rest.dropFirst(taken)
        }
        count += bytes.count
        guard !rest.isEmpty else { return }
        pending.append(contentsOf: rest)
        if pending.count >= blockSize { try flush() }
    }

    /// Appends the bytes of a value as they are in memory (e.g. a little-endian integer).
    package func append<T: FixedWidthInteger>(littleEndian value: T) throws {
        try withUnsafeBytes(of: value.littleEndian) { try append($0.bindMemory(to: UInt8.self)) }
    }

    /// Calls `body` with the bytes of `range` (valid during the call only).
    /// - Precondition: `range` lies within ``count``.
    /// - Throws: ``DealersError`` `.io` when the temporary file cannot be read; what `body` throws.
    package func withBytes<R>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) throws -> R {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "a range beyond the bytes appended")
        if range.upperBound <= head.count {
            return try head.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
        }
        if !pending.isEmpty { try flush() }
        let first = range.lowerBound - memoryBytes
        if first >= 0, first / blockSize == (range.upperBound - memoryBytes - 1) / blockSize {
            let slot = try block(first / blockSize)
            let start = first % blockSize
            return try cache[slot].bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<(start + range.count)])) }
        }
        // Across the head's end or a block's: gathered into a scratch buffer.
        scratch.removeAll(keepingCapacity: true)
        var position = range.lowerBound
        if position < head.count {
            scratch.append(contentsOf: head[position..<head.count])
            position = head.count
        }
        while position < range.upperBound {
            let offset = position - memoryBytes
            let slot = try block(offset / blockSize)
            let start = offset % blockSize
            let taken = min(range.upperBound - position, cache[slot].bytes.count - start)
            scratch.append(contentsOf: cache[slot].bytes[start..<(start + taken)])
            position += taken
        }
        return try scratch.withUnsafeBufferPointer(body)
    }

    /// Reads a little-endian integer appended at `offset`.
    package func integer<T: FixedWidthInteger>(_: T.Type, at offset: Int) throws -> T {
        try withBytes(offset..<(offset + MemoryLayout<T>.size)) { bytes in
            var value = T.zero
            withUnsafeMutableBytes(of: &value) { $0.copyBytes(from: bytes) }
            return T(littleEndian: value)
        }
    }

    /// The cache slot holding block `number`, read from the file when it is not cached.
    private func block(_ number: Int) throws -> Int {
        tick &+= 1
        if let slot = cache.firstIndex(where: { $0.number == number }) {
            cache[slot].used = tick
            return slot
        }
        var slot = 0
        for i in cache.indices where cache[i].used < cache[slot].used { slot = i }
        guard let file else { throw DealersError(.io, path: prefix, "a spilled block was read before it was written") }
        let start = number * blockSize
        let length = min(blockSize, written - start)
        cache[slot].number = -1
        cache[slot].bytes.removeAll(keepingCapacity: true)
        cache[slot].bytes.append(contentsOf: repeatElement(0, count: length))
        let got = try cache[slot].bytes.withUnsafeMutableBytes { try file.read(into: $0, at: start) }
        guard got == length else {
            throw DealersError(.io, path: file.path, "a temporary file ended early: \(got) of \(length) bytes at \(start)")
        }
        cache[slot].number = number
        cache[slot].used = tick
        return slot
    }

    /// Writes the pending bytes to the temporary file, making it on the first call.
    private func flush() throws {
        let file = try self.file ?? openFile()
        // A cached block that ended at the file's end is about to grow: read it again when asked.
        for i in cache.indices where cache[i].number >= written / blockSize {
            cache[i].number = -1
            cache[i].used = 0
        }
        try pending.withUnsafeBytes { try file.write($0, at: written) }
        written += pending.count
        pending.removeAll(keepingCapacity: true)
    }

    private func openFile() throws -> OpenFile {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).bin")
        let opened = try OpenFile(url.path, .readWriteNew, failure: .cannotCreate)
        _ = try? FileSystem.remove(url.path)   // the open descriptor keeps it; nothing stays behind
        file = opened
        return opened
    }
}
