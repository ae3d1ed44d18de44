/// The bytes of a batch of delimited records in one reusable, fixed-layout buffer (issue 30,
/// item 1): each record's cells one after the other in ``bytes`` (their ends, relative to the
/// record's first cell, in ``ends``), then its bytes as read, for the rejected-rows file. A
/// record refers to its stretch of the arena (``ByteCells``, ``SourceRecord/raw``) instead of
/// owning three arrays of its own, so a row costs no allocation and no free on the reading side.
///
/// A class, referenced by the records in it: ``RecordArenas`` hands an arena out again only once
/// no record refers to it any more (`isKnownUniquelyReferenced`), so a record kept longer than
/// its batch (a deferred row, the header) stays intact; those are ``SourceRecord/detached()``
/// where they are kept, so that they do not hold a whole arena. Written by the reading thread
/// only while it fills the batch, then only read until it is handed out again:
/// `@unchecked Sendable` under that discipline.
package final class RecordArena: @unchecked Sendable {
    /// The records' cell bytes and raw bytes. Unchecked exclusivity: the runtime's check of every
    /// access (1.1 % of the reading thread's samples) guards nothing here, where one thread
    /// writes and then hands the arena over.
    @exclusivity(unchecked) package private(set) var bytes: [UInt8] = []
    /// The records' cell ends, each relative to its record's first cell byte.
    @exclusivity(unchecked) package private(set) var ends: [Int] = []

    /// An empty arena.
    package init() {}

    /// Capacity kept across batches: an arena that held a larger record starts afresh instead,
    /// so that one long record does not keep its size for the rest of the run.
    package static let keptCapacity = 1 << 20

    /// Appends one record's cells (their bytes and ends, as ``ByteCells`` holds them) and returns
    /// where they start in ``bytes`` and ``ends``.
    package func appendCells(_ cellBytes: UnsafeBufferPointer<UInt8>, ends cellEnds: UnsafeBufferPointer<Int>) -> (bytes: Int, ends: Int) {
        let start = (bytes.count, ends.count)
        bytes.append(contentsOf: cellBytes)
        ends.append(contentsOf: cellEnds)
        return start
    }

    /// Appends bytes (a record's raw bytes, possibly in two pieces) and returns where they start.
    package func appendBytes(_ piece: UnsafeBufferPointer<UInt8>) -> Int {
        let start = bytes.count
        bytes.append(contentsOf: piece)
        return start
    }

    /// Forgets every record, keeping the capacity up to ``keptCapacity``.
    package func reset() {
        if bytes.capacity > Self.keptCapacity { bytes = [] } else { bytes.removeAll(keepingCapacity: true) }
        if ends.capacity > Self.keptCapacity / 8 { ends = [] } else { ends.removeAll(keepingCapacity: true) }
    }

    /// `body` on the bytes in `range`.
    @inline(__always)
    package func withBytes<R>(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// `body` on ``bytes`` and ``ends`` at once (a record's cells, see ``ByteCells/withView(_:)``).
    @inline(__always)
    package func withBuffers<R>(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<Int>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { bytes in try ends.withUnsafeBufferPointer { try body(bytes, $0) } }
    }

    /// The end at `index` of ``ends``.
    @inline(__always)
    package func end(_ index: Int) -> Int { ends[index] }
}

/// The arenas of one file's reading thread: the one the records being read go to
/// (``current``), and a few handed over with their batches, taken again once no record refers
/// to them. At most ``limit`` are kept: an arena still referred to when a fresh one is needed
/// is left to its holders (freed with the last of them) and replaced in the pool, so memory is
/// bounded by the batches in flight, never grown per file.
package final class RecordArenas: @unchecked Sendable {
    /// Where the records being read now go.
    package private(set) var current = RecordArena()
    private var pool: [RecordArena]
    /// The most arenas kept.
    package let limit: Int

    /// Arenas for a hand-over of `limit - 2` batches in flight (the queue's, the one being read,
    /// the one being applied).
    package init(limit: Int) {
        self.limit = max(2, limit)
        pool = [current]
    }

    /// The batch written so far was handed over: the next records go to an arena no record refers
    /// to any more, or a new one.
    package func next() {
        for i in pool.indices where pool[i] !== current && isKnownUniquelyReferenced(&pool[i]) {
            pool[i].reset()
            current = pool[i]
            return
        }
        let fresh = RecordArena()
        if pool.count < limit {
            pool.append(fresh)
        } else if let pinned = pool.firstIndex(where: { $0 !== current }) {
            pool[pinned] = fresh
        }
        current = fresh
    }
}
