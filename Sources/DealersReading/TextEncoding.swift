import Foundation

/// The character encodings an input file may declare.
///
/// `auto` is what Spanish Excel users need: a UTF-8 byte-order mark or valid UTF-8 is read as
/// UTF-8, anything else as Windows-1252 (a superset of ISO-8859-1's printable characters).
/// Whatever a layout declares, a file's byte-order mark (UTF-8, UTF-16, UTF-32) decides, and
/// UTF-16 without a mark is recognised by its NUL bytes (see ``EncodingDetection``).
///
/// The wide encodings (UTF-16, UTF-32) are read by transcoding the file to UTF-8 as it streams
/// (``TranscodingInput``); rejected rows are written back in them.
public enum TextEncoding: String, Sendable, Codable, CaseIterable {
    /// Valid UTF-8 as UTF-8, otherwise Windows-1252.
    case auto
    /// UTF-8 (a leading byte-order mark is skipped); invalid bytes are an encoding error.
    case utf8 = "utf-8"
    /// Windows-1252 (Western European, what Excel writes as "CSV" on Spanish Windows).
    case windows1252 = "windows-1252"
    /// ISO-8859-1 (Latin-1).
    case iso88591 = "iso-8859-1"
    /// UTF-16, little-endian (Excel's "Texto Unicode" export).
    case utf16le = "utf-16le"
    /// UTF-16, big-endian.
    case utf16be = "utf-16be"
    /// UTF-32, little-endian.
    case utf32le = "utf-32le"
    /// UTF-32, big-endian.
    case utf32be = "utf-32be"

    /// Bytes per code unit of a wide encoding (2 or 4); 1 for the byte encodings.
    public var codeUnitSize: Int {
        switch self {
        case .utf16le, .utf16be: return 2
        case .utf32le, .utf32be: return 4
        case .auto, .utf8, .windows1252, .iso88591: return 1
        }
    }

    /// Whether the file is read by transcoding it to UTF-8 first (UTF-16, UTF-32).
    public var isWide: Bool { codeUnitSize > 1 }

    /// Whether the code units are big-endian (meaningful for the wide encodings only).
    package var isBigEndian: Bool { self == .utf16be || self == .utf32be }

    /// The byte-order mark of this encoding (empty for the single-byte ones and `auto`).
    public var byteOrderMark: [UInt8] {
        switch self {
        case .utf8: return [0xEF, 0xBB, 0xBF]
        case .utf16le: return [0xFF, 0xFE]
        case .utf16be: return [0xFE, 0xFF]
        case .utf32le: return [0xFF, 0xFE, 0x00, 0x00]
        case .utf32be: return [0x00, 0x00, 0xFE, 0xFF]
        case .auto, .windows1252, .iso88591: return []
        }
    }

    /// Decodes bytes, or returns `nil` when they are not valid in this encoding.
    public func decode(_ bytes: UnsafeRawBufferPointer) -> String? {
        switch self {
        case .utf8:
            return String(validatingUTF8Bytes: bytes)
        case .auto:
            return (TextEncoding.rulesOutUTF8(bytes) ? nil : String(validatingUTF8Bytes: bytes))
                ?? TextEncoding.decodeSingleByte(bytes, table: TextEncoding.windows1252High)
        case .windows1252:
            return TextEncoding.decodeSingleByte(bytes, table: TextEncoding.windows1252High)
        case .iso88591:
            return TextEncoding.decodeSingleByte(bytes, table: nil)
        case .utf16le, .utf16be, .utf32le, .utf32be:
            var transcoder = WideTranscoder(encoding: self)
            var out: [UInt8] = []
            let clean = transcoder.transcode(bytes, into: &out) && transcoder.finish(into: &out)
            return clean ? String(decoding: out, as: UTF8.self) : nil
        }
    }

    /// Decodes a byte array (see ``decode(_:)-(UnsafeRawBufferPointer)``).
    public func decode(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBytes { decode($0) }
    }

    /// Encodes text for writing back in this encoding (`auto` writes UTF-8). Characters that the
    /// encoding cannot hold become `?`.
    public func encode(_ text: String) -> [UInt8] {
        switch self {
        case .utf8, .auto:
            return Array(text.utf8)
        case .utf16le, .utf16be:
            var out: [UInt8] = []
            out.reserveCapacity(text.utf8.count * 2)
            for unit in text.utf16 {
                if self == .utf16le { out += [UInt8(unit & 0xFF), UInt8(unit >> 8)] } else { out += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
            }
            return out
        case .utf32le, .utf32be:
            var out: [UInt8] = []
            out.reserveCapacity(text.utf8.count * 4)
            for scalar in text.unicodeScalars {
                let v = scalar.value
                let le = [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)]
                out += self == .utf32le ? le : le.reversed()
            }
            return out
        case .windows1252, .iso88591:
            let reverse = self == .windows1252 ? TextEncoding.windows1252Reverse : [:]
            return text.unicodeScalars.map { scalar in
                if scalar.value < 0x80 || (scalar.value >= 0xA0 && scalar.value <= 0xFF) { return UInt8(scalar.value) }
                if self == .iso88591, scalar.value <= 0xFF { return UInt8(scalar.value) }
                return reverse[scalar.value] ?? UInt8(ascii: "?")
            }
        }
    }

    private static func decodeSingleByte(_ bytes: UnsafeRawBufferPointer, table: [UInt32]?) -> String {
        // Straight to UTF-8: at most 3 bytes per byte (the table's code points are below U+FFFF).
        String(unsafeUninitializedCapacity: bytes.count * 3) { transcodeSingleByte(bytes, table: table, into: $0) }
    }

    /// The UTF-8 of text in a single-byte encoding, as ``decode(_:)-(UnsafeRawBufferPointer)``
    /// reads it, written to `out` without a `String`: for Windows-1252 and ISO-8859-1, and for
    /// `auto` when the bytes are not valid UTF-8 (then Windows-1252). Returns the bytes written,
    /// or `nil` for the other encodings and valid UTF-8 (decode those). `out` holds at least
    /// 3 bytes per input byte. The text is in Normalization Form C as it is (every character of
    /// these tables is), so it is what ``ByteCells/decode(_:_:)`` gives.
    package func transcodeSingleByte(_ bytes: UnsafeRawBufferPointer, into out: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        precondition(out.count >= bytes.count * 3, "the UTF-8 of single-byte text needs 3 bytes per byte")
        switch self {
        case .windows1252: return Self.transcodeSingleByte(bytes, table: Self.windows1252High, into: out)
        case .iso88591: return Self.transcodeSingleByte(bytes, table: nil, into: out)
        case .auto:
            guard Self.rulesOutUTF8(bytes) || String(validatingUTF8Bytes: bytes) == nil else { return nil }
            return Self.transcodeSingleByte(bytes, table: Self.windows1252High, into: out)
        case .utf8, .utf16le, .utf16be, .utf32le, .utf32be: return nil
        }
    }

    /// Whether the first non-ASCII byte of `bytes` already shows they are not UTF-8 — a byte that
    /// starts no UTF-8 sequence (0x80–0xC1, 0xF5–0xFF), or one not followed by the continuation
    /// bytes it announces — so that `auto` reads the cell as Windows-1252 without validating all
    /// of it (issue 30: "é" in Windows-1252, 0xE9, is followed by a letter, not two continuation
    /// bytes). `false` means the bytes may be UTF-8 (all ASCII, or a sequence that starts well):
    /// validate them then.
    package static func rulesOutUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let first = bytes.firstIndex(where: { $0 >= 0x80 }) else { return false }
        let lead = bytes[first]
        let following: Int
        switch lead {
        case 0xC2...0xDF: following = 1
        case 0xE0...0xEF: following = 2
        case 0xF0...0xF4: following = 3
        default: return true
        }
        guard first + following < bytes.count else { return true }
        for i in (first + 1)...(first + following) where bytes[i] & 0xC0 != 0x80 { return true }
        return false
    }

    /// Each byte to the UTF-8 of its character: below 0x80 itself, 0x80–0x9F by `table` (ISO-8859-1
    /// without one), the rest its own code point. Returns the bytes written to `out`.
    private static func transcodeSingleByte(_ bytes: UnsafeRawBufferPointer, table: [UInt32]?,
                                            into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var count = 0
        for byte in bytes {
            let scalar: UInt32 = byte >= 0x80 && byte < 0xA0 && table != nil ? table?[Int(byte) - 0x80] ?? 0x3F : UInt32(byte)
            if scalar < 0x80 {
                out[count] = UInt8(scalar); count += 1
            } else if scalar < 0x800 {
                out[count] = UInt8(0xC0 | scalar >> 6); out[count + 1] = UInt8(0x80 | scalar & 0x3F); count += 2
            } else {
                out[count] = UInt8(0xE0 | scalar >> 12); out[count + 1] = UInt8(0x80 | (scalar >> 6) & 0x3F)
                out[count + 2] = UInt8(0x80 | scalar & 0x3F); count += 3
            }
        }
        return count
    }

    /// Windows-1252 code points for bytes 0x80–0x9F (undefined bytes map to their C1 control).
    package static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    package static let windows1252Reverse: [UInt32: UInt8] = {
        var map: [UInt32: UInt8] = [:]
        for (offset, scalar) in windows1252High.enumerated() { map[scalar] = UInt8(0x80 + offset) }
        return map
    }()
}

extension String {
    /// Creates a string from bytes only when they are valid UTF-8.
    package init?(validatingUTF8Bytes bytes: UnsafeRawBufferPointer) {
        guard let s = String(validating: bytes, as: UTF8.self) else { return nil }
        self = s
    }
}
