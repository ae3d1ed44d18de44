import Foundation

/// Writes a new segment: lines appended in key order go to `<id>.jsonl`, their index entries to
/// `<id>.idx` (see ``Segment`` for the format); ``finish()`` flushes both to disk (`fsync`) and returns what the manifest records.
/// Until the manifest names it, a segment is nobody's: an interrupted one is deleted at the next open.
final class SegmentWriter {
    let id: Int
    private let data: OutputFile
    private let index: OutputFile
    private var offset = 0
    private(set) var documents = 0
    private(set) var deletions = 0
    private var entries: [UInt8] = []
    private var lastKey: [UInt8] = []

    /// Creates the two files of segment `id` in `folder` (refusing to overwrite); `durable`
    /// `false` for a transaction's private run (see ``OutputFile/durable``).
    init(folder: URL, id: Int, durable: Bool = true) throws {
        self.id = id
        data = try OutputFile(create: folder.appendingPathComponent(Segment.dataName(id)), durable: durable)
        do {
            index = try OutputFile(create: folder.appendingPathComponent(Segment.indexName(id)), durable: durable)
        } catch {
            data.abandon(remove: true)
            throw error
        }
    }

    /// Lines written so far.
    var count: Int { documents + deletions }

    /// Appends one complete line (see ``DocumentLine``); keys must come in strictly increasing order.
    func append(line: UnsafeRawBufferPointer, keyLength: Int, isDeletion: Bool) throws {
        let key = UnsafeRawBufferPointer(rebasing: line[DocumentLine.keyStart..<(DocumentLine.keyStart + keyLength)])
        let ordered = lastKey.withUnsafeBytes { KeyBytes.compare($0, key) < 0 }
        guard ordered || count == 0 else {
            throw DealersError(.internalError, path: data.path, "segment lines out of key order")
        }
        lastKey.removeAll(keepingCapacity: true)
        lastKey.append(contentsOf: key)
        guard line.count <= Int(UInt32.max), keyLength <= Int(UInt16.max) else {
            throw DealersError(.data, path: data.path, "a document larger than 4 GiB cannot be stored")
        }
        try data.append(line)
        Segment.appendIndexEntry(Segment.Entry(offset: offset, length: line.count, keyLength: keyLength, isDeletion: isDeletion),
                                 key: key, to: &entries)
        if entries.count >= 1 << 20 { try flushEntries() }
        offset += line.count
        if isDeletion { deletions += 1 } else { documents += 1 }
    }

    /// Flushes and `fsync`s both files; returns the manifest's record of the segment.
    func finish() throws -> SegmentInfo {
        // The trailer holds the count, known only now; everything before it is the entries.
        Segment.appendIndexTrailer(count: count, to: &entries)
        try flushEntries()
        let dataSum = try data.finish()
        let indexSum = try index.finish()
        return SegmentInfo(id: id, documents: documents, deletions: deletions, bytes: offset, sha256: dataSum, indexSha256: indexSum)
    }

    /// Writes segment `id` in `folder` with the lines `body` appends: finished, `fsync`ed and its
    /// folder flushed, or `nil` (no file left) when `body` appended nothing; removed on any error.
    static func write(folder: URL, id: Int, durable: Bool = true, _ body: (SegmentWriter) throws -> Void) throws -> SegmentInfo? {
        try AtomicFile.createDirectory(folder)
        let writer = try SegmentWriter(folder: folder, id: id, durable: durable)
        do {
            try body(writer)
            guard writer.count > 0 else {
                writer.abandon()
                return nil
            }
            let info = try writer.finish()
            if durable { try AtomicFile.syncDirectory(folder) }
            return info
        } catch {
            writer.abandon()
            throw error
        }
    }

    /// Closes and removes both files (a merge or commit that gave up).
    func abandon() {
        data.abandon(remove: true)
        index.abandon(remove: true)
    }

    private func flushEntries() throws {
        try entries.withUnsafeBytes { try index.append($0) }
        entries.removeAll(keepingCapacity: true)
    }
}
