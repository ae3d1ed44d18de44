import Foundation  // memchr, memcmp, vsnprintf (Glibc through Foundation)

/// What a part's XML says, one construct at a time, from a ``MarkupScanner``. Every pointer
/// handed over is valid during the call only.
package protocol MarkupHandler {
    /// An element starts (for `<a/>`, ``end(_:)`` follows at once).
    mutating func start(_ tag: MarkupTag) throws
    /// An element ends.
    mutating func end(_ name: MarkupName) throws
    /// Character data inside the root element, decoded (references replaced, line ends as LF),
    /// valid UTF-8; one text between two tags may come in one call or, with CDATA, several.
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws
}

/// Why a part is not acceptable XML, and where (1-based line, and column in bytes).
package struct MarkupError: Error {
    /// What kind of refusal: malformed XML, or XML a workbook never has (a DOCTYPE, UTF-16 …).
    package enum Kind: Sendable { case notWellFormed, notAcceptable }
    package var kind: Kind
    package var reason: String
    package var line: Int
    package var column: Int

    package init(_ kind: Kind, _ reason: String, line: Int, column: Int) {
        self.kind = kind
        self.reason = reason
        self.line = line
        self.column = column
    }

    /// The refusal as it reads after "the part NAME ".
    package var message: String {
        switch kind {
        case .notWellFormed: return "is not well-formed XML near line \(line), column \(column) (\(reason))"
        case .notAcceptable: return "is not acceptable XML: \(reason)"
        }
    }
}

/// An element's local name (without its namespace prefix: `x:row` is `row`).
package struct MarkupName {
    package let bytes: UnsafeBufferPointer<UInt8>

    package init(local bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Whether the name is `name`.
    @inline(__always)
    package func matches(_ name: StaticString) -> Bool {
        MarkupBytes.equal(bytes, name)
    }
}

/// Where one attribute's name and value are: in the scanned bytes, or (for a value that held
/// references or line ends) in the scanner's decoded values.
package struct MarkupAttribute {
    var nameStart: Int
    var nameCount: Int
    var localStart: Int
    var valueStart: Int
    var valueCount: Int
    var decoded: Bool
}

/// A start tag: its local name and its attributes' values, decoded.
package struct MarkupTag {
    /// The element's local name.
    package let local: MarkupName
    let source: UnsafeBufferPointer<UInt8>
    let decoded: UnsafeBufferPointer<UInt8>
    let attributes: UnsafeBufferPointer<MarkupAttribute>

    /// The value of an attribute by its qualified name (`table:name`), else by its local name
    /// whatever the prefix (`id` finds `r:id`); `nil` when absent.
    package func value(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        for attribute in attributes
        where MarkupBytes.equal(UnsafeBufferPointer(rebasing: source[attribute.nameStart..<(attribute.nameStart + attribute.nameCount)]), name) {
            return value(attribute)
        }
        for attribute in attributes
        where MarkupBytes.equal(UnsafeBufferPointer(rebasing: source[attribute.localStart..<(attribute.nameStart + attribute.nameCount)]), name) {
            return value(attribute)
        }
        return nil
    }

    /// The value of an attribute as a `String` (names of sheets, targets of relationships).
    package func string(_ name: StaticString) -> String? {
        value(name).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The value of an attribute as a non-negative integer, `nil` when absent or not one.
    package func integer(_ name: StaticString) -> Int? {
        value(name).flatMap { MarkupBytes.integer($0) }
    }

    private func value(_ attribute: MarkupAttribute) -> UnsafeBufferPointer<UInt8> {
        let range = attribute.valueStart..<(attribute.valueStart + attribute.valueCount)
        return UnsafeBufferPointer(rebasing: attribute.decoded ? decoded[range] : source[range])
    }
}

/// Byte-level helpers of the scanner and the handlers.
package enum MarkupBytes {
    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D }

    @inline(__always)
    static func isNameStart(_ b: UInt8) -> Bool {
        (b | 0x20) &- 0x61 < 26 || b == 0x5F || b == 0x3A || b >= 0x80
    }

    @inline(__always)
    static func isNameByte(_ b: UInt8) -> Bool {
        isNameStart(b) || b &- 0x30 < 10 || b == 0x2D || b == 0x2E
    }

    /// Whether two byte strings are equal.
    @inline(__always)
    package static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
        guard bytes.count == name.utf8CodeUnitCount else { return false }
        guard let base = bytes.baseAddress else { return true }
        return memcmp(base, name.utf8Start, bytes.count) == 0
    }

    /// The local part of a qualified name (after its last `:`).
    static func local(_ name: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var i = name.count
        while i > 0, name[i - 1] != 0x3A { i -= 1 }
        return UnsafeBufferPointer(rebasing: name[i...])
    }

    /// The first `byte` at or after `from`.
    @inline(__always)
    static func find(_ p: UnsafeBufferPointer<UInt8>, _ byte: UInt8, from: Int) -> Int? {
        guard from < p.count, let base = p.baseAddress,
              let hit = memchr(base + from, Int32(byte), p.count - from) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// The first occurrence of an ASCII string at or after `from`.
    static func find(_ p: UnsafeBufferPointer<UInt8>, _ text: String, from: Int) -> Int? {
        let needle = Array(text.utf8)
        guard let first = needle.first else { return from }
        var i = from
        while let hit = find(p, first, from: i) {
            if hit + needle.count > p.count { return nil }
            if needle.indices.allSatisfy({ p[hit + $0] == needle[$0] }) { return hit }
            i = hit + 1
        }
        return nil
    }

    /// Whether the ASCII string is at `at` (as far as the bytes go: `false` when they end first).
    static func matches(_ p: UnsafeBufferPointer<UInt8>, _ at: Int, _ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard at + needle.count <= p.count else { return false }
        return needle.indices.allSatisfy { p[at + $0] == needle[$0] }
    }

    /// The byte a predefined entity stands for.
    static func predefined(_ name: UnsafeBufferPointer<UInt8>) -> UInt8? {
        if equal(name, "amp") { return 0x26 }
        if equal(name, "lt") { return 0x3C }
        if equal(name, "gt") { return 0x3E }
        if equal(name, "quot") { return 0x22 }
        if equal(name, "apos") { return 0x27 }
        return nil
    }

    static func digit(_ b: UInt8, hex: Bool) -> UInt32? {
        if b &- 0x30 < 10 { return UInt32(b - 0x30) }
        guard hex else { return nil }
        let lower = b | 0x20
        return lower &- 0x61 < 6 ? UInt32(lower - 0x61 + 10) : nil
    }

    /// Whether a code point is a character XML 1.0 allows.
    static func isXMLCharacter(_ v: UInt32) -> Bool {
        v == 0x09 || v == 0x0A || v == 0x0D || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v)
            || (0x10000...0x10FFFF).contains(v)
    }

    /// The length and code point of the UTF-8 sequence at `i` (shortest form, no surrogates).
    static func decodeUTF8(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> (Int, UInt32)? {
        let b0 = p[i]
        let length: Int, minimum: UInt32
        var value: UInt32
        switch b0 {
        case 0xC2...0xDF: length = 2; minimum = 0x80; value = UInt32(b0 & 0x1F)
        case 0xE0...0xEF: length = 3; minimum = 0x800; value = UInt32(b0 & 0x0F)
        case 0xF0...0xF4: length = 4; minimum = 0x10000; value = UInt32(b0 & 0x07)
        default: return nil
        }
        guard i + length <= end else { return nil }
        for k in 1..<length {
            let b = p[i + k]
            guard b & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(b & 0x3F)
        }
        guard value >= minimum, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else { return nil }
        return (length, value)
    }

    /// A non-negative decimal integer (surrounding spaces allowed), `nil` otherwise or past 2^53.
    package static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var value = 0, digits = 0, i = 0
        let n = bytes.count
        while i < n, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        while i < n, bytes[i] &- 0x30 < 10 {
            value = value * 10 + Int(bytes[i] - 0x30)
            digits += 1
            if digits > 15 { return nil }
            i += 1
        }
        while i < n, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        return digits > 0 && i == n ? value : nil
    }
}
