import Foundation
import DealersSupport

/// Sorts contract-history rows chronologically in bounded memory: an external merge sort.
///
/// Rows are collected in memory up to `runLength`; a full buffer is sorted and spilled to a
/// run file (the fields of each row, see ``HistoryRow/write(to:)``) in a private temporary folder
/// (``SpillRuns``).
/// ``drain(_:)`` then merges the runs: it keeps one row per run in memory and repeatedly emits
/// the earliest. Memory is therefore `runLength` rows while collecting and one row per run while
/// merging, whatever the size of the store; disk use is the size of the history. A history that
/// fits in one run never touches the disk. The temporary folder is removed when the sorter goes.
package final class HistoryRowSorter {
    /// Rows held in memory before a run is spilled.
    package let runLength: Int
    private var buffer: [HistoryRow] = []
    private let runs = SpillRuns<HistoryRow>(prefix: "dealers-history-sort", encode: { row, writer in row.write(to: &writer) },
                                             decode: { reader in HistoryRow(reading: &reader) })

    /// Creates a sorter that spills every `runLength` rows (100,000 rows is some 30 MB).
    package init(runLength: Int = 100_000) {
        self.runLength = max(1, runLength)
    }

    /// The number of run files spilled so far.
    package var spilledRuns: Int { runs.count }

    /// Adds a row.
    /// - Throws: ``DealersError`` `.io` when a run file cannot be written.
    package func add(_ row: HistoryRow) throws {
        buffer.append(row)
        if buffer.count >= runLength { try spill() }
    }

    /// Calls `body` with every row added, in chronological order (``HistoryRow/precedes(_:_:)``).
    /// - Throws: ``DealersError`` `.io` for an unreadable or damaged run file; what `body` throws.
    package func drain(_ body: (HistoryRow) throws -> Void) throws {
        buffer.sort(by: HistoryRow.precedes)
        if runs.count == 0 {
            for row in buffer { try body(row) }
            buffer = []
            return
        }
        if !buffer.isEmpty { try spill() }
        try runs.merge(by: HistoryRow.precedes, body)
    }

    private func spill() throws {
        buffer.sort(by: HistoryRow.precedes)
        let run = try runs.start()
        for row in buffer { try runs.append(row, to: run) }
        try runs.end(run)
        buffer.removeAll(keepingCapacity: true)
    }
}
