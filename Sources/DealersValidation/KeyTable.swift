import Foundation
import DealersModel

/// A table from matching keys (``TextNormalization/key(_:)``) to values — enum values and their
/// aliases, true and false spellings, actions — looked up with the UTF-8 bytes of a cell, the
/// one lookup for text as bytes and as `String`.
///
/// The key of ASCII text (nearly every cell) is its letters and digits in lower case: it is folded
/// byte by byte and compared with the table's ASCII keys, without building a `String`. Other text
/// is folded by ``TextNormalization/key(_:)`` and looked up in the dictionary the table was made
/// from. Both find the same value: a key that is not ASCII once composed ("\u{212A}" is "K") is
/// matched by no ASCII text.
package struct KeyTable<Value: Sendable>: Sendable {
    private let dictionary: [String: Value]
    private let asciiEntries: [(key: [UInt8], value: Value)]
    private let longest: Int

    /// A table of the entries of `dictionary`, whose keys are already matching keys.
    package init(_ dictionary: [String: Value]) {
        self.dictionary = dictionary
        asciiEntries = dictionary.compactMap { key, value in
            let composed = key.precomposedStringWithCanonicalMapping   // "\u{212A}" equals "K"
            return composed.utf8.allSatisfy { $0 < 0x80 } ? (Array(composed.utf8), value) : nil
        }
        longest = asciiEntries.map(\.key.count).max() ?? 0
    }

    /// Whether the table is empty.
    package var isEmpty: Bool { dictionary.isEmpty }

    /// The value of a text's key, or `nil` when the table has none.
    package func value(for text: String) -> Value? {
        value(forUTF8: text.utf8)
    }

    /// The value of the key of UTF-8 text, or `nil` when the table has none.
    package func value(forUTF8 text: some Collection<UInt8>) -> Value? {
        UTF8Buffer.with(text) { bytes in
            guard ASCIIBytes.isASCII(bytes) else { return dictionary[TextNormalization.key(String(decoding: bytes, as: UTF8.self))] }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: longest + 1) { key -> Value? in
                var length = 0
                for byte in bytes where ASCIIBytes.isAlphanumeric(byte) {
                    guard length <= longest else { return nil }
                    key[length] = ASCIIBytes.lowercased(byte)
                    length += 1
                }
                for entry in asciiEntries where entry.key.count == length {
                    if entry.key.withUnsafeBufferPointer({ $0.elementsEqual(UnsafeBufferPointer(rebasing: key[..<length])) }) {
                        return entry.value
                    }
                }
                return nil
            }
        }
    }
}
