/// A transaction's index: for each key it changed, where the latest line for it is in the spool.
///
/// Built for transactions of millions of keys in little memory: key bytes are packed into chunks
/// of 1 MiB, entries are fixed-size values in one array, and an open-addressing table finds a key
/// (FNV-1a, linear probing). Each slot holds the entry's number and the upper half of its key's
/// hash, so a probe touches an entry and its key bytes only when the hashes agree: at 183,500
/// keys (a transaction's spill) the three arrays are far larger than the caches, and each touch
/// is a miss. About 50–60 bytes per key, against ~130 for a `Dictionary` of `String` keys.
package struct SpoolIndex {
    /// Where a key's latest line is, and what it does: 16 bytes (the spool offset, 46 bits, shares
    /// a word with the state and the key's length).
    struct Entry {
        /// The spool offset (bits 18–63), the state (bits 16–17) and the key's length (bits 0–15).
        private var packed: UInt64
        var lineLength: UInt32
        let keyOffset: UInt32

        enum State: UInt8 { case written, deleted, discarded }

        /// The largest spool offset an entry holds (64 TiB).
        static let maxSpoolOffset = (1 << 46) - 1

        init(spoolOffset: Int, lineLength: UInt32, keyOffset: UInt32, keyLength: UInt16, state: State) {
            packed = UInt64(spoolOffset) << 18 | UInt64(state.rawValue) << 16 | UInt64(keyLength)
            self.lineLength = lineLength
            self.keyOffset = keyOffset
        }

        var spoolOffset: Int {
            get { Int(packed >> 18) }
            set { packed = UInt64(newValue) << 18 | packed & 0x3_FFFF }
        }
        var keyLength: UInt16 { UInt16(truncatingIfNeeded: packed) }
        var state: State {
            get { State(rawValue: UInt8(truncatingIfNeeded: packed >> 16) & 3) ?? .discarded }
            set { packed = packed & ~(3 << 16) | UInt64(newValue.rawValue) << 16 }
        }

        /// The line in the spool, as a segment entry.
        var line: Segment.Entry {
            Segment.Entry(offset: spoolOffset, length: Int(lineLength), keyLength: Int(keyLength), isDeletion: state == .deleted)
        }
    }

    /// The most keys a table of `slots` slots holds before it doubles (a load of 0.7).
    static func keysBefore(growing slots: Int) -> Int { slots * 7 / 10 }

    /// Key bytes, in chunks of ``chunkSize`` that a key never straddles. A full chunk is never
    /// copied again: one arena grown by doubling held its old and new copies at once, 12 MiB at
    /// the moment of a spill (its 4 MiB of keys doubling to 8).
    private var chunks: [[UInt8]] = []
    /// Bits of an entry's `keyOffset` that place a key in its chunk; the bits above number the chunk.
    private static let chunkBits = 20
    private static let chunkSize = 1 << chunkBits
    private(set) var entries: [Entry] = []
    /// `0`: empty; else the upper 32 bits of the key's hash, then the entry's number plus one.
    private var slots: [UInt64]
    /// Keys with a change that was not discarded.
    private(set) var count = 0

    /// An empty index with the table it will grow to for `keys` keys from the start: the index
    /// after a spill, which fills up again, skips the eight doublings (and rehashings of every
    /// key) from 1,024 slots.
    init(expecting keys: Int = 0) {
        var size = 1024
        while Self.keysBefore(growing: size) < keys { size *= 2 }
        slots = Array(repeating: 0, count: size)
        if keys > 0 { entries.reserveCapacity(Self.keysBefore(growing: size) + 1) }
    }

    /// Forgets every key, keeping the table, the room for entries and the first chunk of key
    /// bytes for the keys to come (an index emptied by a spill fills up again).
    mutating func removeAll() {
        for i in slots.indices { slots[i] = 0 }
        entries.removeAll(keepingCapacity: true)
        if chunks.count > 1 { chunks.removeLast(chunks.count - 1) }
        if !chunks.isEmpty { chunks[0].removeAll(keepingCapacity: true) }
        count = 0
    }

    /// Records that `key`'s latest line is `line` (a write or a deletion).
    mutating func set(_ key: StoreKey, line: Segment.Entry) throws {
        guard line.length <= Int(UInt32.max), line.offset <= Entry.maxSpoolOffset, line.keyLength <= Int(UInt16.max),
              chunks.count < 1 << (32 - Self.chunkBits) || chunks[chunks.count - 1].count + line.keyLength <= Self.chunkSize else {
            throw DealersError(.data, "a transaction larger than 4 GiB of keys or 64 TiB of lines, or a document over 4 GiB, cannot be stored")
        }
        let state: Entry.State = line.isDeletion ? .deleted : .written
        let found = key.withBytes { find($0) }
        if let slot = found.entry {
            if entries[slot].state == .discarded { count += 1 }
            entries[slot].spoolOffset = line.offset
            entries[slot].lineLength = UInt32(line.length)
            entries[slot].state = state
            return
        }
        if chunks.isEmpty || chunks[chunks.count - 1].count + line.keyLength > Self.chunkSize {
            chunks.append([])
            chunks[chunks.count - 1].reserveCapacity(Self.chunkSize)
        }
        let last = chunks.count - 1
        let keyOffset = UInt32(last << Self.chunkBits | chunks[last].count)
        key.withBytes { chunks[last].append(contentsOf: $0) }
        entries.append(Entry(spoolOffset: line.offset, lineLength: UInt32(line.length), keyOffset: keyOffset,
                             keyLength: UInt16(line.keyLength), state: state))
        slots[found.slot] = found.tag << 32 | UInt64(entries.count)
        count += 1
        if entries.count > Self.keysBefore(growing: slots.count) { grow() }
    }

    /// The latest line of `key`, or `nil` when this transaction does not change it.
    func get(_ key: StoreKey) -> Entry? {
        guard let i = key.withBytes({ find($0).entry }), entries[i].state != .discarded else { return nil }
        return entries[i]
    }

    /// Forgets the change to `key`.
    mutating func discard(_ key: StoreKey) {
        guard let i = key.withBytes({ find($0).entry }), entries[i].state != .discarded else { return }
        entries[i].state = .discarded
        count -= 1
    }

    /// The key bytes of an entry.
    @inline(__always)
    func withKey<T>(_ entry: Entry, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        let start = Int(entry.keyOffset) & (Self.chunkSize - 1)
        return try chunks[Int(entry.keyOffset) >> Self.chunkBits].withUnsafeBytes { chunk in
            try body(UnsafeRawBufferPointer(rebasing: chunk[start..<(start + Int(entry.keyLength))]))
        }
    }

    /// The key of an entry as a ``StoreKey``.
    func key(of entry: Entry) -> StoreKey {
        withKey(entry) { StoreKey(trusted: String(decoding: $0, as: UTF8.self)) }
    }

    /// The entries still changed, sorted by key: an order of entry numbers over the entries as
    /// they are (4 bytes a key, where a sorted copy of the entries took 16, grown by doubling,
    /// and its sort's buffer as much again: at a spill of 183,500 keys, 1.5 MB instead of about 6).
    func sorted() -> SortedEntries {
        var order: [UInt32] = []
        order.reserveCapacity(count)
        for (i, e) in entries.enumerated() where e.state != .discarded { order.append(UInt32(truncatingIfNeeded: i)) }
        entries.withUnsafeBufferPointer { entries in
            order.sort { a, b in
                withKey(entries[Int(a)]) { ka in withKey(entries[Int(b)]) { kb in KeyBytes.compare(ka, kb) < 0 } }
            }
        }
        return SortedEntries(entries: entries, order: order)
    }

    /// The live entries of an index in key order (see ``sorted()``).
    struct SortedEntries: RandomAccessCollection {
        fileprivate let entries: [Entry]
        fileprivate let order: [UInt32]

        var startIndex: Int { 0 }
        var endIndex: Int { order.count }
        subscript(position: Int) -> Entry { entries[Int(order[position])] }
    }

    /// The table slot of `key`: the entry there when present, else the empty slot to fill; and
    /// the tag its slot holds (the upper half of its hash).
    private func find(_ key: UnsafeRawBufferPointer) -> (slot: Int, entry: Int?, tag: UInt64) {
        let hash = Self.hash(key)
        let tag = hash >> 32
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let value = slots[slot]
            if value == 0 { return (slot, nil, tag) }
            if value >> 32 == tag {
                let i = Int(truncatingIfNeeded: value & 0xFFFF_FFFF) - 1
                let e = entries[i]
                if Int(e.keyLength) == key.count, withKey(e, { KeyBytes.compare($0, key) == 0 }) {
                    return (slot, i, tag)
                }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Doubles the table, and makes room in ``entries`` for exactly the keys the new table holds
    /// before it doubles again: grown by doubling, the entries of a spill at 183,500 keys took
    /// 4 MiB (room for 262,144) instead of 2.9.
    private mutating func grow() {
        entries.reserveCapacity(Self.keysBefore(growing: slots.count * 2) + 1)
        var bigger = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        for (i, e) in entries.enumerated() {
            let hash = withKey(e) { Self.hash($0) }
            var slot = Int(truncatingIfNeeded: hash) & mask
            while bigger[slot] != 0 { slot = (slot + 1) & mask }
            bigger[slot] = (hash >> 32) << 32 | UInt64(i + 1)
        }
        slots = bigger
    }

    /// 64-bit FNV-1a (also the key hash of a dry run's fact overlay).
    @inline(__always)
    package static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return h
    }
}
