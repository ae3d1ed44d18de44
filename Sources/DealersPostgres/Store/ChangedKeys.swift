import Foundation

/// The keys a ``PostgresTransaction`` changed, kept in the client: the bytes of every key one
/// after the other in one array (about the key's length per change, no object per key), so that
/// walking the changes in key order (``PostgresTransaction/forEachChange(under:_:)``) needs no
/// table on the server and no statement per change.
///
/// A key changed twice is listed twice; ``sorted(under:)`` gives each once, with what the
/// transaction did to it overall.
struct ChangedKeys {
    /// How a key was changed by one batch.
    enum Kind: UInt8 {
        /// Upserted: written, whether or not a document was there before.
        case written
        /// Inserted where no document was (a plain `INSERT` that succeeded).
        case created
        /// Deleted.
        case deleted
    }

    /// A key listed, once, with what the transaction did to it: ``Kind/deleted`` when its last
    /// change deletes it, ``Kind/created`` when its first change inserted it where no document
    /// was (so none was there before the transaction) and it was not deleted since, else
    /// ``Kind/written``.
    struct Entry {
        /// Its place in the list (its first listing): ``key(at:)``. 32 bits, so that an entry
        /// takes 8 bytes: the list holds fewer than 2^31 keys (it moves to the server at 32 MiB).
        private var storedPlace: Int32
        /// What the transaction did to it.
        var kind: Kind

        init(place: Int, kind: Kind) {
            self.storedPlace = Int32(truncatingIfNeeded: place)
            self.kind = kind
        }

        /// Its place in the list (its first listing): ``key(at:)``.
        var place: Int { Int(storedPlace) }
    }

    /// The keys' UTF-8 bytes, back to back.
    private var bytes: [UInt8] = []
    /// Where each key starts in ``bytes`` (it ends where the next starts).
    private var starts: [Int] = []
    /// How each listing changed its key.
    private var kinds: [Kind] = []

    /// Whether no key is listed.
    var isEmpty: Bool { starts.isEmpty }

    /// The memory the list takes, about: what ``PostgresTransaction`` weighs against its limit.
    var byteCount: Int { bytes.count + starts.count * (MemoryLayout<Int>.stride + 1) }

    /// Lists a key.
    mutating func append(_ key: String, _ kind: Kind) {
        starts.append(bytes.count)
        kinds.append(kind)
        bytes.append(contentsOf: key.utf8)
    }

    /// Lists many keys changed the same way.
    mutating func append(contentsOf keys: [String], _ kind: Kind) {
        for key in keys { append(key, kind) }
    }

    /// Forgets every key.
    mutating func removeAll() {
        bytes.removeAll()
        starts.removeAll()
        kinds.removeAll()
    }

    /// The keys under `folder` (`users/`; `""` for every key), each once, in byte order: their
    /// places in the list, each made a string by ``key(at:)`` when its turn comes (a string per
    /// key at once would weigh several times the list), and what the transaction did to each.
    func sorted(under folder: String) -> [Entry] {
        let prefix = Array(folder.utf8)
        var chosen: [Int32] = []
        for index in starts.indices where hasPrefix(index, prefix) { chosen.append(Int32(truncatingIfNeeded: index)) }
        return bytes.withUnsafeBufferPointer { buffer in
            // A key's listings in the order they were made: its first and last change.
            chosen.sort { a, b in
                let order = compare(buffer, Int(a), Int(b))
                return order != 0 ? order < 0 : a < b
            }
            var result: [Entry] = []
            result.reserveCapacity(chosen.count)
            for place in chosen {
                let index = Int(place)
                if let last = result.last, compare(buffer, last.place, index) == 0 {
                    if kinds[index] == .deleted {
                        result[result.count - 1].kind = .deleted
                    } else if last.kind == .deleted {
                        // Deleted, then written again: there was a document before unless the
                        // first change created it.
                        result[result.count - 1].kind = kinds[last.place] == .created ? .created : .written
                    }
                } else {
                    result.append(Entry(place: index, kind: kinds[index]))
                }
            }
            return result
        }
    }

    /// Whether a key listed (in the order they were listed) satisfies `predicate`; stops at the first.
    func contains(where predicate: (String) throws -> Bool) rethrows -> Bool {
        for index in starts.indices where try predicate(key(at: index)) { return true }
        return false
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
