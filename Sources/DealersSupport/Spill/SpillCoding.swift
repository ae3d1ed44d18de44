/// Writes the fields of an element spilled to a run file (``SpillRuns``): integers as 8 bytes
/// little endian, text and byte strings after their length. No escaping and no parsing: an
/// element written is read back by ``SpillReader`` in the same order of fields.
package struct SpillWriter {
    /// The element's bytes so far.
    package private(set) var bytes: [UInt8] = []

    /// Starts the next element in the same buffer.
    package mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
    }

    package mutating func int(_ value: Int) {
        withUnsafeBytes(of: Int64(value).littleEndian) { bytes.append(contentsOf: $0) }
    }

    package mutating func flag(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    package mutating func text(_ value: String) {
        int(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }

    package mutating func data(_ value: [UInt8]) {
        int(value.count)
        bytes.append(contentsOf: value)
    }

    /// Creates an empty one.
    package init() {}
}

/// Reads the fields ``SpillWriter`` wrote, in the same order; each read is `nil` past the end of
/// the element (a damaged run file).
package struct SpillReader {
    private let buffer: UnsafeRawBufferPointer
    private var offset = 0

    package init(_ buffer: UnsafeRawBufferPointer) {
        self.buffer = buffer
    }

    /// The bytes not read yet.
    package var rest: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: buffer[offset...]) }

    package mutating func int() -> Int? {
        guard buffer.count - offset >= 8 else { return nil }
        var value: Int64 = 0
        withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[offset..<(offset + 8)])) }
        offset += 8
        return Int(Int64(littleEndian: value))
    }

    package mutating func flag() -> Bool? {
        guard offset < buffer.count else { return nil }
        defer { offset += 1 }
        return buffer[offset] != 0
    }

    package mutating func text() -> String? {
        take().map { String(decoding: $0, as: UTF8.self) }
    }

    package mutating func data() -> [UInt8]? {
        take().map { Array($0) }
    }

    /// The next length-prefixed run of bytes.
    private mutating func take() -> UnsafeRawBufferPointer? {
        guard let count = int(), count >= 0, buffer.count - offset >= count else { return nil }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: buffer[offset..<(offset + count)])
    }
}
