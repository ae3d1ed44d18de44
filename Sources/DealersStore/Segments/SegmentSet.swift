import Foundation

/// The segments a store instance reads, oldest first, as one sorted map from key to document:
/// the newest line of a key wins, and a deletion hides the older lines.
final class SegmentSet {
    /// The live segments, oldest first.
    let segments: [Segment]
    let manifest: Manifest

    init(segments: [Segment], manifest: Manifest) {
        self.segments = segments
        self.manifest = manifest
    }

    /// Opens every segment a manifest lists; `nil` when one of them is gone (the manifest was
    /// replaced meanwhile: read it again).
    static func open(_ manifest: Manifest, folder: URL) throws -> SegmentSet? {
        var segments: [Segment] = []
        segments.reserveCapacity(manifest.segments.count)
        for info in manifest.segments {
            guard let segment = try Segment.open(in: folder, info: info) else { return nil }
            segments.append(segment)
        }
        return SegmentSet(segments: segments, manifest: manifest)
    }

    /// Point look-ups since the mapped pages were last given back.
    private var lookups = 0

    /// The newest line of a key: its segment and entry (possibly a deletion), or `nil`.
    ///
    /// Every ``MappedFile/scatteredReadsPerRelease`` × 4 look-ups the pages they touched are
    /// given back, so that a long run of look-ups (a large file applied to a large store) does
    /// not map the whole store. (A look-up's binary search shares the upper levels of the
    /// index with every other, so it faults in fewer new pages than a scattered read.)
    func newest(_ key: UnsafeRawBufferPointer) throws -> (segment: Segment, entry: Segment.Entry)? {
        lookups += 1
        if lookups >= MappedFile.scatteredReadsPerRelease * 4 {
            lookups = 0
            for segment in segments { segment.releaseAll() }
        }
        for segment in segments.reversed() {
            if let entry = try segment.find(key) { return (segment, entry) }
        }
        return nil
    }

    /// Whether a live document is under a key.
    func holds(_ key: UnsafeRawBufferPointer) throws -> Bool {
        try newest(key).map { !$0.entry.isDeletion } ?? false
    }

    /// The document under a key, or `nil` when there is none. A large document's pages are
    /// given back once copied: a sync feed reads every change-log entry of its period (some
    /// 2 MB each, one per 50,000 changes), too few look-ups for the periodic release above, and
    /// they stayed resident — 70 MiB for a 1 M-row run's, 190 MiB for a 4 M-row run's.
    func read(_ key: StoreKey) throws -> Data? {
        try key.withBytes { bytes in
            guard let (segment, entry) = try newest(bytes), !entry.isDeletion else { return nil }
            let data = Data(segment.value(of: entry))
            if entry.length >= Self.largeDocument { segment.data.release(entry.offset..<(entry.offset + entry.length)) }
            return data
        }
    }

    /// The length of a line from which a read gives its pages back at once.
    static let largeDocument = 1 << 18

    /// A cursor over the live documents whose keys start with `prefix`, in key order.
    func cursor(prefix: [UInt8]) throws -> DocumentCursor {
        try DocumentCursor(segments: segments, prefix: prefix)
    }
}

/// Walks the live documents under a prefix in key order, merging the segments: for a key in
/// several segments the newest line is taken, and deleted keys are skipped. Holds one position
/// per segment, nothing else.
struct DocumentCursor {
    private struct Head {
        let segment: Segment
        var position: Int
        var entry: Segment.Entry?
        /// Where the cursor started in this segment.
        let start: Int
        /// The position up to which pages were last given back (see ``MappedFile/release(_:)``).
        var released: Int
    }

    private var heads: [Head]
    private let prefix: [UInt8]
    private let includeDeletions: Bool

    /// - Parameter includeDeletions: yield the newest line of a key even when it deletes it (merges).
    init(segments: [Segment], prefix: [UInt8], includeDeletions: Bool = false) throws {
        self.prefix = prefix
        self.includeDeletions = includeDeletions
        heads = []
        for segment in segments {
            let start = try prefix.withUnsafeBytes { try segment.lowerBound($0) }
            // The binary search faulted in pages all over the index — whole large folios of a
            // segment just written, 16 MiB for a 1 M-row commit's — that the walk below never
            // passes, so never gives back: they stayed resident as long as the store was open.
            segment.releaseIndex()
            var head = Head(segment: segment, position: start, entry: nil, start: start, released: start)
            try Self.load(&head, prefix: prefix)
            heads.append(head)
        }
    }

    /// The next live document: its segment and entry (a deletion only with `includeDeletions`), or `nil` at the end.
    mutating func next() throws -> (segment: Segment, entry: Segment.Entry)? {
        while true {
            var chosen: Int?
            for i in heads.indices {
                guard let entry = heads[i].entry else { continue }
                if let c = chosen, let best = heads[c].entry {
                    // Later segments are newer: on equal keys the later one wins.
                    if KeyBytes.compare(heads[i].segment.key(of: entry), heads[c].segment.key(of: best)) <= 0 { chosen = i }
                } else {
                    chosen = i
                }
            }
            guard let c = chosen, let winner = heads[c].entry else { return nil }
            let segment = heads[c].segment
            let key = segment.key(of: winner)
            for i in heads.indices {
                if let entry = heads[i].entry, KeyBytes.compare(heads[i].segment.key(of: entry), key) == 0 {
                    heads[i].position += 1
                    try Self.load(&heads[i], prefix: prefix)
                }
            }
            if includeDeletions || !winner.isDeletion { return (segment, winner) }
        }
    }

    private static func load(_ head: inout Head, prefix: [UInt8]) throws {
        if head.position - head.released >= 512 {
            // A long pass: the pages behind are not needed again. Everything behind is given
            // back, not only the stretch since the last time: a fault maps the pages around it
            // (large folios), on both sides, and releasing only the latest stretch left about
            // half of a sequential pass resident (measured: 93 MiB of 190 MiB).
            try head.segment.release(from: head.start, to: head.position)
            head.released = head.position
        }
        guard head.position < head.segment.count else { head.entry = nil; return }
        let entry = try head.segment.entry(head.position)
        let matches = prefix.withUnsafeBytes { KeyBytes.hasPrefix(head.segment.key(of: entry), $0) }
        head.entry = matches ? entry : nil
    }
}
