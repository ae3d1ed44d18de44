/// A set of ASCII bytes as a 128-bit mask, for membership tests without hashing.
@usableFromInline
package struct ASCIISet: Sendable {
    /// Bytes 0–63, bit per byte (readable from other targets so that ``contains(_:)`` inlines there).
    @usableFromInline package private(set) var low: UInt64 = 0
    /// Bytes 64–127, bit per byte.
    @usableFromInline package private(set) var high: UInt64 = 0

    /// The ASCII characters of `characters` (others are left out).
    package init(_ characters: some Sequence<Character>) {
        for c in characters { if let a = c.asciiValue { insert(a) } }
    }

    /// Adds a byte below 0x80.
    package mutating func insert(_ byte: UInt8) {
        if byte < 64 { low |= 1 << UInt64(byte) } else if byte < 128 { high |= 1 << UInt64(byte - 64) }
    }

    /// Whether the set holds `byte`.
    @inlinable @inline(__always)
    package func contains(_ byte: UInt8) -> Bool {
        byte < 64 ? low & (1 << UInt64(byte)) != 0 : byte < 128 && high & (1 << UInt64(byte &- 64)) != 0
    }
}
