/// Byte-level versions of the text rules the validator applies, for cells that are pure ASCII
/// (nearly all of them): the same answers as the `String` code in ``TextNormalization`` and
/// `Character`, without Unicode tables. Callers check ``isASCII(_:)`` first and use the String
/// code for anything else.
@usableFromInline
package enum ASCIIBytes {
    /// Whether every byte is below 0x80.
    @inlinable
    package static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var high: UInt8 = 0
        for byte in bytes { high |= byte }
        return high < 0x80
    }

    /// Whether an ASCII byte is Unicode white space (tab, line feed, vertical tab, form feed,
    /// carriage return, space): what `Unicode.Scalar.Properties.isWhitespace` says for ASCII.
    @inlinable @inline(__always)
    package static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    /// Whether an ASCII byte is a digit.
    @inlinable @inline(__always)
    package static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// Whether an ASCII byte is a letter.
    @inlinable @inline(__always)
    package static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }

    /// Whether an ASCII byte is a letter or a digit.
    @inlinable @inline(__always)
    package static func isAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || isLetter(byte) }

    /// An ASCII letter in upper case; other bytes unchanged.
    @inlinable @inline(__always)
    package static func uppercased(_ byte: UInt8) -> UInt8 { byte &- 0x61 < 26 ? byte - 0x20 : byte }

    /// An ASCII letter in lower case; other bytes unchanged.
    @inlinable @inline(__always)
    package static func lowercased(_ byte: UInt8) -> UInt8 { byte &- 0x41 < 26 ? byte + 0x20 : byte }

    /// The bytes without white space at either end (``TextNormalization/trim(_:)``).
    @inlinable
    package static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var lower = bytes.startIndex, upper = bytes.endIndex
        while lower < upper, isWhitespace(bytes[lower]) { lower += 1 }
        while upper > lower, isWhitespace(bytes[upper - 1]) { upper -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[lower..<upper])
    }

    /// The number of `Character`s of ASCII text: one per byte, except that CR LF is one.
    package static func characterCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = bytes.count
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == 0x0A, previous == 0x0D { count -= 1 }
            previous = byte
        }
        return count
    }

    /// The bytes as a `String` (ASCII is valid UTF-8).
    package static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Calls `body` with the ASCII bytes of a string, or returns `nil` when it has others.
    package static func withASCII<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        var text = text
        return text.withUTF8 { isASCII($0) ? body($0) : nil }
    }
}
