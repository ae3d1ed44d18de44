import Foundation
import Logging
import DealersModel
import DealersReports
import DealersStore
import DealersSupport
import DealersWorkspace

/// `dealers watch`: processes files as they arrive, until SIGTERM or SIGINT.
///
/// The loop scans the inbox (``InboxScanner`` with a ``StabilityTracker``), processes the ready
/// files through ``Runner`` in the order of §5, and waits: for inotify to report a file closed,
/// moved in or created in `inbox/` or a declared dealer's folder; for the moment a file still
/// changing may have become stable; or, when polling, for `pollSeconds`. In inotify mode it also
/// scans every `safetyScanSeconds` in case an event was lost (a full queue).
///
/// The store is opened for each batch of ready files and closed after it, so a `dealers run`
/// during a batch is refused (75) while `nightly --wait` and `store verify --wait` get their
/// turn between batches. A file that fails with an error (not a rejection: those are answered
/// with error files like in `run`) is logged and skipped until it changes; a broken store
/// ends the watcher with its error. A stop request is checked between files: the file in hand
/// is finished (its transaction committed, receipt written, input archived), the rest stay in
/// the inbox for the next start, and ``run()`` returns.
public final class Watcher {
    /// How the loop learns about new files.
    public enum Mode: Sendable {
        /// inotify, falling back to polling when it is unavailable.
        case inotify
        /// Scan every `pollSeconds` (network file systems).
        case polling
    }

    private let workspace: Workspace
    private let asOf: () -> CivilDate
    private let logger: Logger
    private let progress: ProgressReporter?
    private let clock: any WallClock
    private let wake: WakePipe
    /// The stop flag (raised by SIGTERM/SIGINT once ``run()`` listens).
    public let stop: StopRequest
    private let tracker = StabilityTracker()
    private var mode: Mode
    private var reportedFolders: [String] = []
    /// In inotify mode, seconds between scans when no event arrives.
    public var safetyScanSeconds: Double = 60
    /// Whether files were processed since the reports were last regenerated.
    private var reportsDue = false
    /// When the reports were last regenerated.
    private var lastReports = Date.distantPast
    /// Opens the store for a batch, waiting up to the given seconds for another holder (a
    /// ``DealersError`` `.locked` when it stays taken); the JSON store in `store/` when `nil`.
    public var storeOpener: ((_ waitSeconds: Double) throws -> any DocumentBackend)?

    /// Creates a watcher.
    /// - Parameters:
    ///   - asOf: the as-of date of each batch (today in the configured time zone, unless fixed).
    ///   - clock: the time the stability window, the report interval and the store lock's wait
    ///     are measured with (the waits between passes are `poll(2)` on the wake-up pipe and
    ///     inotify, for at most as long as this clock says is left).
    public init(workspace: Workspace, mode: Mode, asOf: @escaping () -> CivilDate, logger: Logger,
                progress: ProgressReporter? = nil, clock: any WallClock = SystemClock()) throws {
        self.workspace = workspace
        self.mode = mode
        self.asOf = asOf
        self.logger = logger
        self.progress = progress
        self.clock = clock
        wake = try WakePipe()
        stop = StopRequest(wake: wake)
    }

    /// Runs until a stop is requested; returns normally then.
    /// - Throws: ``DealersError`` when the store is broken or the inbox cannot be read.
    public func run() throws {
        stop.listen()
        defer { stop.stopListening() }
        var inotify: InotifyWatcher?
        if mode == .inotify {
            do {
                inotify = try InotifyWatcher()
            } catch {
                logger.warning("inotify is unavailable (\(error)); polling every \(workspace.settings.pollSeconds) s instead")
                mode = .polling
            }
        }
        logger.info("watching \(workspace.inbox.path) (\(mode == .polling ? "polling every \(workspace.settings.pollSeconds) s" : "inotify"), stability \(workspace.settings.stabilitySeconds) s)")
        while !stop.isRaised {
            if let watcher = inotify {
                do {
                    try watcher.watch(folders)
                } catch {
                    logger.warning("\(error); polling every \(workspace.settings.pollSeconds) s instead")
                    inotify = nil
                    mode = .polling
                }
            }
            let next = try pass()
            if stop.isRaised { break }
            var timeout: Double? = inotify == nil ? workspace.settings.pollSeconds : safetyScanSeconds
            if let next {
                let untilStable = max(0.05, next.timeIntervalSince(clock.now) + 0.05)
                timeout = min(timeout ?? untilStable, untilStable)
            }
            wake.wait(alsoOn: inotify.map { [$0.descriptor] } ?? [], timeout: timeout)
            wake.drain()
            inotify?.drain()
        }
        if reportsDue { try? refreshReports() }
        logger.info("stopping (\(stop.signal == SIGTERM ? "SIGTERM" : stop.signal == SIGINT ? "SIGINT" : "stop requested")); every file taken was finished")
    }

    /// `inbox/` and each declared dealer's folder.
    private var folders: [URL] {
        [workspace.inbox] + workspace.settings.dealers.map { workspace.inbox(dealer: $0) }
    }

    /// One pass of the loop: processes what is ready, then regenerates the reports when they are
    /// due; returns when the inbox or the reports should be looked at again (`nil`: only on an
    /// event or at the next poll). ``run()`` waits between passes.
    package func pass() throws -> Date? {
        let next = try batch()
        if stop.isRaised { return next }
        guard let reportsAt = try refreshReportsIfDue() else { return next }
        return min(next ?? reportsAt, reportsAt)
    }

    /// Scans and processes what is ready; returns when a file still changing should be looked at again.
    private func batch() throws -> Date? {
        let runner = Runner(context: context)
        let scan = try runner.scan(tracker: tracker)
        if scan.unknownFolders != reportedFolders {
            for folder in scan.unknownFolders where !reportedFolders.contains(folder) {
                logger.error("inbox/\(folder)/ is not a declared dealer (dealers.json); its files are not processed")
            }
            reportedFolders = scan.unknownFolders
        }
        guard !scan.ready.isEmpty else { return scan.nextCheck }
        guard let store = try openStore(else: "trying again") else { return clock.now }
        defer { store.close() }
        let summary = try runner.process(scan, store: store, progress: progress, refreshReports: false,
                                         shouldStop: { self.stop.isRaised }) { entry, error in
            if let e = error as? DealersError, e.kind == .corruptStore || e.kind == .locked || e.kind == .internalError { throw e }
            self.logger.error("\(PersonalData.mask(entry.url.lastPathComponent)): not processed: \(PersonalData.mask("\(error)")); it is retried when it changes")
            self.tracker.quarantine(entry.url)
        }
        if !summary.receipts.isEmpty { reportsDue = true }
        // A file another worker holds is looked at again soon: that worker may die.
        if !summary.claimedElsewhere.isEmpty {
            let soon = clock.now.addingTimeInterval(workspace.settings.pollSeconds)
            return min(scan.nextCheck ?? soon, soon)
        }
        return scan.nextCheck
    }

    /// Opens the store for writing, waiting up to `pollSeconds` for another holder; `nil` (with a
    /// log line saying what happens instead) when it stays locked.
    private func openStore(else later: String) throws -> (any DocumentBackend)? {
        do {
            if let storeOpener { return try storeOpener(max(1, workspace.settings.pollSeconds)) }
            return try DocumentStore(directory: workspace.store, wait: true, waitTimeout: max(1, workspace.settings.pollSeconds),
                                     clock: clock, logger: logger)
        } catch let error as DealersError where error.kind == .locked {
            logger.info("\(error.message); \(later)")
            return nil
        }
    }

    /// Makes the documents to sign and regenerates the reports and the sync feed when files were
    /// processed and the last regeneration is at least `reportIntervalSeconds` old; otherwise
    /// returns when it will be.
    private func refreshReportsIfDue() throws -> Date? {
        guard reportsDue else { return nil }
        let due = lastReports.addingTimeInterval(workspace.settings.reportIntervalSeconds)
        guard due <= clock.now else { return due }
        try refreshReports()
        return nil
    }

    private func refreshReports() throws {
        guard let store = try openStore(else: "the reports are regenerated later") else { return }
        defer { store.close() }
        // The documents to sign of what was applied since the last refresh (docs/sepa.md), as
        // `run` makes them after its files: made once each, whichever command makes them.
        try Documents(context: context).run(store: store)
        try ReportGenerator(context: context).generate(store: store)
        reportsDue = false
        lastReports = clock.now
    }

    /// The context of a batch or a regeneration: the as-of date as it is now, and the watcher's clock.
    private var context: RunContext {
        RunContext(workspace: workspace, asOf: asOf(), logger: logger, clock: clock)
    }
}
