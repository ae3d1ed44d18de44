import Foundation
import DealersSupport

/// Sorts contract-history rows chronologically in bounded memory: an external merge sort
/// (``ExternalSort``).
///
/// Rows are collected in memory up to `runLength`; a full buffer is sorted and spilled to a
/// run file (the fields of each row, see ``HistoryRow/write(to:)``) in a private temporary folder
/// (``SpillRuns``).
/// ``drain(_:)`` then merges the runs: it keeps one row per run in memory and repeatedly emits
/// the earliest. Memory is therefore `runLength` rows while collecting and one row per run while
/// merging, whatever the size of the store; disk use is the size of the history. A history that
/// fits in one run never touches the disk. The temporary folder is removed when the sorter goes.
package final class HistoryRowSorter {
    private let sort: ExternalSort<HistoryRow>

    /// Creates a sorter that spills every `runLength` rows (100,000 rows is some 30 MB).
    package init(runLength: Int = 100_000) {
        sort = ExternalSort(runLength: runLength, prefix: "dealers-history-sort", by: HistoryRow.precedes,
                            encode: { row, writer in row.write(to: &writer) },
                            decode: { reader in HistoryRow(reading: &reader) })
    }

    /// Rows held in memory before a run is spilled.
    package var runLength: Int { sort.runLength }

    /// The number of run files spilled so far.
    package var spilledRuns: Int { sort.spilledRuns }

    /// Adds a row.
    /// - Throws: ``DealersError`` `.io` when a run file cannot be written.
    package func add(_ row: HistoryRow) throws {
        try sort.add(row)
    }

    /// Calls `body` with every row added, in chronological order (``HistoryRow/precedes(_:_:)``).
    /// - Throws: ``DealersError`` `.io` for an unreadable or damaged run file; what `body` throws.
    package func drain(_ body: (HistoryRow) throws -> Void) throws {
        try sort.drain(body)
    }
}
