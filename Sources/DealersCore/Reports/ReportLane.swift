import Foundation

/// Writes some of a report's targets on a thread of its own: the thread that builds the rows
/// hands them over in batches (at most a few waiting, so memory stays bounded) and goes on while
/// the lane writes them, in order, to its targets. ``ReportFanOut`` gives the operator's files
/// and the dealers' files a lane each, so the two sets of workbooks are written (and compressed
/// when closed) on both cores; each libxlsxwriter workbook and CSV file is touched by one thread
/// only, the lane's.
///
/// `@unchecked Sendable`: the targets are used only by the lane's thread once the lane is
/// created; the queue, the end flags and the first error are guarded by `condition`.
final class ReportLane: @unchecked Sendable {
    /// A row and the dealer that owns it (`nil`: the operator's own).
    typealias Row = (values: [OutputValue], dealer: String?)

    /// Rows handed over at once.
    static let batchSize = 512
    /// Batches that may wait before the sender blocks.
    static let queueLimit = 8

    private let condition = NSCondition()
    private var queue: [[Row]] = []
    private var ended = false
    private var abandoned = false
    private var finished = false
    private var failure: (any Error)?
    /// Touched only by the lane's thread after `init`.
    private var targets: [ReportTarget]
    /// Touched only by the sending thread.
    private var batch: [Row] = []

    /// Starts the lane's thread for `targets` (already opened by the caller, so that a folder
    /// that cannot be written fails at once).
    init(targets: [ReportTarget]) {
        self.targets = targets
        batch.reserveCapacity(Self.batchSize)
        Thread { [self] in run() }.start()
    }

    /// Queues a row for every target of the lane that takes it.
    /// - Throws: the first error of the lane's writers, if one has failed already.
    func send(_ values: [OutputValue], dealer: String?) throws {
        batch.append((values, dealer))
        if batch.count >= Self.batchSize { try push() }
    }

    /// Sends what is left, waits until the lane has written everything and closed its targets
    /// (publishing the files).
    /// - Throws: the first error of the lane's writers (the files are then not published).
    func finish() throws {
        try push()
        condition.lock()
        ended = true
        condition.broadcast()
        while !finished { condition.wait() }
        let failure = self.failure
        condition.unlock()
        if let failure { throw failure }
    }

    /// Stops the lane without publishing anything: its temporary files are deleted.
    func abandon() {
        condition.lock()
        abandoned = true
        ended = true
        condition.broadcast()
        condition.unlock()
    }

    private func push() throws {
        guard !batch.isEmpty else { return }
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= Self.queueLimit, failure == nil, !abandoned { condition.wait() }
        if let failure { throw failure }
        queue.append(batch)
        batch.removeAll(keepingCapacity: true)
        condition.broadcast()
    }

    /// The lane's thread: writes batches until the sender ends, then closes the targets.
    private func run() {
        while let rows = nextBatch() {
            do {
                for row in rows {
                    for target in targets where target.takes(row.dealer) { try target.append(row.values) }
                }
            } catch {
                fail(error)
            }
        }
        condition.lock()
        let publish = failure == nil && !abandoned
        condition.unlock()
        if publish {
            do {
                for target in targets { try target.close() }
            } catch {
                fail(error)
            }
        }
        targets = []   // unpublished writers delete their temporary files
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch to write, or `nil` once the sender has ended (or the lane failed or was
    /// abandoned: what is still queued is dropped).
    private func nextBatch() -> [Row]? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty, !ended { condition.wait() }
        guard !abandoned, failure == nil, !queue.isEmpty else { return nil }
        let rows = queue.removeFirst()
        condition.broadcast()
        return rows
    }

    private func fail(_ error: any Error) {
        condition.lock()
        if failure == nil { failure = error }
        condition.broadcast()
        condition.unlock()
    }
}
