/// A Bloom filter over keys: "certainly not here" or "maybe here", in about 10 bits per key
/// (1 % false positives). A transaction keeps one per spilled run, so that looking up a key the
/// transaction never wrote (every new user of an import) touches none of the runs' pages.
struct BloomFilter {
    private var bits: [UInt64]
    private let hashes = 7

    /// A filter sized for `capacity` keys.
    init(capacity: Int) {
        let words = max(1, (max(capacity, 1) * 10 + 63) / 64)
        bits = [UInt64](repeating: 0, count: words)
    }

    /// Adds a key.
    mutating func insert(_ key: UnsafeRawBufferPointer) {
        let (h1, h2) = Self.hashPair(key)
        let size = UInt64(bits.count * 64)
        for i in 0..<UInt64(hashes) {
            let bit = (h1 &+ i &* h2) % size
            bits[Int(bit >> 6)] |= 1 << (bit & 63)
        }
    }

    /// Whether the key may have been added (`false`: it certainly was not).
    func mayContain(_ key: UnsafeRawBufferPointer) -> Bool {
        let (h1, h2) = Self.hashPair(key)
        let size = UInt64(bits.count * 64)
        for i in 0..<UInt64(hashes) {
            let bit = (h1 &+ i &* h2) % size
            if bits[Int(bit >> 6)] & (1 << (bit & 63)) == 0 { return false }
        }
        return true
    }

    /// Two hashes for double hashing: the two halves of a 64-bit FNV-1a, the second made odd.
    private static func hashPair(_ key: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
        let h = SpoolIndex.hash(key)
        return (h & 0xFFFF_FFFF, (h >> 32) | 1)
    }
}
