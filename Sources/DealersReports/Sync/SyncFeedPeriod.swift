import DealersDomainStore
import DealersModel
import DealersStore
import DealersSupport

/// The changes of one feed period (the change-log entries after the feed's position): the last
/// change of each user, in order of sequence then document, as the feed writes them; a user
/// created in the period stays CREATED whatever changed after.
///
/// Memory does not grow with the users changed: every change goes through two external sorts
/// (``ExternalSort``, runs of ``runLength`` changes): by document, which brings each user's
/// changes together so that the last one (and whether one created the user) is found, and then
/// the survivors by sequence and document. A period of a few thousand changes never touches
/// the disk; one of a million-row file (a million changes) is up to 100 MB of temporary runs
/// instead of 240 MB of memory (docs/performance.md, "`dealers run` within 256 MiB").
package final class SyncFeedPeriod {
    /// The sequence of the period's last entry (the feed's position when there is none).
    package let last: Int
    /// Changes held in memory by each sort before it spills a run.
    package let runLength: Int
    /// Every change read, by document then order of reading.
    private let byDocument: ExternalSort<PeriodChange>
    /// The as-of date and source of each entry, by sequence: a few per file processed.
    private var entries: [Int: (asOf: CivilDate, source: String)] = [:]

    /// Changes a sort holds before it spills by default: some 4 MB.
    package static let defaultRunLength = 100_000

    /// Reads the change-log entries of `store` after sequence `lastSequence`, one at a time.
    /// - Throws: ``DealersError`` `.corruptStore` for an entry that does not decode, `.io` when a
    ///   run cannot be written.
    package init(after lastSequence: Int, in store: any DocumentReading, runLength: Int = SyncFeedPeriod.defaultRunLength) throws {
        self.runLength = runLength
        byDocument = PeriodChange.sort(runLength: runLength) { a, b in
            a.document != b.document ? a.document < b.document : a.ordinal < b.ordinal
        }
        var sequence = lastSequence
        var ordinal = 0
        while let entry = try store.readJSON(ChangeLogEntry.self, ChangeLogEntry.key(sequence + 1)) {
            sequence += 1
            entries[entry.sequence] = (entry.asOf, entry.source)
            for change in entry.changes {
                try byDocument.add(PeriodChange(document: change.document, sequence: entry.sequence, ordinal: ordinal, kind: change.kind))
                ordinal += 1
            }
        }
        last = sequence
    }

    /// Calls `body` with the last change of each user in the period, in order of sequence then
    /// document. Call once: the changes are handed out as they are forgotten.
    /// - Throws: ``DealersError`` `.io` for a run file; what `body` throws.
    package func forEachLatest(_ body: (Pending) throws -> Void) throws {
        let inOrder = PeriodChange.sort(runLength: runLength) { a, b in
            a.sequence != b.sequence ? a.sequence < b.sequence : a.document < b.document
        }
        var latest: PeriodChange?
        var created = false
        func keepLatest() throws {
            guard var change = latest else { return }
            if created { change.kind = .created }
            try inOrder.add(change)
        }
        try byDocument.drain { change in
            if latest?.document != change.document {
                try keepLatest()
                created = false
            }
            // Once CREATED in the period, a user stays CREATED (the app does not have them yet).
            created = created || change.kind == .created
            latest = change
        }
        try keepLatest()
        try inOrder.drain { change in
            guard let entry = entries[change.sequence] else { return }
            try body(Pending(document: change.document, sequence: change.sequence, kind: change.kind,
                             asOf: entry.asOf, source: entry.source))
        }
    }
}

/// A user's last change in a feed's period, before the user's current data is read.
package struct Pending {
    package var document: String
    package var sequence: Int
    package var kind: ChangeLogEntry.Kind
    package var asOf: CivilDate
    package var source: String
}

/// One change of the period as the sorts hold it.
private struct PeriodChange {
    var document: String
    var sequence: Int
    /// The change's position in the period, in reading order (sequence, then its place in the entry).
    var ordinal: Int
    var kind: ChangeLogEntry.Kind

    /// An external sort of changes in the order `precedes` (total: the ordinal breaks ties).
    static func sort(runLength: Int, by precedes: @escaping (PeriodChange, PeriodChange) -> Bool) -> ExternalSort<PeriodChange> {
        ExternalSort(runLength: runLength, prefix: "dealers-sync-feed", by: precedes, encode: { change, writer in
            writer.text(change.document)
            writer.int(change.sequence)
            writer.int(change.ordinal)
            writer.text(change.kind.rawValue)
        }, decode: { reader in
            guard let document = reader.text(), let sequence = reader.int(), let ordinal = reader.int(),
                  let kind = reader.text().flatMap(ChangeLogEntry.Kind.init(rawValue:)) else { return nil }
            return PeriodChange(document: document, sequence: sequence, ordinal: ordinal, kind: kind)
        })
    }
}
