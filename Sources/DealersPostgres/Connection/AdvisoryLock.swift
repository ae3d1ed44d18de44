/// The advisory locks `dealers` takes, as the two-integer form `(space, id)`: `space` keeps them
/// apart from any other application's locks in the same database.
enum AdvisoryLock {
    /// "DEAL" in ASCII: every lock of `dealers`, first half.
    static let space: Int32 = 0x4445_414C
    /// Held while the schema is upgraded.
    static let migrations: Int32 = 0
    /// Held by the one writing transaction at a time (transaction-level lock).
    static let writer: Int32 = 1
    /// Claims of inputs use ids from this space (second half: from the checksum).
    static let claimSpace: Int32 = 0x4445_4143
    /// Nightly runs use ids from this space (second half: from the date).
    static let nightlySpace: Int32 = 0x4445_414E

    /// A 31-bit id from a hex checksum's first 8 digits (collisions only make two files wait for
    /// each other).
    static func id(hex: String) -> Int32 {
        Int32(truncatingIfNeeded: (UInt32(hex.prefix(8), radix: 16) ?? 0) & 0x7FFF_FFFF)
    }

    /// A 31-bit id from any text (FNV-1a).
    static func id(text: String) -> Int32 {
        var hash: UInt32 = 2_166_136_261
        for byte in text.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return Int32(truncatingIfNeeded: hash & 0x7FFF_FFFF)
    }
}
