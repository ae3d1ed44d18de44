import Foundation
import Logging
import DealersLayouts
import DealersModel
import DealersReports
import DealersStore
import DealersSupport
import DealersWorkspace

/// One `dealers run`: every ready file of the inbox (once those still settling have settled), in
/// the order of §5 (collectives, then users, then payments and statements; by time, then name),
/// then the reports.
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
        /// Files left for a later run because they were still changing (`ACME/altas.csv`).
        public var unstable: [String] = []
        /// Files left for a later run because their `.done` marker is missing.
        public var awaitingMarker: [String] = []
        /// Files left in the inbox because of a problem with the file itself (changed while it
        /// was read …), with the reason.
        public var failed: [String] = []
        /// Files another worker sharing the store had claimed (docs/store.md, "Workers sharing
        /// an inbox"): that worker answers them.
        public var claimedElsewhere: [String] = []

        /// 0 when everything was applied, 65 when some row or file was rejected, held or left.
        public var exitCode: Int32 {
            let bad = receipts.contains { $0.status == .rejected || $0.status == .partial || $0.status == .held }
            return bad || !unknownFolders.isEmpty || !failed.isEmpty ? 65 : 0
        }

        /// The run in one line: `run: 3 files processed (APPLIED 2, PARTIAL 1); left in the
        /// inbox: ACME/altas.csv (still being written)`, or `run: nothing to process …`.
        public var line: String {
            var s = "run: "
            if receipts.isEmpty {
                s += "nothing to process"
            } else {
                let byStatus = Dictionary(grouping: receipts, by: \.status.rawValue).map { "\($0.key) \($0.value.count)" }.sorted()
                s += "\(receipts.count) file\(receipts.count == 1 ? "" : "s") processed (\(byStatus.joined(separator: ", ")))"
            }
            let left = unstable.map { "\($0) (still being written)" }
                + awaitingMarker.map { "\($0) (waiting for its .done marker)" }
                + failed
                + claimedElsewhere.map { "\($0) (another worker has it)" }
                + unknownFolders.map { "inbox/\($0)/ (not a declared dealer)" }
            if !left.isEmpty { s += "; left in the inbox: " + left.joined(separator: "; ") }
            return s
        }
    }

    /// Processes the inbox with the store already open: waits for files that are still settling
    /// (``settledScan()``), then processes the whole batch in the order of §5.
    public func run(store: any DocumentBackend, progress: ProgressReporter? = nil) throws -> Summary {
        let found = try settledScan()
        for folder in found.unknownFolders {
            logger.error("inbox/\(folder)/ is not a declared dealer (dealers.json); its files are not processed",
                         metadata: ["folder": "\(folder)"])
        }
        for name in found.unstable {
            logger.warning("\(name): not processed: still being written after waiting \(workspace.settings.stabilitySeconds) s (stabilitySeconds); the next run takes it once it has settled")
        }
        for name in found.awaitingMarker {
            logger.warning("\(name): not processed: waiting for its marker \((name as NSString).lastPathComponent).done")
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

    /// Scans the inbox and, while some files are still settling (size or mtime changed within
    /// `stabilitySeconds`), waits and scans again, so that a batch copied in together is
    /// processed together, in the order of §5 (a dealer's file does not go before the
    /// collectives file it needs just because that one is larger and still arriving).
    ///
    /// The wait is bounded by the stability window: at most `stabilitySeconds` after it starts,
    /// by which time every file that had stopped changing when the run began is ready. A file
    /// still changing then is left for a later run (``Summary/unstable``). The time and the
    /// pauses come from the context's ``RunContext/clock``.
    public func settledScan() throws -> InboxScanner.Result {
        let start = clock.now
        let tracker = StabilityTracker()
        var result = try scan(now: start, tracker: tracker)
        let deadline = start.addingTimeInterval(workspace.settings.stabilitySeconds)
        var told = false
        while !result.unstable.isEmpty {
            let now = clock.now
            guard now < deadline else { break }
            if !told {
                logger.info("waiting up to \(workspace.settings.stabilitySeconds) s for \(result.unstable.count) file(s) still being written: \(result.unstable.joined(separator: ", "))")
                told = true
            }
            let wake = min(result.nextCheck ?? deadline, deadline)
            clock.sleep(for: max(wake.timeIntervalSince(now), 0) + 0.01)
            result = try scan(tracker: tracker)
        }
        return result
    }

    /// Looks for ready files (§5 step 1); see ``InboxScanner``.
    /// - Parameter now: the moment compared with the files' times (default: the clock's now).
    public func scan(now: Date? = nil, tracker: StabilityTracker? = nil) throws -> InboxScanner.Result {
        // Layouts that ask for `.done` markers; a broken layout is reported when files are processed.
        let catalog = try? LayoutCatalog(folder: workspace.layouts)
        var result = try InboxScanner(workspace: workspace, now: now ?? clock.now, tracker: tracker,
                                      markerLayouts: catalog?.layouts ?? []).scan()
        result.catalog = catalog
        return result
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
    public func process(_ scan: InboxScanner.Result, store: any DocumentBackend, progress: ProgressReporter? = nil,
                        refreshReports: Bool = true, shouldStop: () -> Bool = { false },
                        onFileError: ((InboxScanner.Entry, Error) throws -> Void)? = nil) throws -> Summary {
        var summary = Summary(unknownFolders: scan.unknownFolders, unstable: scan.unstable, awaitingMarker: scan.awaitingMarker)
        guard !scan.ready.isEmpty else {
            // Catches up a feed left behind by a run that stopped after its commits (one read when none is).
            if refreshReports { try SyncFeed(context: context).write(store: store) }
            return summary
        }
        let catalog = try scan.catalog ?? LayoutCatalog(folder: workspace.layouts)   // read once per run
        let processor = FileProcessor(context: context, catalog: catalog, progress: progress)
        let ordered = scan.ready
            .map { entry in (entry, catalog.identify(entry.url)) }   // identified once, used twice
            .sorted { a, b in
                let rankA = a.1.layout?.kind.processingRank ?? 3, rankB = b.1.layout?.kind.processingRank ?? 3
                if rankA != rankB { return rankA < rankB }
                if a.0.modified != b.0.modified { return a.0.modified < b.0.modified }
                return a.0.url.lastPathComponent < b.0.url.lastPathComponent
            }
        let workers = store as? any WorkerCoordination
        for (entry, match) in ordered {
            if shouldStop() { break }
            // Workers sharing the store claim a file before touching it (docs/store.md, "Workers
            // sharing an inbox"); one another worker holds, or has just archived, is left alone.
            var claimed: String?
            var fingerprint: InputFingerprint?
            if let workers {
                guard let made = try? InputFingerprint(entry.url) else { continue }
                let checksum = made.checksum
                fingerprint = made
                guard try workers.claimInput(checksum: checksum) else {
                    logger.debug("\(entry.url.lastPathComponent): claimed by another worker")
                    summary.claimedElsewhere.append(entry.url.lastPathComponent)
                    continue
                }
                claimed = checksum
                guard (try? FileSystem.exists(entry.url.path, followingLinks: true)) == true else {
                    workers.releaseInput(checksum: checksum)
                    continue
                }
            }
            defer { if let claimed { workers?.releaseInput(checksum: claimed) } }
            PipelineMetrics.claimed()
            let receipt: Receipt
            do {
                receipt = try processor.process(entry.url, dealer: entry.dealer, store: store, identified: match, fingerprint: fingerprint)
            } catch {
                guard let onFileError else { throw error }
                try onFileError(entry, error)
                continue
            }
            // The file's markers (`.done`, a roster's `.confirmar`) and uploader note, when it had
            // them, go with it.
            DoneMarkers.removeCompanions(of: entry.url)
            let level: Logger.Level = receipt.status == .applied || receipt.status == .duplicate ? .info : .warning
            logger.log(level: level, "\(PersonalData.mask(receipt.summary))", metadata: ["dealer": "\(entry.dealer ?? "-")"])
            summary.receipts.append(receipt)
            PipelineMetrics.answered(receipt)
        }
        if !refreshReports {
        } else if !summary.receipts.isEmpty {
            try Documents(context: context).run(store: store)
            try ReportGenerator(context: context).generate(store: store)
        } else {
            try SyncFeed(context: context).write(store: store)
        }
        return summary
    }
}
