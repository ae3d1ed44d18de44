import DealersDomain
import DealersModel
import DealersStore
import DealersSupport

/// What a dry run (`dealers validate`) changed, kept as compact facts instead of documents in
/// the store transaction: the users that leave ``StoreDomainState``'s cache are appended, as
/// ``UserFactsCodec`` records, to an append-only arena and found again by a table of fixed-width
/// slots (the document's hash and the record's offset in one word); a user it does not hold is read
/// from the committed store, as before. Nothing is JSON-encoded, spooled, indexed by key bytes or
/// spilled to sorted runs of lines, which cost a dry run's applying thread about a third of its
/// time (docs/performance.md).
///
/// Memory is bounded by design, whatever the file's length:
/// - the arena keeps its first ``Limits/arenaMemory`` bytes in memory and the rest in a
///   temporary file (``SpilledBytes``), read back a block at a time;
/// - the table has a fixed number of slots (``Limits/tableSlots``, 8 bytes each: the upper half
///   a 32-bit hash of the document, the lower half the record's offset in units of 8 bytes, plus
///   one); at a load of 0.7 it is *sealed*: its slots, sorted in place (by hash, since the hash is
///   the upper half), go to a second temporary file, with a Bloom filter over the hashes (10 bits
///   a user) and the hash of every 256th slot kept in memory, and the table starts empty.
///
/// A look-up asks the table, then the sealed tables newest first (their filters first), and
/// compares the document a record holds before answering, so documents with the same hash (a
/// few thousand pairs among 4 M users) are told apart. The latest record of a user wins: a save
/// appends and points the table at it.
package final class FactOverlay {
    /// The sizes that bound the overlay's memory.
    package struct Limits: Sendable, Equatable {
        /// Slots of the table (rounded up to a power of two): 8 bytes each.
        package var tableSlots: Int
        /// The arena's bytes kept in memory before the rest goes to a temporary file.
        package var arenaMemory: Int

        /// 2^18 slots (2 MiB, sealed at 183,500 users, as a transaction spills) and 256 KiB of arena.
        package static let standard = Limits(tableSlots: 1 << 18, arenaMemory: 256 << 10)

        /// Creates limits.
        package init(tableSlots: Int, arenaMemory: Int) {
            self.tableSlots = tableSlots
            self.arenaMemory = arenaMemory
        }
    }

    /// One sealed table: its slots in ``FactOverlay/sealed``.
    private struct SealedTable {
        /// Where its first slot is in the sealed slots' file.
        let start: Int
        let count: Int
        let filter: BloomFilter
        /// The hash of every ``FactOverlay/blockSize``th slot.
        let firstHashes: [UInt32]
    }

    /// The records, back to back, each after its length (8 bytes) and padded to 8 bytes.
    private let arena: SpilledBytes
    /// The sealed tables' slots, 8 bytes each.
    private let sealed: SpilledBytes
    /// `0`: an empty slot; else the document's hash (upper 32 bits) and its latest record's
    /// offset in units of 8 bytes, plus one (lower 32 bits): see ``slot(_:_:)``.
    private var slots: [UInt64]
    private let mask: Int
    /// Users in the table.
    private var count = 0
    /// Users the table takes before it is sealed.
    private let sealAt: Int
    private var tables: [SealedTable] = []
    private var writer = SpillWriter()
    /// Slots per block of a sealed table whose first hash stays in memory.
    private static let blockSize = 256
    private static let slotSize = 8
    /// Zeros that pad a record to a multiple of 8 bytes.
    private static let padding = [UInt8](repeating: 0, count: 8)

    /// An empty overlay.
    package init(limits: Limits = .standard) {
        var slots = 2
        while slots < limits.tableSlots { slots <<= 1 }
        self.slots = [UInt64](repeating: 0, count: slots)
        mask = slots - 1
        sealAt = max(1, slots * 7 / 10)
        arena = SpilledBytes(memoryBytes: limits.arenaMemory, cacheBlocks: 4, prefix: "dealers-dry-run-facts")
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
        guard offset / 8 < Int(UInt32.max) else {
            throw DealersError(.io, path: "dealers-dry-run-facts", "a dry run kept more than 32 GiB of users' facts")
        }
        try arena.append(littleEndian: Int64(writer.bytes.count))
        try writer.bytes.withUnsafeBufferPointer { try arena.append($0) }
        let pad = (8 - writer.bytes.count % 8) % 8
        try Self.padding.withUnsafeBufferPointer { try arena.append(UnsafeBufferPointer(rebasing: $0[0..<pad])) }
        let hash = Self.hash(user.document)
        let value = Self.slot(hash, offset)
        var i = Int(truncatingIfNeeded: hash) & mask
        while slots[i] != 0 {
            if Self.hash(of: slots[i]) == hash, try isRecord(at: Self.offset(of: slots[i]), of: user.document) {
                slots[i] = value
                return
            }
            i = (i + 1) & mask
        }
        slots[i] = value
        count += 1
        if count >= sealAt { try seal() }
    }

    /// The latest facts kept for `document`; `nil` when the overlay holds none (the committed
    /// store has the user, or nobody does).
    /// - Throws: ``DealersError`` `.io` when a temporary file cannot be read or a record does not decode.
    package func user(_ document: String) throws -> User? {
        let hash = Self.hash(document)
        var i = Int(truncatingIfNeeded: hash) & mask
        while slots[i] != 0 {
            let offset = Self.offset(of: slots[i])
            if Self.hash(of: slots[i]) == hash, try isRecord(at: offset, of: document) { return try record(at: offset) }
            i = (i + 1) & mask
        }
        guard !tables.isEmpty else { return nil }
        let probe = withUnsafeBytes(of: hash) { BloomFilter.Probe($0) }
        for table in tables.reversed() where table.filter.mayContain(probe) {
            if let offset = try find(hash, document, in: table) { return try record(at: offset) }
        }
        return nil
    }

    /// The offset of `document`'s record in a sealed table, if it is there.
    private func find(_ hash: UInt32, _ document: String, in table: SealedTable) throws -> Int? {
        // The first block whose first hash is not below `hash`.
        var low = 0, high = table.firstHashes.count
        while low < high {
            let mid = (low + high) >> 1
            if table.firstHashes[mid] < hash { low = mid + 1 } else { high = mid }
        }
        // The slots of `hash` begin in the block before it (or at its start): the first slot there not below `hash`.
        let first = max(0, low - 1) * Self.blockSize
        var lo = first, hi = min(first + Self.blockSize, table.count)
        while lo < hi {
            let mid = (lo + hi) >> 1
            if try slotHash(at: mid, of: table) < hash { lo = mid + 1 } else { hi = mid }
        }
        // Documents may share a hash: every slot of it, until one is `document`'s.
        for position in lo..<table.count {
            let slot = try sealed.integer(UInt64.self, at: table.start + position * Self.slotSize)
            guard Self.hash(of: slot) == hash else { return nil }
            if try isRecord(at: Self.offset(of: slot), of: document) { return Self.offset(of: slot) }
        }
        return nil
    }

    /// The hash of a sealed table's slot.
    private func slotHash(at position: Int, of table: SealedTable) throws -> UInt32 {
        Self.hash(of: try sealed.integer(UInt64.self, at: table.start + position * Self.slotSize))
    }

    /// Writes the table's slots, sorted (by hash, then offset) in place, to the sealed slots'
    /// file, with their filter, and empties the table.
    private func seal() throws {
        var used = 0
        for i in slots.indices where slots[i] != 0 {
            slots[used] = slots[i]
            used += 1
        }
        var filter = BloomFilter(capacity: used)
        var firstHashes: [UInt32] = []
        firstHashes.reserveCapacity((used + Self.blockSize - 1) / Self.blockSize)
        let start = sealed.count
        try slots.withUnsafeMutableBufferPointer { slots in
            var taken = UnsafeMutableBufferPointer(rebasing: slots[0..<used])
            taken.sort()
            for (i, slot) in taken.enumerated() {
                let hash = Self.hash(of: slot)
                if i % Self.blockSize == 0 { firstHashes.append(hash) }
                withUnsafeBytes(of: hash) { filter.insert($0) }
            }
            // As they are in memory: little endian, as ``SpilledBytes/integer(_:at:)`` reads them back.
            try UnsafeRawBufferPointer(taken).withMemoryRebound(to: UInt8.self) { try sealed.append($0) }
        }
        tables.append(SealedTable(start: start, count: used, filter: filter, firstHashes: firstHashes))
        for i in slots.indices { slots[i] = 0 }
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

    /// The document's FNV-1a (the transaction index's hash), its halves folded into 32 bits.
    package static func hash(_ document: String) -> UInt32 {
        var document = document
        let hash = document.withUTF8 { SpoolIndex.hash(UnsafeRawBufferPointer($0)) }
        return UInt32(truncatingIfNeeded: hash ^ hash >> 32)
    }

    /// A slot: the hash above the offset (in units of 8 bytes) plus one, never 0.
    private static func slot(_ hash: UInt32, _ offset: Int) -> UInt64 {
        UInt64(hash) << 32 | UInt64(offset / 8 + 1)
    }

    private static func hash(of slot: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: slot >> 32) }

    private static func offset(of slot: UInt64) -> Int { Int(truncatingIfNeeded: slot & 0xFFFF_FFFF) * 8 - 8 }
}
