import Foundation

/// JSON text without the white space between tokens, strings kept byte for byte: the form every
/// backend keeps documents in (`store put` on PostgreSQL; the JSON store compacts on its own).
public enum CompactJSON {
    /// The compact form of `data`, which must already be valid JSON.
    public static func of(_ data: Data) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(data.count)
        var inString = false, escaped = false
        for byte in data {
            if inString {
                out.append(byte)
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
                out.append(byte)
            } else if byte != 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D {
                out.append(byte)
            }
        }
        return out
    }
}
