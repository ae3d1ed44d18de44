import Foundation
import DealersOutbox
import DealersSupport

/// Writes some of a report's targets on a thread of its own: the thread that builds the rows
/// hands them over in batches through a ``BatchQueue`` (at most a few waiting, so memory stays
/// bounded) and goes on while the lane writes them, in order, to its targets. ``ReportFanOut``
/// gives the operator's files and the dealers' files a lane each, so the two sets of workbooks
/// are written (and compressed when closed) on both cores; each libxlsxwriter workbook and CSV
/// file is touched by one thread only, the lane's.
///
/// `@unchecked Sendable`: the targets are used only by the lane's thread once it has started;
/// `batch` only by the sending thread.
package final class ReportLane: @unchecked Sendable {
    /// A row, the dealer that owns it (`nil`: the operator's own) and the seller whose client it concerns.
    package typealias Row = (values: [OutputValue], dealer: String?, seller: String?)

    /// Rows handed over at once.
    package static let batchSize = 512
    /// Batches that may wait before the sender blocks.
    package static let queueLimit = 8

    private let queue = BatchQueue<Row>(limit: ReportLane.queueLimit)
    private var targets: [ReportTarget]
    private var cuts: SellerCuts?
    private var batch: [Row] = []
    private var work: BackgroundWork<Void>?

    /// Starts the lane's thread for `targets` (already opened by the caller, so that a folder
    /// that cannot be written fails at once) and the seller cuts, opened by the lane as rows reach them.
    package init(targets: [ReportTarget], cuts: SellerCuts? = nil) {
        self.targets = targets
        self.cuts = cuts
        batch.reserveCapacity(Self.batchSize)
        work = BackgroundWork { [self] in try run() }
    }

    /// Queues a row for every target of the lane that takes it.
    /// - Throws: the error of the lane's writers, if one has failed already.
    package func send(_ values: [OutputValue], dealer: String?, seller: String? = nil) throws {
        batch.append((values, dealer, seller))
        if batch.count >= Self.batchSize { try push() }
    }

    /// Sends what is left, waits until the lane has written everything and closed its targets
    /// (publishing the files).
    /// - Throws: the first error of the lane's writers (the files are then not published).
    package func finish() throws {
        try push()
        queue.finish()
        try work?.value()
    }

    /// Stops the lane without publishing anything: its temporary files are deleted.
    package func abandon() {
        queue.finish(throwing: DealersError(.internalError, path: nil, "report abandoned"))
    }

    private func push() throws {
        guard !batch.isEmpty else { return }
        guard queue.put(batch) else {
            // The lane stopped on an error: that error.
            try work?.value()
            throw DealersError(.internalError, path: nil, "a report's writer thread stopped")
        }
        batch.removeAll(keepingCapacity: true)
    }

    /// The lane's thread: writes batches until the sender finishes, then closes the targets.
    /// On an error (or when abandoned) nothing is published: the writers are dropped, which
    /// deletes their temporary files.
    private func run() throws {
        do {
            while let rows = try queue.take() {
                for row in rows {
                    for target in targets where target.takes(row.dealer) { try target.append(row.values) }
                    try cuts?.append(row.values, dealer: row.dealer, seller: row.seller)
                }
            }
            for target in targets { try target.close() }
            targets = []
            try cuts?.close()
            cuts = nil
        } catch {
            queue.stop()
            targets = []
            cuts = nil
            throw error
        }
    }
}
