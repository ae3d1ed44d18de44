/// Turns UTF-16 or UTF-32 bytes into UTF-8, a piece at a time: a code unit or a surrogate pair
/// split between two pieces is completed by the next one.
///
/// A unit that is not valid (an unpaired surrogate, a value past U+10FFFF) becomes the byte
/// 0xFF, which is never valid UTF-8: the cell that holds it is then reported as an encoding
/// error by the UTF-8 reader downstream instead of being silently replaced.
package struct WideTranscoder {
    package let encoding: TextEncoding
    private var partial: [UInt8] = []
    private var highSurrogate: UInt32?
    /// Whether every unit so far was valid.
    package private(set) var clean = true

    package init(encoding: TextEncoding) {
        self.encoding = encoding
        partial.reserveCapacity(4)
    }

    /// Appends the UTF-8 of `bytes` to `out`; returns whether everything so far was valid.
    @discardableResult
    package mutating func transcode(_ bytes: UnsafeRawBufferPointer, into out: inout [UInt8]) -> Bool {
        let size = encoding.codeUnitSize
        var index = 0
        // Complete a unit split at the end of the previous piece.
        while !partial.isEmpty, index < bytes.count {
            partial.append(bytes[index])
            index += 1
            if partial.count == size {
                let unit = partial.withUnsafeBytes { Self.unit($0, at: 0, size: size, bigEndian: encoding.isBigEndian) }
                partial.removeAll(keepingCapacity: true)
                emit(unit, into: &out)
            }
        }
        let bigEndian = encoding.isBigEndian
        while index + size <= bytes.count {
            emit(Self.unit(bytes, at: index, size: size, bigEndian: bigEndian), into: &out)
            index += size
        }
        while index < bytes.count { partial.append(bytes[index]); index += 1 }
        return clean
    }

    /// At the end of the input: a dangling half unit or high surrogate is invalid.
    @discardableResult
    package mutating func finish(into out: inout [UInt8]) -> Bool {
        if !partial.isEmpty || highSurrogate != nil {
            out.append(0xFF)
            clean = false
            partial.removeAll()
            highSurrogate = nil
        }
        return clean
    }

    @inline(__always)
    private static func unit(_ bytes: UnsafeRawBufferPointer, at i: Int, size: Int, bigEndian: Bool) -> UInt32 {
        if size == 2 {
            return bigEndian ? UInt32(bytes[i]) << 8 | UInt32(bytes[i + 1]) : UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i])
        }
        return bigEndian
            ? UInt32(bytes[i]) << 24 | UInt32(bytes[i + 1]) << 16 | UInt32(bytes[i + 2]) << 8 | UInt32(bytes[i + 3])
            : UInt32(bytes[i + 3]) << 24 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i])
    }

    private mutating func emit(_ unit: UInt32, into out: inout [UInt8]) {
        var scalar = unit
        if encoding.codeUnitSize == 2 {
            if let high = highSurrogate {
                highSurrogate = nil
                if unit >= 0xDC00, unit <= 0xDFFF {
                    scalar = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00)
                } else {
                    out.append(0xFF); clean = false
                }
            }
            if highSurrogate == nil, unit >= 0xD800, unit <= 0xDBFF, scalar == unit { highSurrogate = unit; return }
        }
        if scalar < 0x80 {
            out.append(UInt8(scalar))
        } else if scalar < 0x800 {
            out.append(UInt8(0xC0 | scalar >> 6)); out.append(UInt8(0x80 | scalar & 0x3F))
        } else if scalar < 0x10000 {
            guard scalar < 0xD800 || scalar > 0xDFFF else { out.append(0xFF); clean = false; return }
            out.append(UInt8(0xE0 | scalar >> 12)); out.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        } else if scalar <= 0x10FFFF {
            out.append(UInt8(0xF0 | scalar >> 18)); out.append(UInt8(0x80 | (scalar >> 12) & 0x3F))
            out.append(UInt8(0x80 | (scalar >> 6) & 0x3F)); out.append(UInt8(0x80 | scalar & 0x3F))
        } else {
            out.append(0xFF); clean = false
        }
    }
}
