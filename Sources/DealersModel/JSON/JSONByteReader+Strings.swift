import Foundation

/// Resolving string tokens: escapes, surrogate pairs, UTF-8 validation.
extension JSONByteReader {
    /// The text of a string token: escapes resolved (`\uD83D\uDE00` pairs included), UTF-8
    /// validated. Lone surrogates and unknown escapes are failures.
    package func string(_ raw: RawString) throws(Failure) -> String {
        if !raw.hasEscapes {
            if !raw.hasNonASCII { return String(decoding: raw.bytes, as: UTF8.self) }
            guard Self.isValidUTF8(raw.bytes) else { throw Failure(expected: "valid UTF-8", offset: position(of: raw)) }
            return String(decoding: raw.bytes, as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(raw.bytes.count)
        var i = 0
        let b = raw.bytes
        while i < b.count {
            let byte = b[i]
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                i += 1
                continue
            }
            let escapeAt = position(of: raw) + i
            i += 1
            switch b[i] {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4(b, at: i + 1, escapeAt: escapeAt)
                i += 4
                if (0xD800..<0xDC00).contains(scalar) {
                    guard i + 2 < b.count, b[i + 1] == UInt8(ascii: "\\"), b[i + 2] == UInt8(ascii: "u") else {
                        throw Failure(expected: "a low surrogate after a high one", offset: escapeAt)
                    }
                    let low = try hex4(b, at: i + 3, escapeAt: escapeAt)
                    guard (0xDC00..<0xE000).contains(low) else {
                        throw Failure(expected: "a low surrogate after a high one", offset: escapeAt)
                    }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                } else if (0xDC00..<0xE000).contains(scalar) {
                    throw Failure(expected: "no lone low surrogate", offset: escapeAt)
                }
                guard let unicode = Unicode.Scalar(scalar) else {
                    throw Failure(expected: "a Unicode scalar", offset: escapeAt)
                }
                out.append(contentsOf: String(unicode).utf8)
            default:
                throw Failure(expected: "a valid escape", offset: escapeAt)
            }
            i += 1
        }
        let text = out.withUnsafeBytes { resolved in
            Self.isValidUTF8(resolved) ? String(decoding: resolved, as: UTF8.self) : nil
        }
        guard let text else { throw Failure(expected: "valid UTF-8", offset: position(of: raw)) }
        return text
    }

    /// Whether `bytes` is well-formed UTF-8: no overlong forms, no surrogates, nothing above
    /// U+10FFFF, no truncated sequence.
    package static func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let lead = bytes[i]
            if lead < 0x80 { i += 1; continue }
            let length: Int, low: UInt8, high: UInt8  // the allowed range of the second byte
            switch lead {
            case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
            case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (length, low, high) = (3, 0x80, 0xBF)
            case 0xED: (length, low, high) = (3, 0x80, 0x9F)
            case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
            case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
            case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
            default: return false
            }
            guard i + length <= n, (low...high).contains(bytes[i + 1]) else { return false }
            for k in (i + 2)..<(i + length) where bytes[k] & 0xC0 != 0x80 { return false }
            i += length
        }
        return true
    }

    private func hex4(_ b: UnsafeRawBufferPointer, at index: Int, escapeAt: Int) throws(Failure) -> UInt32 {
        guard index + 4 <= b.count else { throw Failure(expected: "four hex digits after \\u", offset: escapeAt) }
        var value: UInt32 = 0
        for k in index..<(index + 4) {
            let c = b[k]
            let digit: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
            default: throw Failure(expected: "four hex digits after \\u", offset: escapeAt)
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
