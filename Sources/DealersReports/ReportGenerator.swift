import Foundation
import Logging
import DealersDomain
import DealersDomainStore
import DealersStore
import DealersSupport
import DealersWorkspace

/// Regenerates the reports in `outbox/reports/` (all dealers, with a dealer column) and in each
/// dealer's `outbox/<DEALER>/reports/` (only that dealer's collectives), in one pass over the
/// store's users that feeds every report at once, streaming rows to the writers; then the sync
/// feed.
public struct ReportGenerator: RunStep {
    /// The workspace, the as-of date of statuses, and the logger.
    public let context: RunContext
    /// Whether the users and contract-history reports write the operator's files and the
    /// dealers' files on two threads, and ``generate(store:)`` writes the sync feed's files on a
    /// third (the default; the files are the same either way). `false` does everything on the
    /// calling thread.
    public var concurrentWriters = true

    /// Creates a generator.
    public init(context: RunContext) {
        self.context = context
    }

    /// Writes every report in both formats and, when the store is open for writing, the sync
    /// feed of the changes since the last one (``SyncFeed``). What `run` and `nightly` call.
    ///
    /// With ``concurrentWriters`` the feed files are written on a thread of their own, through a
    /// read-only view of the same store, while the reports are written; the feed's position is
    /// committed on this thread once both are done (the caller holds the store, so both views
    /// see the same state).
    /// - Throws: ``DealersError`` when a file cannot be written or a document cannot be read.
    public func generate(store: any DocumentBackend) throws {
        guard store.isWritable else { return try generateReports(store: store) }
        // Workers sharing the store take turns: one feed period, one set of files at a time.
        if let workers = store as? any WorkerCoordination {
            return try workers.exclusively(job: "reports") { try generateAndFeed(store: store) }
        }
        try generateAndFeed(store: store)
    }

    /// What `nightly` calls: ``generate(store:)``, unless the reports in the outbox are already
    /// what it would write (their ``ReportStamp``: the same data, settings and program, and no
    /// date in between that changes them); then only the sync feed (which costs what changed).
    /// - Returns: whether the reports were written.
    @discardableResult
    public func refresh(store: any DocumentBackend) throws -> Bool {
        if store.isWritable, let stamp = try ReportStamp.read(workspace),
           try stamp.isCurrent(workspace: workspace, store: store, asOf: asOf) {
            logger.info("reports as of \(stamp.asOf) unchanged as of \(asOf): left as they are")
            try SyncFeed(context: context).write(store: store)
            return false
        }
        try generate(store: store)
        return true
    }

    private func generateAndFeed(store: any DocumentBackend) throws {
        // Noted before reading: a change committed meanwhile makes the next run write them again.
        let stamp = try ReportStamp(workspace: workspace, store: store, asOf: asOf)
        try generateFeedAndReports(store: store)
        try stamp.write(workspace)
    }

    private func generateFeedAndReports(store: any DocumentBackend) throws {
        let feed = SyncFeed(context: context)
        guard concurrentWriters else {
            try generateReports(store: store)
            try feed.write(store: store)
            return
        }
        let openView = store.readOnlyOpener()
        let files = BackgroundWork {
            let view = try openView()
            defer { view.close() }
            return try feed.writeFiles(reading: view)
        }
        do {
            try generateReports(store: store)
        } catch {
            _ = try? files.value()
            throw error
        }
        if let written = try files.value() { _ = try feed.commit(written, to: store) }
    }

    /// Writes the chosen reports in the chosen formats, touching nothing else (no sync feed), so
    /// it works on a store opened read-only.
    /// - Parameters:
    ///   - kinds: the reports to write (default: all).
    ///   - formats: XLSX, CSV or both.
    /// - Throws: ``DealersError`` when a file cannot be written or a document cannot be read.
    public func generateReports(store: any DocumentBackend, kinds: Set<ReportKind> = Set(ReportKind.allCases),
                                formats: ReportFormats = .all) throws {
        try ReportStamp.remove(workspace)
        let context = ReportContext(workspace: workspace, asOf: asOf, formats: formats,
                                    concurrentWriters: concurrentWriters)
        let collectives = try loadCollectives(store)
        var reports: [any UserScanReport] = []
        for kind in ReportKind.allCases where kinds.contains(kind) {
            switch kind {
            case .contractHistory: reports.append(ContractHistoryReport(context: context, collectives: collectives))
            case .collectiveStatus: reports.append(CollectiveStatusReport(context: context, collectives: collectives))
            case .users:
                reports.append(try UsersReport(context: context))
                // The portal's customer look-up is kept with the users report, from the same scan
                // (when the workspace has portal accounts).
                if LookupIndex.isKept(for: workspace) {
                    reports.append(LookupIndexWriter(index: LookupIndex(workspace: workspace)))
                }
            case .payments, .conflicts, .pendingReversals, .collections: break   // from the ledger, the conflicts log and the collections, below
            }
        }
        if kinds.contains(.conflicts) { try ConflictsReport(context: context).write(store: store) }
        if kinds.contains(.pendingReversals) { try PendingReversalsReport(context: context).write(store: store) }
        if kinds.contains(.collections) { try CollectionsReport(context: context).write(store: store) }
        // The payments report comes after the scan of the users, which tells it whose client
        // each payment's user is (its seller cuts).
        var sellerClients: SellerClients? = kinds.contains(.payments) ? SellerClients() : nil
        var users = 0
        if !reports.isEmpty || sellerClients != nil {
            try store.forEachDocument(under: "users") { key, bytes in
                let user = try UserCodec.decode(bytes, path: store.location(of: key))
                let dealer = collectives[user.collective]?.dealer
                for report in reports { try report.add(user, dealer: dealer) }
                sellerClients?.add(user, dealer: dealer)
                users += 1
            }
            for report in reports { try report.finish() }
        }
        if let sellerClients { try PaymentsReport(context: context).write(store: store, sellers: sellerClients) }
        logger.debug("reports written", metadata: ["asOf": "\(asOf)", "users": "\(users)",
                                                   "reports": "\(kinds.map(\.rawValue).sorted())"])
    }

    package func loadCollectives(_ store: any DocumentBackend) throws -> [String: Collective] {
        var result: [String: Collective] = [:]
        try store.forEachDocument(under: "collectives") { key, bytes in
            let c = try StoreJSON.decode(Collective.self, from: bytes, path: store.location(of: key))
            result[c.code] = c
        }
        return result
    }
}
