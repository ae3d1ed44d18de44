import DealersStore
import Foundation

/// `dealers store export` for any backend: `{"k":"<key>","v":<document>}` per line, in key order
/// (the JSON store's own segment format, which ``DocumentStore/export(under:_:)`` writes for
/// that backend), and the compaction `store put` applies before writing.
public enum StoreExport {
    /// Writes every document under `prefix` as one line each through `write`.
    public static func lines(of store: any DocumentBackend, under prefix: String,
                             _ write: (UnsafeRawBufferPointer) throws -> Void) throws {
        if let folder = store as? DocumentStore { return try folder.export(under: prefix, write) }
        var line: [UInt8] = []
        try store.forEachDocument(under: prefix) { key, value in
            line.removeAll(keepingCapacity: true)
            line.append(contentsOf: Array("{\"k\":\"\(key.path)\",\"v\":".utf8))
            line.append(contentsOf: value)
            line.append(contentsOf: Array("}\n".utf8))
            try line.withUnsafeBytes(write)
        }
    }

    /// JSON text without the white space between tokens (strings kept byte for byte), as the
    /// JSON store keeps documents. The text must already be valid JSON.
    public static func compact(_ data: Data) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(data.count)
        var inString = false, escaped = false
        for byte in data {
            if inString {
                out.append(byte)
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
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
