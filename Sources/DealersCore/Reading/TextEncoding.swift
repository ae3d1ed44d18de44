import Foundation

/// The character encodings an input file may declare.
///
/// `auto` is what Spanish Excel users need: a UTF-8 byte-order mark or valid UTF-8 is read as
/// UTF-8, anything else as Windows-1252 (a superset of ISO-8859-1's printable characters).
public enum TextEncoding: String, Sendable, Codable, CaseIterable {
    /// Valid UTF-8 as UTF-8, otherwise Windows-1252.
    case auto
    /// UTF-8 (a leading byte-order mark is skipped); invalid bytes are an encoding error.
    case utf8 = "utf-8"
    /// Windows-1252 (Western European, what Excel writes as "CSV" on Spanish Windows).
    case windows1252 = "windows-1252"
    /// ISO-8859-1 (Latin-1).
    case iso88591 = "iso-8859-1"

    /// Decodes bytes, or returns `nil` when they are not valid in this encoding.
    public func decode(_ bytes: UnsafeRawBufferPointer) -> String? {
        switch self {
        case .utf8:
            return String(validatingUTF8Bytes: bytes)
        case .auto:
            return String(validatingUTF8Bytes: bytes) ?? TextEncoding.decodeSingleByte(bytes, table: TextEncoding.windows1252High)
        case .windows1252:
            return TextEncoding.decodeSingleByte(bytes, table: TextEncoding.windows1252High)
        case .iso88591:
            return TextEncoding.decodeSingleByte(bytes, table: nil)
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
        String(unsafeUninitializedCapacity: bytes.count * 3) { out in
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
    }

    /// Windows-1252 code points for bytes 0x80–0x9F (undefined bytes map to their C1 control).
    static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    static let windows1252Reverse: [UInt32: UInt8] = {
        var map: [UInt32: UInt8] = [:]
        for (offset, scalar) in windows1252High.enumerated() { map[scalar] = UInt8(0x80 + offset) }
        return map
    }()
}

extension String {
    /// Creates a string from bytes only when they are valid UTF-8.
    init?(validatingUTF8Bytes bytes: UnsafeRawBufferPointer) {
        guard let s = String(validating: bytes, as: UTF8.self) else { return nil }
        self = s
    }
}
