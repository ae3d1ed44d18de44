/// A Bloom filter over keys: "certainly not here" or "maybe here", in about 10 bits per key
/// (about 1 % false positives). A transaction keeps one per spilled run, so that looking up a
/// key the transaction never wrote (every new user of an import) touches none of the runs' pages.
///
/// The filter is *blocked*: a key's 7 bits all fall in one block of 512 bits, one cache line,
/// chosen by its hash (Putze, Sanders and Singler, "Cache-, Hash- and Space-Efficient Bloom
/// Filters"). A look-up that asks every run's filter then costs one cache miss a run, where bits
/// spread over the whole filter cost about two before the first clear one (measured: the
/// filters were 6 % of `dealers run`'s applying thread on a 1 M-row file, with 15 runs).
/// A dry run's fact overlay keeps one per sealed table too (`FactOverlay` in DealersDomainStore).
package struct BloomFilter {
    /// The blocks, ``wordsPerBlock`` words each.
    private var words: [UInt64]
    private let blockCount: Int
    private static let hashes = 7
    private static let wordsPerBlock = 8
    /// Bits that place one of a key's bits in its block (512 bits).
    private static let bitsPerPosition = 9

    /// Where a key's bits are, worked out once and asked of every run's filter: a transaction
    /// with dozens of runs hashes a looked-up key once, not once per run.
    package struct Probe {
        /// Picks the block (its upper half, scaled to the filter's blocks).
        fileprivate let block: UInt64
        /// Seven 9-bit positions in the block, from bit 63 down.
        fileprivate let positions: UInt64

        /// The probe of a key: its 64-bit FNV-1a, mixed twice with MurmurHash3's finaliser so
        /// that the block and the positions come from well-spread bits.
        package init(_ key: UnsafeRawBufferPointer) {
            block = Self.mix(SpoolIndex.hash(key))
            positions = Self.mix(block ^ 0x9E37_79B9_7F4A_7C15)
        }

        @inline(__always)
        private static func mix(_ value: UInt64) -> UInt64 {
            var x = value
            x ^= x >> 33
            x &*= 0xFF51_AFD7_ED55_8CCD
            x ^= x >> 33
            x &*= 0xC4CE_B9FE_1A85_EC53
            x ^= x >> 33
            return x
        }
    }

    /// A filter sized for `capacity` keys (10 bits each, in whole blocks).
    package init(capacity: Int) {
        blockCount = max(1, (max(capacity, 1) * 10 + 511) / 512)
        words = [UInt64](repeating: 0, count: blockCount * Self.wordsPerBlock)
    }

    /// Adds a key.
    package mutating func insert(_ key: UnsafeRawBufferPointer) {
        let probe = Probe(key)
        let base = firstWord(probe)
        for i in 0..<Self.hashes {
            let position = Self.position(probe, i)
            words[base + position >> 6] |= 1 << UInt64(position & 63)
        }
    }

    /// Whether the key of `probe` may have been added (`false`: it certainly was not).
    package func mayContain(_ probe: Probe) -> Bool {
        let base = firstWord(probe)
        return words.withUnsafeBufferPointer { words in
            for i in 0..<Self.hashes {
                let position = Self.position(probe, i)
                if words[base + position >> 6] & (1 << UInt64(position & 63)) == 0 { return false }
            }
            return true
        }
    }

    /// The first word of a probe's block: the upper half of the hash scaled to the blocks by a
    /// multiplication (no division, which cost more than the rest of a look-up).
    @inline(__always)
    private func firstWord(_ probe: Probe) -> Int {
        Int(truncatingIfNeeded: ((probe.block >> 32) &* UInt64(blockCount)) >> 32) * Self.wordsPerBlock
    }

    /// The `i`th bit of a probe in its block (0–511).
    @inline(__always)
    private static func position(_ probe: Probe, _ i: Int) -> Int {
        Int(truncatingIfNeeded: probe.positions >> UInt64(64 - bitsPerPosition * (i + 1))) & 511
    }
}
