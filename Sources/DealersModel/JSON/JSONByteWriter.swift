/// Appends JSON tokens to a byte buffer exactly as Foundation's `JSONEncoder` writes them on
/// Linux with `outputFormatting = [.sortedKeys, .withoutEscapingSlashes]`: compact, strings with
/// only `"`, `\` and the control characters escaped (`\b \t \n \f \r`, the others as `\u00xx`
/// with lower-case hex), everything else, `/` and non-ASCII included, as raw UTF-8; integers in
/// plain decimal.
///
/// The writer knows nothing of key order: a document codec writes its keys already sorted.
package enum JSONByteWriter {
    /// Appends bytes that are already JSON (punctuation, a quoted key and its colon …).
    @inline(__always)
    package static func raw(_ text: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends `text` as a quoted, escaped JSON string.
    package static func string(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { escaped($0, to: &out) }
        if done == nil {
            let copy = Array(text.utf8)
            copy.withUnsafeBufferPointer { escaped($0, to: &out) }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Appends an integer in plain decimal (`-12`, `0`).
    package static func int(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        if magnitude < 10 {
            out.append(UInt8(ascii: "0") + UInt8(magnitude))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var i = 20
            while magnitude > 0 {
                i -= 1
                digits[i] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[i...]))
        }
    }

    /// Appends UTF-8 text, escaping what JSONEncoder escapes; runs that need no escape are
    /// copied in one go.
    private static func escaped(_ text: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var runStart = 0
        for i in 0..<text.count {
            let byte = text[i]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<i])) }
            runStart = i + 1
            out.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
            case 0x08: out.append(UInt8(ascii: "b"))
            case 0x09: out.append(UInt8(ascii: "t"))
            case 0x0A: out.append(UInt8(ascii: "n"))
            case 0x0C: out.append(UInt8(ascii: "f"))
            case 0x0D: out.append(UInt8(ascii: "r"))
            default:
                let hex: StaticString = "0123456789abcdef"
                out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                        hex.utf8Start[Int(byte >> 4)], hex.utf8Start[Int(byte & 0xF)]])
            }
        }
        if runStart < text.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart...])) }
    }
}
