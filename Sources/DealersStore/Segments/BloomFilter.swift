/// A Bloom filter over keys: "certainly not here" or "maybe here", in about 10 bits per key
/// (1 % false positives). A transaction keeps one per spilled run, so that looking up a key the
/// transaction never wrote (every new user of an import) touches none of the runs' pages.
struct BloomFilter {
    private var bits: [UInt64]
    private let hashes = 7

    /// Where a key's bits are, worked out once and asked of every run's filter: a transaction
    /// with dozens of runs hashes a looked-up key once, not once per run.
    struct Probe {
        fileprivate let h1: UInt64
        fileprivate let h2: UInt64

        /// The probe of a key: double hashing from a 64-bit FNV-1a and an odd multiple of it.
        init(_ key: UnsafeRawBufferPointer) {
            let h = SpoolIndex.hash(key)
            h1 = h
            h2 = ((h >> 29) | 1) &* 0x9E37_79B9_7F4A_7C15
        }
    }

    /// A filter sized for `capacity` keys.
    init(capacity: Int) {
        let words = max(1, (max(capacity, 1) * 10 + 63) / 64)
        bits = [UInt64](repeating: 0, count: words)
    }

    /// Adds a key.
    mutating func insert(_ key: UnsafeRawBufferPointer) {
        let probe = Probe(key)
        for i in 0..<hashes {
            let bit = self.bit(probe, i)
            bits[bit >> 6] |= 1 << UInt64(bit & 63)
        }
    }

    /// Whether the key of `probe` may have been added (`false`: it certainly was not).
    func mayContain(_ probe: Probe) -> Bool {
        for i in 0..<hashes {
            let bit = self.bit(probe, i)
            if bits[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { return false }
        }
        return true
    }

    /// The `i`th bit of a probe: a 64-bit value mapped onto the filter by a multiplication's
    /// high half (no division, which cost more than the rest of a look-up).
    @inline(__always)
    private func bit(_ probe: Probe, _ i: Int) -> Int {
        let x = probe.h1 &+ UInt64(truncatingIfNeeded: i) &* probe.h2
        return Int(truncatingIfNeeded: x.multipliedFullWidth(by: UInt64(bits.count * 64)).high)
    }
}
