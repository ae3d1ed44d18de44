import Foundation

/// Moving documents in and out of a store as JSON Lines (`dealers store export` / `import`), the
/// format of the segments themselves: `{"k":"<key>","v":<document>}` per line. Written over the
/// store interface, so it works on any backend (the JSON store, PostgreSQL).
extension DocumentBackend {
    /// Writes every document under `prefix` as one line each, in key order, through `write`.
    public func export(under prefix: String, _ write: (UnsafeRawBufferPointer) throws -> Void) throws {
        var line: [UInt8] = []
        try forEachDocument(under: prefix) { key, value in
            line.removeAll(keepingCapacity: true)
            DocumentLine.append(key: key, value: value, to: &line)
            try line.withUnsafeBytes(write)
        }
    }

    /// Applies a JSON Lines file as one transaction: each `{"k":…,"v":…}` line writes a document
    /// (compacted), each `{"k":…,"d":true}` line deletes one. Returns how many lines it applied.
    /// - Throws: `.data` naming the line for a line that is not of this form or whose key is
    ///   invalid (nothing is applied then); `.io` for the file.
    @discardableResult
    public func importDocuments(from url: URL) throws -> Int {
        let tx = beginTransaction()
        var count = 0
        var number = 0
        let file = try InputFile(url: url, chunkSize: 1 << 20)
        var pending: [UInt8] = []
        func apply(_ line: ArraySlice<UInt8>) throws {
            number += 1
            guard !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) else { return }
            let change = try Self.parseImportLine(Array(line), path: url.path, number: number)
            if let value = change.value {
                try tx.write(change.key, json: value)
            } else {
                try tx.delete(change.key)
            }
            count += 1
        }
        while let chunk = try file.nextChunk() {
            pending.append(contentsOf: chunk)
            var start = pending.startIndex
            while let newline = pending[start...].firstIndex(of: 0x0A) {
                try apply(pending[start..<newline])
                start = newline + 1
            }
            pending.removeSubrange(..<start)
        }
        if !pending.isEmpty { try apply(pending[...]) }
        try tx.commit()
        return count
    }

    /// One import line: a key and a document, or a key to delete.
    private static func parseImportLine(_ line: [UInt8], path: String, number: Int) throws -> (key: StoreKey, value: [UInt8]?) {
        func fail(_ reason: String) -> DealersError {
            DealersError(.data, path: path, "line \(number): \(reason); expected {\"k\":\"KEY\",\"v\":DOCUMENT} or {\"k\":\"KEY\",\"d\":true}")
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(line), options: [.fragmentsAllowed])
        } catch {
            throw fail("not JSON")
        }
        guard let fields = object as? [String: Any], let path = fields["k"] as? String else { throw fail("no \"k\"") }
        let key: StoreKey
        do { key = try StoreKey(path) } catch let error as DealersError { throw fail(error.message) }
        if fields["d"] as? Bool == true, fields.count == 2 { return (key, nil) }
        guard fields["v"] != nil, fields.count == 2 else { throw fail("neither \"v\" nor \"d\"") }
        // The value's own bytes, untouched: the compact line minus its frame.
        let compact = try JSONCompaction.compact(line, what: "line \(number)")
        let prefix = DocumentLine.head.count + key.path.utf8.count + DocumentLine.valueSeparator.count
        guard compact.count > prefix + 1, compact.starts(with: DocumentLine.head + Array(key.path.utf8) + DocumentLine.valueSeparator) else {
            throw fail("\"k\" must come first, then \"v\"")
        }
        return (key, Array(compact[prefix..<(compact.count - 1)]))
    }
}
