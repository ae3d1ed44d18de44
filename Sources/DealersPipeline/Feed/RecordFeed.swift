import Foundation
import DealersLayouts
import DealersReading
import DealersSupport
import DealersValidation

/// Reads one file with its layout, validates each record and maps each valid row to its
/// command: everything about a row that does not need the store. ``forEach(onThread:_:)`` runs
/// it inline or on a second thread that stays a bounded distance ahead of the caller, which
/// applies the rows meanwhile (two cores; see docs/performance.md for both measured).
package struct RecordFeed: Sendable {
    package let file: URL
    package let layout: Layout
    package let commands: RowCommands
    package let defaultCountry: String?

    /// Items per hand-over between the threads, and hand-overs the queue holds: at most
    /// 4 × 256 records (about 2 MiB) are read ahead of the rules.
    package static let batchSize = 256
    package static let queuedBatches = 4

    /// Calls `body` with every item of the file, in file order.
    /// - Parameter onThread: read and validate on a second thread, `body` running on this one
    ///   meanwhile; `false` does both here, one record at a time.
    /// - Returns: how often and how long each thread waited for the other at the hand-over
    ///   (`nil` on one thread).
    /// - Throws: the reader's error (a file that cannot be read: ``DealersError``) after the
    ///   items before it, or `body`'s error (the reading thread is then stopped and waited for).
    @discardableResult
    package func forEach(onThread: Bool, _ body: (FeedItem) throws -> Void) throws -> HandOverWaits? {
        guard onThread else {
            try produce(body)
            return nil
        }
        let queue = BatchQueue<FeedItem>(limit: Self.queuedBatches)
        let feed = self
        let reader = BackgroundWork {
            struct Stopped: Error {}
            var batch: [FeedItem] = []
            // A batch's records are in one arena, taken again once the batch came back (the
            // queue's batches, the one being read, the one being applied, one given back).
            let arenas = RecordArenas(limit: Self.queuedBatches + 3)
            do {
                try feed.produce(arenas: arenas) { item in
                    batch.append(item)
                    if batch.count >= Self.batchSize {
                        guard queue.put(batch) else { throw Stopped() }
                        batch = []
                        // The rows the applying side is done with are freed here, where they were made.
                        _ = queue.takeBack()
                        arenas.next()
                    }
                }
                if !batch.isEmpty { _ = queue.put(batch) }
                queue.finish()
            } catch is Stopped {
                queue.finish()
            } catch {
                queue.finish(throwing: error)
            }
        }
        // Whatever ends the loop, the reading thread is stopped and waited for before returning.
        defer {
            queue.stop()
            _ = try? reader.value()
        }
        while let batch = try queue.take() {
            for item in batch { try body(item) }
            queue.giveBack(batch)
        }
        return queue.waits
    }

    /// Reads, validates and maps, handing each item to `emit`; a delimited file's records go to
    /// `arenas` when given (the hand-over in batches).
    private func produce(arenas: RecordArenas? = nil, _ emit: (FeedItem) throws -> Void) throws {
        let validator = RowValidator(layout: layout, defaultCountry: defaultCountry)
        var headerBound = layout.headerLine == nil && layout.headerRecordNumber == 0
        if headerBound { try emit(.header(nil, problems: [], columns: FieldColumns(validator), stop: false)) }
        var recordNumber = 0
        struct Stop: Error {}
        do {
            try RecordSources.make(file, layout: layout, arenas: arenas).read { record in
                recordNumber += 1
                if !headerBound {
                    guard isHeader(record, number: recordNumber) else { return }
                    headerBound = true
                    let problems = validator.bindHeader(record)
                    let stop = problems.contains { $0.code == .missingColumn }
                        || (layout.unknownColumns == .reject && problems.contains { $0.code == .unknownColumn })
                    // Kept for the whole file (the error files' header): not in an arena.
                    try emit(.header(record.detached(), problems: problems, columns: FieldColumns(validator), stop: stop))
                    if stop { throw Stop() }
                    return
                }
                if record.isBlank { return }
                let row = validator.validate(record) { validated, errors in
                    FeedRow(record: record, errors: errors, command: validated.map(commands.command(for:)))
                }
                try emit(.row(row))
            }
        } catch is Stop {
        }
    }

    /// Whether a record is the header; the records before it are the preamble, not rows.
    private func isHeader(_ record: SourceRecord, number: Int) -> Bool {
        if let line = layout.headerLine { return record.line >= line }
        if case .xlsx(let x) = layout.format { return record.line >= x.headerRow }
        return number == layout.headerRecordNumber
    }

    /// Creates a value from each stored property (the memberwise initialiser, for the package's other targets).
    package init(
        file: URL,
        layout: Layout,
        commands: RowCommands,
        defaultCountry: String?
    ) {
        self.file = file
        self.layout = layout
        self.commands = commands
        self.defaultCountry = defaultCountry
    }
}
