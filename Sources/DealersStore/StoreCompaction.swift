import Foundation
import Logging

/// Merging segments (see `docs/store.md`, "Merges"): each commit adds a segment; runs of
/// segments of similar size are merged into one so that a read looks into few segments and
/// superseded documents do not pile up on disk.
extension DocumentStore {
    /// Segments below this size count as this size when choosing merges: merging them is cheap.
    static let mergeFloor = 1 << 20
    /// More segments than this are merged whatever their sizes.
    static let maxSegments = 24

    /// The newest run of segments worth merging, given their sizes (oldest first), or `nil`.
    ///
    /// From the newest segment back, an older segment joins the run while it is at most twice the
    /// run's total and at least an eighth of it: similar sizes merge (a binary counter, so every
    /// document is rewritten O(log n) times), while a small old segment under a large new one is
    /// left alone rather than rewriting the large one for it.
    static func mergeRun(sizes: [Int]) -> Range<Int>? {
        guard sizes.count >= 2 else { return nil }
        let sized = sizes.map { max($0, mergeFloor) }
        var start = sized.count - 1
        var total = sized[start]
        while start > 0, sized[start - 1] <= 2 * total, sized[start - 1] * 8 >= total {
            start -= 1
            total += sized[start]
        }
        if start == sized.count - 1, sizes.count > maxSegments { start -= 1 }
        return start < sized.count - 1 ? start..<sized.count : nil
    }

    /// Merges the run ``mergeRun(sizes:)`` chooses, if any. Called after each commit, whose
    /// transaction is durable already: a failure to merge is logged, not thrown.
    func compactIfNeeded() throws {
        guard let run = Self.mergeRun(sizes: view.manifest.segments.map(\.bytes)) else { return }
        do {
            try merge(run)
        } catch let simulated as SimulatedCrash {
            crashed = true
            throw simulated
        } catch {
            logger.warning("could not merge segments; the store stays as committed", metadata: ["error": "\(error)"])
        }
    }

    /// Merges every segment into one (`dealers store compact`).
    public func compact() throws {
        try checkWritable()
        guard view.segments.count > 1 || view.manifest.segments.first.map({ $0.deletions > 0 }) == true else { return }
        do {
            try merge(0..<view.segments.count)
        } catch let simulated as SimulatedCrash {
            crashed = true
            throw simulated
        }
    }

    /// Writes the segments of `range` as one (newest line of each key; deletions dropped when the
    /// run starts at the oldest segment, since nothing older can hold the key), switches the
    /// manifest, then removes the merged files.
    private func merge(_ range: Range<Int>) throws {
        try checkWritable()
        let inputs = Array(view.segments[range])
        let id = view.manifest.nextSegment
        // Everything deleted: the run is replaced by nothing.
        let info = try SegmentWriter.write(folder: segmentsDirectory, id: id) { writer in
            var cursor = try DocumentCursor(segments: inputs, prefix: [], includeDeletions: range.lowerBound > 0)
            while let (segment, entry) = try cursor.next() {
                try writer.append(line: segment.line(of: entry), keyLength: entry.keyLength, isDeletion: entry.isDeletion)
            }
        }
        try crash.check(.midCompaction)
        try switchManifest(replacing: range, with: info.map { [$0] } ?? [], nextSegment: id + 1)
        try crash.check(.afterCompaction)
        for segment in inputs {
            try StoreFiles.remove(segmentsDirectory.appendingPathComponent(Segment.dataName(segment.id)))
            try StoreFiles.remove(segmentsDirectory.appendingPathComponent(Segment.indexName(segment.id)))
        }
        logger.debug("merged segments", metadata: ["merged": "\(inputs.map(\.id))", "into": "\(id)", "lines": "\(info.map { $0.documents + $0.deletions } ?? 0)"])
    }
}
