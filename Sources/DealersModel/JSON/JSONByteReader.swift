import Foundation

/// A small pull parser over the bytes of one JSON document: the caller asks for the value it
/// expects next (an object's keys, an array's elements, a string, an integer …) and the reader
/// checks the grammar as it goes. Whitespace (space, tab, line feed, carriage return) is allowed
/// between any two tokens, so compact, pretty-printed and hand-edited documents read alike.
///
/// It is strict: it accepts only RFC 8259 JSON in UTF-8 without a byte order mark, nests at most
/// ``maximumDepth`` levels inside a skipped value, and reads only integers that fit `Int` with
/// neither fraction nor exponent. Anything else is a ``Failure``, and the document codecs answer
/// a failure by handing the document to `JSONDecoder`, which decides.
///
/// The bytes must stay valid for as long as the reader is used.
package struct JSONByteReader {
    /// Why the reader stopped: what it expected and the byte offset where it was.
    package struct Failure: Error, CustomStringConvertible {
        /// What was expected (`a string`, `',' or '}'` …).
        package var expected: String
        /// The offset of the offending byte from the start of the document.
        package var offset: Int

        package var description: String { "expected \(expected) at byte \(offset)" }

        /// Creates a value from each stored property (the memberwise initialiser, for the package's other targets).
        package init(
            expected: String,
            offset: Int
        ) {
            self.expected = expected
            self.offset = offset
        }
    }

    /// The kind of value that starts at the current position.
    package enum ValueKind {
        case object, array, string, number, bool, null
    }

    /// A string token as it appears in the document, between its quotes: escapes not yet
    /// resolved. Cheap to compare with a known ASCII name.
    package struct RawString {
        /// The bytes between the quotes.
        package var bytes: UnsafeRawBufferPointer
        /// Whether the token contains a backslash escape.
        package var hasEscapes: Bool
        /// Whether the token contains a byte of 0x80 or above (and so needs UTF-8 validation).
        package var hasNonASCII: Bool

        /// Whether the token is exactly `name`, byte for byte (only meaningful for plain tokens).
        package func equals(_ name: StaticString) -> Bool {
            guard bytes.count == name.utf8CodeUnitCount, let base = bytes.baseAddress else { return false }
            return memcmp(base, name.utf8Start, bytes.count) == 0
        }
    }

    /// How deep a skipped value may nest before the reader gives up (JSONDecoder's own limit is
    /// 512 levels for the whole document).
    package static let maximumDepth = 256

    /// The document.
    package let bytes: UnsafeRawBufferPointer
    /// The offset of the next byte to read.
    package private(set) var offset = 0

    /// Creates a reader at the start of `bytes`.
    package init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    // MARK: Structure

    /// Consumes `{`.
    package mutating func beginObject() throws(Failure) {
        try expect(UInt8(ascii: "{"), "'{'")
    }

    /// Reads the next key of the current object and the `:` after it; `nil` after the closing `}`.
    /// - Parameter first: whether this is the first call for this object (no `,` before the key).
    package mutating func nextKey(first: Bool) throws(Failure) -> RawString? {
        skipWhitespace()
        if peekByte() == UInt8(ascii: "}") {
            offset += 1
            return nil
        }
        if !first { try expect(UInt8(ascii: ","), "',' or '}'") }
        skipWhitespace()
        let key = try readRawString()
        try expect(UInt8(ascii: ":"), "':'")
        return key
    }

    /// Consumes `[`.
    package mutating func beginArray() throws(Failure) {
        try expect(UInt8(ascii: "["), "'['")
    }

    /// Moves to the next element of the current array; `false` after the closing `]`.
    /// - Parameter first: whether this is the first call for this array (no `,` before the element).
    package mutating func nextElement(first: Bool) throws(Failure) -> Bool {
        skipWhitespace()
        if peekByte() == UInt8(ascii: "]") {
            offset += 1
            return false
        }
        if !first { try expect(UInt8(ascii: ","), "',' or ']'") }
        return true
    }

    /// Checks that nothing but whitespace follows the value just read.
    package mutating func finish() throws(Failure) {
        skipWhitespace()
        guard offset == bytes.count else { throw Failure(expected: "the end of the document", offset: offset) }
    }

    /// The kind of the value that starts next, or `nil` when no value can start here.
    package mutating func peekKind() -> ValueKind? {
        skipWhitespace()
        guard let byte = peekByte() else { return nil }
        switch byte {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        default: return nil
        }
    }

    // MARK: Scalars

    /// Consumes `null` when it comes next; `false` (consuming nothing but whitespace) otherwise.
    package mutating func readNullIfPresent() throws(Failure) -> Bool {
        guard peekKind() == .null else { return false }
        try literal("null")
        return true
    }

    /// Reads `true` or `false`.
    package mutating func readBool() throws(Failure) -> Bool {
        skipWhitespace()
        if peekByte() == UInt8(ascii: "t") {
            try literal("true")
            return true
        }
        try literal("false")
        return false
    }

    /// Reads an integer written without fraction or exponent that fits `Int`.
    package mutating func readInt() throws(Failure) -> Int {
        skipWhitespace()
        let start = offset
        let negative = peekByte() == UInt8(ascii: "-")
        if negative { offset += 1 }
        var magnitude: UInt64 = 0
        let digitsStart = offset
        while let d = peekDigit() {
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(d))
            guard !o1, !o2 else { throw Failure(expected: "an integer that fits 64 bits", offset: start) }
            magnitude = sum
            offset += 1
        }
        let count = offset - digitsStart
        guard count > 0, count == 1 || bytes[digitsStart] != UInt8(ascii: "0") else {
            throw Failure(expected: "an integer", offset: start)
        }
        switch peekByte() {
        case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
            throw Failure(expected: "an integer without fraction or exponent", offset: start)
        default: break
        }
        if negative {
            guard magnitude <= UInt64(Int.max) + 1 else { throw Failure(expected: "an integer that fits 64 bits", offset: start) }
            return magnitude == UInt64(Int.max) + 1 ? Int.min : -Int(magnitude)
        }
        guard magnitude <= UInt64(Int.max) else { throw Failure(expected: "an integer that fits 64 bits", offset: start) }
        return Int(magnitude)
    }

    /// Reads a string token without resolving its escapes (see ``string(_:)``).
    package mutating func readRawString() throws(Failure) -> RawString {
        skipWhitespace()
        try expect(UInt8(ascii: "\""), "a string")
        let start = offset
        var hasEscapes = false, hasNonASCII = false
        var i = start
        let end = bytes.count
        while i < end {
            let byte = bytes[i]
            if byte >= 0x20, byte < 0x80, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
                i += 1
                continue
            }
            if byte == UInt8(ascii: "\"") {
                offset = i + 1
                return RawString(bytes: UnsafeRawBufferPointer(rebasing: bytes[start..<i]),
                                 hasEscapes: hasEscapes, hasNonASCII: hasNonASCII)
            }
            if byte < 0x20 { throw Failure(expected: "no raw control character in a string", offset: i) }
            if byte >= 0x80 { hasNonASCII = true }
            if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                i += 1  // the escaped byte is checked when the string is resolved
            }
            i += 1
        }
        throw Failure(expected: "the end of a string", offset: start - 1)
    }

    /// Reads a string and resolves its escapes.
    package mutating func readString() throws(Failure) -> String {
        let raw = try readRawString()
        return try string(raw)
    }

    // MARK: Skipping

    /// Reads and discards one value of any kind, checking its grammar.
    package mutating func skipValue() throws(Failure) {
        try skipValue(depth: 0)
    }

    private mutating func skipValue(depth: Int) throws(Failure) {
        guard depth < Self.maximumDepth else { throw Failure(expected: "less deeply nested values", offset: offset) }
        switch peekKind() {
        case .object:
            try beginObject()
            var first = true
            while try nextKey(first: first) != nil {
                first = false
                try skipValue(depth: depth + 1)
            }
        case .array:
            try beginArray()
            var first = true
            while try nextElement(first: first) {
                first = false
                try skipValue(depth: depth + 1)
            }
        case .string:
            let raw = try readRawString()
            if raw.hasEscapes || raw.hasNonASCII { _ = try string(raw) }
        case .number:
            try skipNumber()
        case .bool:
            _ = try readBool()
        case .null:
            try literal("null")
        case nil:
            throw Failure(expected: "a value", offset: offset)
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    private mutating func skipNumber() throws(Failure) {
        let start = offset
        if peekByte() == UInt8(ascii: "-") { offset += 1 }
        if peekByte() == UInt8(ascii: "0") {
            offset += 1
        } else {
            guard try digits() > 0 else { throw Failure(expected: "a number", offset: start) }
        }
        if peekByte() == UInt8(ascii: ".") {
            offset += 1
            guard try digits() > 0 else { throw Failure(expected: "digits after '.'", offset: start) }
        }
        if peekByte() == UInt8(ascii: "e") || peekByte() == UInt8(ascii: "E") {
            offset += 1
            if peekByte() == UInt8(ascii: "+") || peekByte() == UInt8(ascii: "-") { offset += 1 }
            guard try digits() > 0 else { throw Failure(expected: "digits in an exponent", offset: start) }
        }
    }

    private mutating func digits() throws(Failure) -> Int {
        let start = offset
        while peekDigit() != nil { offset += 1 }
        return offset - start
    }

    // MARK: Bytes

    private mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return
            }
        }
    }

    private func peekByte() -> UInt8? {
        offset < bytes.count ? bytes[offset] : nil
    }

    private func peekDigit() -> UInt8? {
        guard offset < bytes.count else { return nil }
        let d = bytes[offset] &- UInt8(ascii: "0")
        return d < 10 ? d : nil
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(Failure) {
        skipWhitespace()
        guard peekByte() == byte else { throw Failure(expected: what, offset: offset) }
        offset += 1
    }

    private mutating func literal(_ word: StaticString) throws(Failure) {
        let count = word.utf8CodeUnitCount
        guard offset + count <= bytes.count, let base = bytes.baseAddress,
              memcmp(base + offset, word.utf8Start, count) == 0 else {
            throw Failure(expected: "\(word)", offset: offset)
        }
        offset += count
    }

    /// The offset of a string token's first byte in the document.
    package func position(of raw: RawString) -> Int {
        guard let base = bytes.baseAddress, let start = raw.bytes.baseAddress else { return 0 }
        return base.distance(to: start)
    }
}
