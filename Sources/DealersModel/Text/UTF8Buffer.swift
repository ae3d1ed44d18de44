/// UTF-8 text as one buffer of bytes, for the rules written once over bytes (the format checks,
/// numbers, dates, matching keys): a `String` caller passes `.utf8`, the delimited reader the
/// bytes of a cell, and the rule reads an `UnsafeBufferPointer<UInt8>` either way.
@usableFromInline
package enum UTF8Buffer {
    /// Calls `body` with the bytes of `utf8` in one buffer: in place when the collection is
    /// contiguous (a native `String`'s `utf8`, a buffer, an array), else copied once. Inlinable,
    /// so that each caller gets it specialised for its collection.
    @inlinable
    package static func with<R>(_ utf8: some Collection<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        return try Array(utf8).withUnsafeBufferPointer(body)
    }

    /// Calls `body` with UTF-8 text without white space at either end, as
    /// ``TextNormalization/trim(_:)`` trims it (Unicode white space, the non-breaking space
    /// included). ASCII text is trimmed in place; other text goes through `trim`.
    @inlinable
    package static func trimming<R>(_ utf8: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        guard let first = utf8.first, let last = utf8.last else { return try body(utf8) }
        if first < 0x80, last < 0x80, !ASCIIBytes.isWhitespace(first), !ASCIIBytes.isWhitespace(last) { return try body(utf8) }
        if ASCIIBytes.isASCII(utf8) { return try body(ASCIIBytes.trimmed(utf8)) }
        var text = TextNormalization.trim(String(decoding: utf8, as: UTF8.self))
        return try text.withUTF8(body)
    }
}
