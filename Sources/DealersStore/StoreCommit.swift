import Foundation
import Logging

/// The commit protocol (see `docs/store.md`, "Commit protocol").
extension DocumentStore {
    /// A new spool for a transaction: `journal/<txid>.pending`, or an anonymous temporary file
    /// for a read-only store (whose transactions never commit).
    func makeSpool() throws -> TransactionSpool {
        transactionSequence += 1
        let txid = Journal.makeTxid(sequence: transactionSequence)
        if isReadOnly {
            let url = FileSystem.temporaryDirectory.appendingPathComponent(".dealers-journal-\(txid)")
            return try TransactionSpool(url: url, txid: txid, anonymous: true)
        }
        try checkWritable()
        try AtomicFile.createDirectory(journalDirectory)
        return try TransactionSpool(url: journalDirectory.appendingPathComponent(txid + Journal.pendingSuffix), txid: txid,
                                    anonymous: false)
    }

    /// Makes a transaction durable atomically: its latest change of each key, sorted, becomes a
    /// new segment (written and `fsync`'d); replacing the manifest is the commit point; then the
    /// spool goes and small segments may be merged.
    func commit(_ spool: TransactionSpool, index: SpoolIndex) throws {
        try checkWritable()
        let info: SegmentInfo?
        do {
            info = try Self.writeSegment(from: spool, index: index, folder: segmentsDirectory,
                                         id: view.manifest.nextSegment) { try self.view.holds($0) }
        } catch {
            spool.discard()
            throw error
        }
        try publish(info, spool: spool, changes: index.count)
    }

    /// The commit point and what follows, for a segment written from a transaction (`nil`: the
    /// transaction changed nothing that exists).
    private func publish(_ info: SegmentInfo?, spool: TransactionSpool, changes: Int) throws {
        guard let info else {
            spool.discard()   // only deletions of documents that do not exist: nothing to do
            return
        }
        do {
            try crash.check(.afterSegment)
            try switchManifest(replacing: view.segments.count..<view.segments.count, with: [info], nextSegment: info.id + 1)
            try crash.check(.afterCommit)
        } catch let simulated as SimulatedCrash {
            crashed = true
            spool.abandon()
            throw simulated
        } catch {
            spool.discard()
            throw error
        }
        spool.discard()
        logger.debug("committed", metadata: ["txid": "\(spool.txid)", "segment": "\(info.id)", "changes": "\(changes)"])
        try compactIfNeeded()
    }

    /// Commits a transaction that spilled: its runs (newest line of each key wins) are merged
    /// into the new segment, then as ``commit(_:index:)``.
    func commit(_ spool: TransactionSpool, runs: [TransactionRun]) throws {
        try checkWritable()
        let info: SegmentInfo?
        do {
            info = try mergeRuns(runs)
        } catch {
            spool.discard()
            throw error
        }
        try publish(info, spool: spool, changes: runs.reduce(0) { $0 + $1.count })
    }

    private func mergeRuns(_ runs: [TransactionRun]) throws -> SegmentInfo? {
        try SegmentWriter.write(folder: segmentsDirectory, id: view.manifest.nextSegment) { writer in
            var merge = try RunMerge(runs, prefix: [])
            try merge.forEach { line, key, entry in
                if entry.isDeletion, try !view.holds(key) { return }
                try writer.append(line: line, keyLength: entry.keyLength, isDeletion: entry.isDeletion)
            }
        }
    }

    /// Writes segment `id` in `folder` from the latest lines a spool index names, in key order;
    /// deletions of keys `exists` says no segment holds are left out. Returns `nil` (and leaves
    /// no file) when nothing remains. Each line is read from the spool on its own (see
    /// ``TransactionSpool/withLine(_:_:)``), so the spool never becomes the process's memory.
    /// `durable` `false` writes a transaction's private run: no checksum, no `fsync`.
    static func writeSegment(from spool: TransactionSpool, index: SpoolIndex, folder: URL, id: Int, durable: Bool = true,
                             exists: (UnsafeRawBufferPointer) throws -> Bool) throws -> SegmentInfo? {
        try SegmentWriter.write(folder: folder, id: id, durable: durable) { writer in
            for entry in index.sorted() {
                let position = entry.line
                if position.isDeletion, try !index.withKey(entry, exists) { continue }
                try spool.withLine(position) {
                    try writer.append(line: $0, keyLength: position.keyLength, isDeletion: position.isDeletion)
                }
            }
        }
    }

    /// Replaces segments `range` of the manifest by `infos` (an empty range at the end: a commit
    /// adds a segment) and switches this instance to the new manifest. The replacement of
    /// `manifest.json` is the commit point.
    /// - Throws: `.io` when the manifest cannot be replaced; the new segment's files are then
    ///   removed unless the new manifest did reach the disk.
    func switchManifest(replacing range: Range<Int>, with infos: [SegmentInfo], nextSegment: Int) throws {
        var next = view.manifest
        next.generation += 1
        next.nextSegment = max(next.nextSegment, nextSegment)
        next.segments.replaceSubrange(range, with: infos)
        do {
            try next.save(in: directory)
        } catch {
            // Renamed but not flushed, or not renamed at all: the manifest on disk decides.
            if (try? Manifest.load(in: directory))??.generation != next.generation {
                for info in infos {
                    try? StoreFiles.remove(segmentsDirectory.appendingPathComponent(Segment.dataName(info.id)))
                    try? StoreFiles.remove(segmentsDirectory.appendingPathComponent(Segment.indexName(info.id)))
                }
                throw error
            }
        }
        guard let opened = try SegmentSet.open(next, folder: segmentsDirectory) else {
            throw DealersError(.corruptStore, path: segmentsDirectory.path, "a segment of the new manifest is missing")
        }
        view = opened
    }
}
