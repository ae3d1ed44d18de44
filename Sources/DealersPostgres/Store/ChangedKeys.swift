import Foundation

/// The keys a ``PostgresTransaction`` changed, kept in the client: the bytes of every key one
/// after the other in one array (about the key's length per change, no object per key), so that
/// walking the changes in key order (``PostgresTransaction/forEachChange(under:_:)``) needs no
/// table on the server and no statement per change.
///
/// A key changed twice is listed twice; ``sorted(under:)`` gives each once.
struct ChangedKeys {
    /// The keys' UTF-8 bytes, back to back.
    private var bytes: [UInt8] = []
    /// Where each key starts in ``bytes`` (it ends where the next starts).
    private var starts: [Int] = []

    /// Whether no key is listed.
    var isEmpty: Bool { starts.isEmpty }

    /// The memory the list takes, about: what ``PostgresTransaction`` weighs against its limit.
    var byteCount: Int { bytes.count + starts.count * MemoryLayout<Int>.stride }

    /// Lists a key.
    mutating func append(_ key: String) {
        starts.append(bytes.count)
        bytes.append(contentsOf: key.utf8)
    }

    /// Lists many keys.
    mutating func append(contentsOf keys: [String]) {
        for key in keys { append(key) }
    }

    /// Forgets every key.
    mutating func removeAll() {
        bytes.removeAll()
        starts.removeAll()
    }

    /// Every key in the order listed (a key listed twice comes twice), to send them elsewhere.
    var all: [String] {
        (0..<starts.count).map(key(at:))
    }

    /// The keys under `folder` (`users/`; `""` for every key), each once, in byte order: their
    /// places in the list, each made a string by ``key(at:)`` when its turn comes (a string per
    /// key at once would weigh several times the list).
    func sorted(under folder: String) -> [Int] {
        let prefix = Array(folder.utf8)
        var chosen: [Int] = []
        for index in starts.indices where hasPrefix(index, prefix) { chosen.append(index) }
        return bytes.withUnsafeBufferPointer { buffer in
            chosen.sort { compare(buffer, $0, $1) < 0 }
            var result: [Int] = []
            result.reserveCapacity(chosen.count)
            for index in chosen where result.last.map({ compare(buffer, $0, index) != 0 }) ?? true {
                result.append(index)
            }
            return result
        }
    }

    /// The key at a place in the list.
    func key(at index: Int) -> String {
        String(decoding: bytes[starts[index]..<end(index)], as: UTF8.self)
    }

    /// Where key `index` ends in ``bytes``.
    private func end(_ index: Int) -> Int {
        index + 1 < starts.count ? starts[index + 1] : bytes.count
    }

    private func hasPrefix(_ index: Int, _ prefix: [UInt8]) -> Bool {
        let start = starts[index]
        guard end(index) - start >= prefix.count else { return false }
        for (offset, byte) in prefix.enumerated() where bytes[start + offset] != byte { return false }
        return true
    }

    /// Byte order of keys `a` and `b`: negative, zero or positive.
    private func compare(_ buffer: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) -> Int {
        let (startA, lengthA, startB, lengthB) = (starts[a], end(a) - starts[a], starts[b], end(b) - starts[b])
        guard let base = buffer.baseAddress else { return 0 }
        let order = memcmp(base + startA, base + startB, min(lengthA, lengthB))
        return order != 0 ? Int(order) : lengthA - lengthB
    }
}
