import Foundation
import DealersModel

/// A table from matching keys (``TextNormalization/key(_:)``) to values, looked up with the
/// ASCII bytes of a cell: the key of ASCII text is its letters and digits in lower case, so it
/// is folded byte by byte and compared with the precomputed keys, without building a `String`.
///
/// Built from the same dictionary the String path uses, so both find the same value. Keys that
/// are not ASCII are left out: no ASCII text folds to them.
package struct ByteKeyTable<Value: Sendable>: Sendable {
    private let entries: [(key: [UInt8], value: Value)]
    private let longest: Int

    /// A table of the entries of `dictionary`, whose keys are already matching keys.
    package init(_ dictionary: [String: Value]) {
        entries = dictionary.compactMap { key, value in
            let composed = key.precomposedStringWithCanonicalMapping   // "\u{212A}" equals "K"
            return composed.utf8.allSatisfy { $0 < 0x80 } ? (Array(composed.utf8), value) : nil
        }
        longest = entries.map(\.key.count).max() ?? 0
    }

    /// Whether the table is empty.
    package var isEmpty: Bool { entries.isEmpty }

    /// The value of ASCII text's key, or `nil` when the table has none.
    package func value(forASCII text: UnsafeBufferPointer<UInt8>) -> Value? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: longest + 1) { key -> Value? in
            var length = 0
            for byte in text where ASCIIBytes.isAlphanumeric(byte) {
                guard length <= longest else { return nil }
                key[length] = ASCIIBytes.lowercased(byte)
                length += 1
            }
            for entry in entries where entry.key.count == length {
                if entry.key.withUnsafeBufferPointer({ $0.elementsEqual(UnsafeBufferPointer(rebasing: key[..<length])) }) {
                    return entry.value
                }
            }
            return nil
        }
    }

    /// The value of a string's key when the string is ASCII; `nil` with `isASCII == false` when
    /// the caller must fold it with ``TextNormalization/key(_:)``.
    package func value(for text: String) -> (value: Value?, isASCII: Bool) {
        guard let found = ASCIIBytes.withASCII(text, { value(forASCII: $0) }) else { return (nil, false) }
        return (found, true)
    }
}
