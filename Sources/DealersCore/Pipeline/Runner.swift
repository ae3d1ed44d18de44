import Foundation
import Logging

/// One `dealers run`: every ready file of the inbox, in the order of §5 (collectives, then
/// users, then payments and statements; by time, then name), then the reports.
public struct Runner: RunStep {
    /// The workspace, as-of date and logger of the run.
    public let context: RunContext

    /// Creates a runner.
    public init(context: RunContext) {
        self.context = context
    }

    /// What a run did.
    public struct Summary: Sendable {
        /// One receipt per processed file, in processing order.
        public var receipts: [Receipt] = []
        /// Inbox folders that are not declared dealers.
        public var unknownFolders: [String] = []
        /// Files left for a later run because they were still changing.
        public var unstable: [String] = []
        /// Files left in the inbox because of a problem with the file itself (changed while it
        /// was read …), with the reason.
        public var failed: [String] = []

        /// 0 when everything was applied, 65 when some row or file was rejected or left.
        public var exitCode: Int32 {
            let bad = receipts.contains { $0.status == .rejected || $0.status == .partial }
            return bad || !unknownFolders.isEmpty || !failed.isEmpty ? 65 : 0
        }
    }

    /// Processes the inbox with the store already open.
    public func run(store: DocumentStore, now: Date = Date(), progress: ProgressReporter? = nil) throws -> Summary {
        let found = try scan(now: now)
        for folder in found.unknownFolders {
            logger.error("inbox/\(folder)/ is not a declared dealer (dealers.json); its files are not processed",
                         metadata: ["folder": "\(folder)"])
        }
        // A problem with one file (it changed while being read …) leaves it in the inbox and
        // the run goes on; anything else (the store, the disk) ends the run.
        var failed: [String] = []
        var summary = try process(found, store: store, progress: progress, onFileError: { entry, error in
            guard let problem = error as? DealersError, problem.kind == .data else { throw error }
            logger.error("\(entry.url.lastPathComponent): \(problem.message)", metadata: ["dealer": "\(entry.dealer ?? "-")"])
            failed.append("\(entry.url.lastPathComponent): \(problem.message)")
        })
        summary.failed = failed
        return summary
    }

    /// Looks for ready files (§5 step 1); see ``InboxScanner``.
    public func scan(now: Date = Date(), tracker: StabilityTracker? = nil) throws -> InboxScanner.Result {
        // Layouts that ask for `.done` markers; a broken layout is reported when files are processed.
        let markerLayouts = ((try? LayoutCatalog(folder: workspace.layouts))?.layouts ?? []).filter(\.doneMarker)
        return try InboxScanner(workspace: workspace, now: now, tracker: tracker, markerLayouts: markerLayouts).scan()
    }

    /// Processes the ready files of a scan in the order of §5, then regenerates the reports when
    /// a file was processed.
    /// - Parameters:
    ///   - shouldStop: asked before each file; when it says yes the remaining files are left in
    ///     the inbox for the next run (the file in hand is always finished).
    ///   - onFileError: when given, an error processing one file is handed to it (which may
    ///     rethrow) and the run goes on with the next file; otherwise the error ends the run.
    ///   - refreshReports: regenerate the reports and the sync feed when a file was processed
    ///     (`watch` passes `false` and refreshes them on its own schedule).
    public func process(_ scan: InboxScanner.Result, store: DocumentStore, progress: ProgressReporter? = nil,
                        refreshReports: Bool = true, shouldStop: () -> Bool = { false },
                        onFileError: ((InboxScanner.Entry, Error) throws -> Void)? = nil) throws -> Summary {
        var summary = Summary(unknownFolders: scan.unknownFolders, unstable: scan.unstable)
        guard !scan.ready.isEmpty else {
            // Catches up a feed left behind by a run that stopped after its commits (one read when none is).
            if refreshReports { try SyncFeed(context: context).write(store: store) }
            return summary
        }
        let catalog = try LayoutCatalog(folder: workspace.layouts)
        let processor = FileProcessor(context: context, catalog: catalog, progress: progress)
        let ordered = scan.ready
            .map { entry in (entry, catalog.identify(entry.url)) }   // identified once, used twice
            .sorted { a, b in
                let rankA = a.1.layout?.kind.processingRank ?? 3, rankB = b.1.layout?.kind.processingRank ?? 3
                if rankA != rankB { return rankA < rankB }
                if a.0.modified != b.0.modified { return a.0.modified < b.0.modified }
                return a.0.url.lastPathComponent < b.0.url.lastPathComponent
            }
        for (entry, match) in ordered {
            if shouldStop() { break }
            let receipt: Receipt
            do {
                receipt = try processor.process(entry.url, dealer: entry.dealer, store: store, identified: match)
            } catch {
                guard let onFileError else { throw error }
                try onFileError(entry, error)
                continue
            }
            // The file's `.done` marker, when it had one, goes with it.
            try? FileManager.default.removeItem(at: InboxScanner.doneMarker(for: entry.url))
            let level: Logger.Level = receipt.status == .applied || receipt.status == .duplicate ? .info : .warning
            logger.log(level: level, "\(PersonalData.mask(receipt.summary))", metadata: ["dealer": "\(entry.dealer ?? "-")"])
            summary.receipts.append(receipt)
        }
        if !refreshReports {
        } else if !summary.receipts.isEmpty {
            try ReportGenerator(context: context).generate(store: store)
        } else {
            try SyncFeed(context: context).write(store: store)
        }
        return summary
    }
}
