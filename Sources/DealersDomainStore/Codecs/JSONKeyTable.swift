import Foundation
import DealersModel

/// The keys one document type knows, for matching the keys a ``JSONByteReader`` reads against
/// them without building a `String` for each.
///
/// A plain key (no escape, all ASCII) is compared byte for byte; any other key is resolved and
/// compared as a `String`, which is what the synthesized `CodingKeys(stringValue:)` does, so
/// `"docu\u006dent"` still means `document`.
struct JSONKeyTable<Key: RawRepresentable & CaseIterable & Sendable>: Sendable where Key.RawValue == String {
    /// One known key: its bytes and the bit that marks it as seen in a ``Seen`` set.
    private struct Entry: Sendable {
        var bytes: [UInt8]
        var key: Key
        var bit: UInt64
    }

    private let entries: [Entry]

    /// A table of every case of `Key` (at most 64).
    init() {
        entries = Key.allCases.enumerated().map { index, key in
            Entry(bytes: Array(key.rawValue.utf8), key: key, bit: 1 << UInt64(index))
        }
    }

    /// The known key `raw` names, with its bit, or `nil` for a key the type ignores.
    func match(_ raw: JSONByteReader.RawString, in reader: JSONByteReader) throws(JSONByteReader.Failure) -> (key: Key, bit: UInt64)? {
        if raw.hasEscapes || raw.hasNonASCII {
            let text = try reader.string(raw)
            guard let entry = entries.first(where: { $0.key.rawValue == text }) else { return nil }
            return (entry.key, entry.bit)
        }
        let count = raw.bytes.count
        for entry in entries where entry.bytes.count == count {
            let same = entry.bytes.withUnsafeBytes { known in
                guard let a = known.baseAddress, let b = raw.bytes.baseAddress else { return count == 0 }
                return memcmp(a, b, count) == 0
            }
            if same { return (entry.key, entry.bit) }
        }
        return nil
    }

    /// Reads one object: `field` reads the value of each known key, unknown keys are skipped
    /// (as Codable ignores them), and a known key seen twice is a failure (JSONDecoder keeps the
    /// first of duplicate keys; the codecs leave such documents to it).
    func readObject(_ r: inout JSONByteReader,
                    _ field: (Key, inout JSONByteReader) throws(JSONByteReader.Failure) -> Void) throws(JSONByteReader.Failure) {
        var seen: UInt64 = 0
        try r.beginObject()
        var first = true
        while let raw = try r.nextKey(first: first) {
            first = false
            guard let (key, bit) = try match(raw, in: r) else {
                try r.skipValue()
                continue
            }
            guard seen & bit == 0 else { throw JSONByteReader.Failure(expected: "no duplicate key", offset: r.offset) }
            seen |= bit
            try field(key, &r)
        }
    }
}
