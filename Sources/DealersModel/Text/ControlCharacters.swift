/// Control characters in values: NUL and the C0 controls other than tab, line feed and carriage
/// return never belong in a cell of a listing, and are refused as INVALID_CHARACTER on the cell
/// rather than stored or written into reports.
package enum ControlCharacters {
    /// Whether a byte (or an ASCII scalar) is a refused control character.
    @inline(__always)
    package static func isRefused(_ byte: UInt8) -> Bool {
        byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D
    }

    /// Whether the bytes of a cell (UTF-8 or a single-byte encoding) hold a refused control
    /// character. One pass that the compiler vectorises (the smallest byte) decides for nearly
    /// every cell; only a cell with a byte below 0x20 is looked at again.
    package static func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var low: UInt8 = 0xFF
        for byte in bytes { low = min(low, byte) }
        guard low < 0x20 else { return false }
        return bytes.contains(where: isRefused)
    }

    /// Whether text holds a refused control character.
    package static func contains(_ text: String) -> Bool {
        text.utf8.contains(where: isRefused)
    }

    /// Text with each refused control character shown as its name (`<NUL>`, `<U+001B>`), for
    /// messages: nothing binary is ever quoted into an error file.
    package static func visible(_ text: String) -> String {
        guard contains(text) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII, isRefused(UInt8(scalar.value)) {
                out += scalar.value == 0 ? "<NUL>" : "<U+\(String(Int(scalar.value), zeroPaddedTo: 4, radix: 16))>"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
