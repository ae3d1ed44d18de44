/// Turns a JSON document into the compact form a segment line holds: the same bytes without
/// the white space between tokens (pretty-printed documents of older stores, hand-written ones).
/// Strings, numbers and literals are copied byte for byte, so nothing is re-interpreted: a
/// decimal keeps its digits, an escape stays the escape it was.
public enum JSONCompaction {
    /// The compact form of `bytes`.
    /// - Throws: ``DealersError`` `.data` when the bytes are not one well-bracketed JSON value
    ///   (empty, unbalanced brackets, an unterminated string, a raw control character in a string,
    ///   or more than one value).
    public static func compact<Bytes: Sequence>(_ bytes: Bytes, what: String) throws -> [UInt8] where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount)
        var depth = 0
        var inString = false
        var escaped = false
        var topLevelValues = 0
        var inBareToken = false   // a number or literal at the top level
        func fail(_ reason: String) -> DealersError {
            DealersError(.data, "\(what) is not a JSON document: \(reason)")
        }
        for byte in bytes {
            if inString {
                if escaped { escaped = false }
                else if byte == UInt8(ascii: "\\") { escaped = true }
                else if byte == UInt8(ascii: "\"") { inString = false }
                else if byte < 0x20 { throw fail("a control character inside a string") }
                out.append(byte)
                continue
            }
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D:
                inBareToken = false
                continue
            case UInt8(ascii: "\""):
                if depth == 0 { topLevelValues += 1 }
                inString = true
                inBareToken = false
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if depth == 0 { topLevelValues += 1 }
                depth += 1
                inBareToken = false
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth < 0 { throw fail("a closing bracket without its opening one") }
                inBareToken = false
            default:
                if byte < 0x20 { throw fail("a control character") }
                if depth == 0 && !inBareToken {
                    topLevelValues += 1
                    inBareToken = true
                }
            }
            out.append(byte)
        }
        if inString { throw fail("a string is not closed") }
        if depth != 0 { throw fail("a bracket is not closed") }
        if topLevelValues == 0 { throw fail("it is empty") }
        if topLevelValues > 1 { throw fail("more than one value") }
        return out
    }

    /// Whether `bytes` are already compact and well bracketed: no white space outside strings, no
    /// raw control character, every string and bracket closed. (`false` sends the bytes through
    /// ``compact(_:what:)``, which says what is wrong, if anything.)
    static func isCompact(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var inString = false
        var escaped = false
        var depth = 0
        for byte in bytes {
            if inString {
                if escaped { escaped = false }
                else if byte == UInt8(ascii: "\\") { escaped = true }
                else if byte == UInt8(ascii: "\"") { inString = false }
                else if byte < 0x20 { return false }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                depth += 1
            } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                depth -= 1
                if depth < 0 { return false }
            } else if byte <= 0x20 {
                return false
            }
        }
        return !inString && depth == 0 && !bytes.isEmpty
    }

    /// Compact JSON laid out for people: two spaces per level, one member or element per line,
    /// `"key" : value` as the store wrote documents before segments. Bytes inside strings are
    /// kept as they are.
    static func indent(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        var depth = 0
        var inString = false
        var escaped = false
        func newline() {
            out.append(0x0A)
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
        }
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            i += 1
            if inString {
                out.append(byte)
                if escaped { escaped = false }
                else if byte == UInt8(ascii: "\\") { escaped = true }
                else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                out.append(byte)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                out.append(byte)
                let closing = byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if i < bytes.count, bytes[i] == closing {
                    out.append(closing)
                    i += 1
                } else {
                    depth += 1
                    newline()
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                newline()
                out.append(byte)
            case UInt8(ascii: ","):
                out.append(byte)
                newline()
            case UInt8(ascii: ":"):
                out.append(contentsOf: Array(" : ".utf8))
            case 0x20, 0x09, 0x0A, 0x0D:
                continue
            default:
                out.append(byte)
            }
        }
        out.append(0x0A)
        return out
    }
}
