/// One line of a segment or of a transaction's journal: a document under its key, or the
/// deletion of a key. Every line is a JSON object on its own line (JSON Lines), so a segment
/// reads with `jq`, `grep` or `less`:
///
///     {"k":"users/3f/12345678Z.json","v":{"document":"12345678Z",…}}
///     {"k":"members/NORTE/3f/12345678Z.json","d":true}
///
/// Keys never need escaping (``StoreKey`` allows only `A-Z a-z 0-9 . _ - /`), and documents are
/// compact JSON without line breaks (``JSONCompaction``), so the parts of a line are found by
/// position: the key starts at byte 6, the value 6 bytes after the key and ends 2 bytes before
/// the line's end.
enum DocumentLine {
    /// `{"k":"`
    static let keyStart = 6
    /// `","v":` between the key and the value.
    static let valueSeparator = Array(#"","v":"#.utf8)
    /// `","d":true}` after the key of a deletion.
    static let deletionTail = Array(#"","d":true}"#.utf8)
    static let head = Array(#"{"k":""#.utf8)
    static let newline = UInt8(ascii: "\n")

    /// Appends the line of a document (`value` must be compact JSON) or of a deletion (`value == nil`).
    static func append(key: StoreKey, value: UnsafeRawBufferPointer?, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: head)
        key.withBytes { buffer.append(contentsOf: $0) }
        if let value {
            buffer.append(contentsOf: valueSeparator)
            buffer.append(contentsOf: value)
            buffer.append(UInt8(ascii: "}"))
        } else {
            buffer.append(contentsOf: deletionTail)
        }
        buffer.append(newline)
    }

    /// The parts of a complete line (its final line break included), or `nil` when the bytes are
    /// not a line of this format.
    static func parse(_ line: UnsafeRawBufferPointer) -> (keyLength: Int, isDeletion: Bool)? {
        guard line.count >= keyStart + 2, line.starts(with: head), line[line.count - 1] == newline else { return nil }
        guard let quote = line[keyStart...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
        let keyLength = quote - keyStart
        guard keyLength > 0 else { return nil }
        let rest = UnsafeRawBufferPointer(rebasing: line[quote..<(line.count - 1)])
        if rest.elementsEqual(deletionTail) { return (keyLength, true) }
        guard rest.count > valueSeparator.count + 1, rest.starts(with: valueSeparator),
              rest[rest.count - 1] == UInt8(ascii: "}") else { return nil }
        return (keyLength, false)
    }

    /// The length of the line ``append(key:value:to:)`` writes for a key of `keyLength` bytes
    /// and a value of `valueLength` bytes (`nil`: a deletion).
    @inline(__always)
    static func length(keyLength: Int, valueLength: Int?) -> Int {
        guard let valueLength else { return keyStart + keyLength + deletionTail.count + 1 }
        return keyStart + keyLength + valueSeparator.count + valueLength + 2
    }

    /// The value bytes of a document line whose key is `keyLength` bytes long.
    @inline(__always)
    static func valueRange(lineLength: Int, keyLength: Int) -> Range<Int> {
        (keyStart + keyLength + valueSeparator.count)..<(lineLength - 2)
    }
}
