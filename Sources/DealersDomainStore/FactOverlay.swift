import DealersDomain
import DealersModel
import DealersStore
import DealersSupport

/// What a dry run (`dealers validate`) changed, kept as compact facts instead of documents in
/// the store transaction: the users that leave ``StoreDomainState``'s cache are appended, as
/// ``UserFactsCodec`` records, to an append-only arena and found again by a table of fixed-width
/// slots (the document's 64-bit hash and the record's offset); a user it does not hold is read
/// from the committed store, as before. Nothing is JSON-encoded, spooled, indexed by key bytes or
/// spilled to sorted runs of lines, which cost a dry run's applying thread about a third of its
/// time (docs/performance.md).
///
/// Memory is bounded by design, whatever the file's length:
/// - the arena keeps its first ``Limits/arenaMemory`` bytes in memory and the rest in a
///   temporary file (``SpilledBytes``), read back a block at a time;
/// - the table has a fixed number of slots (``Limits/tableSlots``, 16 bytes each); at a load of
///   0.7 it is *sealed*: its (hash, offset) pairs, sorted by hash, go to a second temporary file,
///   with a Bloom filter over the hashes (10 bits a user) and the first hash of every block of
///   256 pairs kept in memory, and the table starts empty.
///
/// A look-up asks the table, then the sealed tables newest first (their filters first), and
/// compares the document a record holds before answering, so two documents with the same hash
/// are told apart. The latest record of a user wins: a save appends and points the table at it.
package final class FactOverlay {
    /// The sizes that bound the overlay's memory.
    package struct Limits: Sendable, Equatable {
        /// Slots of the table (rounded up to a power of two): 16 bytes each.
        package var tableSlots: Int
        /// The arena's bytes kept in memory before the rest goes to a temporary file.
        package var arenaMemory: Int

        /// 2^18 slots (4 MiB, sealed at 183,500 users, as a transaction spills) and 1 MiB of arena.
        package static let standard = Limits(tableSlots: 1 << 18, arenaMemory: 1 << 20)

        /// Creates limits.
        package init(tableSlots: Int, arenaMemory: Int) {
            self.tableSlots = tableSlots
            self.arenaMemory = arenaMemory
        }
    }

    /// One sealed table: its pairs in ``FactOverlay/sealed``.
    private struct SealedTable {
        /// Where its first pair is in the sealed pairs' file.
        let start: Int
        let count: Int
        let filter: BloomFilter
        /// The hash of every ``FactOverlay/blockSize``th pair.
        let firstHashes: [UInt64]
    }

    /// The records, back to back, each after its length (8 bytes).
    private let arena: SpilledBytes
    /// The sealed tables' (hash, offset) pairs, 16 bytes each.
    private let sealed: SpilledBytes
    /// `0`: an empty slot; else the document's hash (never 0, see ``hash(_:)``).
    private var hashes: [UInt64]
    /// The arena offset of the latest record of the slot's user.
    private var offsets: [Int]
    private let mask: Int
    /// Users in the table.
    private var count = 0
    /// Users the table takes before it is sealed.
    private let sealAt: Int
    private var tables: [SealedTable] = []
    private var writer = SpillWriter()
    /// Pairs per block of a sealed table whose first hash stays in memory.
    private static let blockSize = 256
    private static let pairSize = 16

    /// An empty overlay.
    package init(limits: Limits = .standard) {
        var slots = 2
        while slots < limits.tableSlots { slots <<= 1 }
        hashes = [UInt64](repeating: 0, count: slots)
        offsets = [Int](repeating: 0, count: slots)
        mask = slots - 1
        sealAt = max(1, slots * 7 / 10)
        arena = SpilledBytes(memoryBytes: limits.arenaMemory, prefix: "dealers-dry-run-facts")
        sealed = SpilledBytes(memoryBytes: 0, blockSize: 16 << 10, cacheBlocks: 4, prefix: "dealers-dry-run-fact-tables")
    }

    /// How many tables were sealed: for tests and measurements.
    package var sealedTables: Int { tables.count }

    /// Keeps `user`'s facts (``UserFactsCodec``) as the latest for their document.
    /// - Throws: ``DealersError`` `.cannotCreate` or `.io` when a temporary file cannot be made, written or read.
    package func save(_ user: User) throws {
        writer.reset()
        UserFactsCodec.encode(user, into: &writer)
        let offset = arena.count
        try arena.append(littleEndian: Int64(writer.bytes.count))
        try writer.bytes.withUnsafeBufferPointer { try arena.append($0) }
        let hash = Self.hash(user.document)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while hashes[slot] != 0 {
            if hashes[slot] == hash, try isRecord(at: offsets[slot], of: user.document) {
                offsets[slot] = offset
                return
            }
            slot = (slot + 1) & mask
        }
        hashes[slot] = hash
        offsets[slot] = offset
        count += 1
        if count >= sealAt { try seal() }
    }

    /// The latest facts kept for `document`; `nil` when the overlay holds none (the committed
    /// store has the user, or nobody does).
    /// - Throws: ``DealersError`` `.io` when a temporary file cannot be read or a record does not decode.
    package func user(_ document: String) throws -> User? {
        let hash = Self.hash(document)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while hashes[slot] != 0 {
            if hashes[slot] == hash, try isRecord(at: offsets[slot], of: document) { return try record(at: offsets[slot]) }
            slot = (slot + 1) & mask
        }
        guard !tables.isEmpty else { return nil }
        let probe = withUnsafeBytes(of: hash) { BloomFilter.Probe($0) }
        for table in tables.reversed() where table.filter.mayContain(probe) {
            if let offset = try find(hash, document, in: table) { return try record(at: offset) }
        }
        return nil
    }

    /// The offset of `document`'s record in a sealed table, if it is there.
    private func find(_ hash: UInt64, _ document: String, in table: SealedTable) throws -> Int? {
        // The last block whose first hash is not above `hash`, then the first pair in it not below.
        var low = 0, high = table.firstHashes.count
        while low < high {
            let mid = (low + high) >> 1
            if table.firstHashes[mid] < hash { low = mid + 1 } else { high = mid }
        }
        // Pairs of an equal hash may begin in the block before the first block starting with it.
        let first = max(0, low - 1) * Self.blockSize
        var lo = first, hi = min(first + Self.blockSize, table.count)
        while lo < hi {
            let mid = (lo + hi) >> 1
            if try pairHash(at: mid, of: table) < hash { lo = mid + 1 } else { hi = mid }
        }
        // Two documents may share a hash: every pair of it, until one is `document`'s.
        for position in lo..<table.count {
            guard try pairHash(at: position, of: table) == hash else { return nil }
            let offset = Int(try sealed.integer(Int64.self, at: table.start + position * Self.pairSize + 8))
            if try isRecord(at: offset, of: document) { return offset }
        }
        return nil
    }

    /// The hash of a sealed table's pair.
    private func pairHash(at position: Int, of table: SealedTable) throws -> UInt64 {
        try sealed.integer(UInt64.self, at: table.start + position * Self.pairSize)
    }

    /// Writes the table's pairs, sorted by hash, to the sealed pairs' file, with their filter,
    /// and empties the table.
    private func seal() throws {
        var pairs: [(hash: UInt64, offset: Int)] = []
        pairs.reserveCapacity(count)
        for slot in hashes.indices where hashes[slot] != 0 { pairs.append((hashes[slot], offsets[slot])) }
        pairs.sort { $0.hash < $1.hash }
        var filter = BloomFilter(capacity: pairs.count)
        var firstHashes: [UInt64] = []
        firstHashes.reserveCapacity((pairs.count + Self.blockSize - 1) / Self.blockSize)
        let start = sealed.count
        for (i, pair) in pairs.enumerated() {
            if i % Self.blockSize == 0 { firstHashes.append(pair.hash) }
            withUnsafeBytes(of: pair.hash) { filter.insert($0) }
            try sealed.append(littleEndian: pair.hash)
            try sealed.append(littleEndian: Int64(pair.offset))
        }
        tables.append(SealedTable(start: start, count: pairs.count, filter: filter, firstHashes: firstHashes))
        for i in hashes.indices { hashes[i] = 0 }
        count = 0
    }

    /// Whether the record at `offset` is `document`'s.
    private func isRecord(at offset: Int, of document: String) throws -> Bool {
        let length = Int(try arena.integer(Int64.self, at: offset))
        return try arena.withBytes((offset + 8)..<(offset + 8 + length)) {
            UserFactsCodec.isRecord(UnsafeRawBufferPointer($0), of: document)
        }
    }

    /// The user of the record at `offset`.
    private func record(at offset: Int) throws -> User {
        let length = Int(try arena.integer(Int64.self, at: offset))
        return try arena.withBytes((offset + 8)..<(offset + 8 + length)) {
            try UserFactsCodec.decode(UnsafeRawBufferPointer($0), path: "dealers-dry-run-facts")
        }
    }

    /// The document's FNV-1a (the transaction index's hash), never 0: 0 marks an empty slot.
    private static func hash(_ document: String) -> UInt64 {
        var document = document
        let hash = document.withUTF8 { SpoolIndex.hash(UnsafeRawBufferPointer($0)) }
        return hash == 0 ? 1 : hash
    }
}
