import Foundation
import Logging
import DealersDomain
import DealersDomainStore
import DealersModel
import DealersReports
import DealersStore
import DealersWorkspace

/// `dealers nightly`: as of a date, settles the direct debits due (``Settlement``), records the changes of status that happen by the calendar
/// (``NightlyRules``: INICIO, BAJA_EFECTIVA, EXPIRACION, each once), notes the run in
/// `nightly/<date>.json`, regenerates the reports and the sync feed, and deletes archived
/// inputs older than `archiveRetentionDays`.
///
/// Only the users whose dates it reaches are looked at: the store's date index (``DateIndex``)
/// files every event the rules will add under its date, so a run reads the users filed up to its
/// as-of date, in key order, one at a time (a store written before the index existed gets it
/// built first, in one pass over every user). Changes are committed in batches of `batchSize`
/// users, each a transaction with its change-log entry. A run interrupted between batches leaves
/// the earlier batches committed; since the rules add an event only when the history lacks it,
/// running again completes the rest and never records anything twice. A second run for the same
/// date finds nothing to do and does not write to the store at all. The reports are written
/// again only when the store's data or the date changed them (``ReportGenerator/refresh(store:)``).
public struct Nightly: RunStep {
    /// The workspace, the date the run acts as of, and its logger.
    public let context: RunContext
    /// Users per transaction.
    public var batchSize = 1000

    /// What a run did; stored as `nightly/<date>.json` by the run that changed something.
    public struct Summary: Codable, Sendable, Equatable {
        /// The as-of date.
        public var asOf: CivilDate
        /// When the run finished (ISO 8601).
        public var ranAt: String
        /// Events added.
        public var counts: NightlyRules.Counts
        /// Archive folders deleted (relative to the workspace).
        public var archivesRemoved: [String]
    }

    /// Creates a nightly run.
    public init(context: RunContext) {
        self.context = context
    }

    /// The key of a date's record.
    public static func recordKey(_ date: CivilDate) throws -> StoreKey { try StoreKey("nightly/\(date).json") }

    /// Runs the job with the store open for writing.
    /// Workers sharing a store run it one at a time; the second finds nothing left to do for
    /// the date (every event is added once) and writes nothing.
    public func run(store: any DocumentBackend) throws -> Summary {
        guard let workers = store as? any WorkerCoordination else { return try runAlone(store: store) }
        return try workers.exclusively(job: "nightly") { try runAlone(store: store) }
    }

    /// The job, done again from the start after a concurrent transaction: the batches committed
    /// before it are not done twice (every event is added once).
    private func runAlone(store: any DocumentBackend) throws -> Summary {
        try ConflictRetry.run("nightly \(asOf)", doing: "running it", logger: logger) { try runOnce(store: store) }
    }

    private func runOnce(store: any DocumentBackend) throws -> Summary {
        if try !DateIndex.isBuilt(store) {
            let entries = try DateIndex.rebuild(store: store)
            logger.info("nightly \(asOf): date index built (\(entries) entries)")
        }
        // Direct debits due today are paid before anything expires (docs/sepa.md, "Settlement").
        try Settlement(context: context).run(store: store)
        var total = NightlyRules.Counts()
        var state = StoreDomainState(store: store, transaction: store.beginTransaction())
        try state.checkAndRecordAsOf(asOf)
        var pending = 0
        func commit() throws {
            try state.recordChanges(asOf: asOf, source: NightlyRules.source, since: asOf.adding(days: -1))
            try state.commit()
            state = StoreDomainState(store: store, transaction: store.beginTransaction())
            pending = 0
        }
        // The users with something due, in key order; batches commit meanwhile. The events go on
        // the user as the transaction reads it now (with PostgreSQL, locked, and with what other
        // workers committed since the walk began), not on the index walk's copy.
        for key in try DateIndex.dueUsers(in: store, asOf: asOf) {
            guard let bytes = try store.read(key) else { continue }
            let seen = try UserCodec.decode(bytes, path: store.location(of: key))
            guard var user = try state.user(seen.document) else { continue }
            let counts = NightlyRules.apply(to: &user, asOf: asOf)
            guard counts.users > 0 else { continue }
            try state.save(user)
            total.add(counts)
            pending += 1
            if pending >= batchSize { try commit() }
        }
        try commit()
        // The next periods' direct debits, once the day's changes are in (docs/sepa.md).
        _ = try Collect(context: context).run(store: store)
        let removed = try ArchiveRetention(workspace: workspace).removeExpired(asOf: asOf)
        let summary = Summary(asOf: asOf, ranAt: ISO8601DateFormatter().string(from: clock.now), counts: total,
                              archivesRemoved: removed)
        let recordKey = try Self.recordKey(asOf)
        let recorded = try store.contains(recordKey)
        if total.users > 0 || !removed.isEmpty || !recorded {
            try state.transaction.writeJSON(summary, recordKey)
        }
        try commit()
        logger.info("nightly \(asOf): \(total.started) started, \(total.cancelled) bajas took effect, \(total.expired) expired, \(total.users) users changed, \(removed.count) archive folders removed")
        try ReportGenerator(context: context).refresh(store: store)
        return summary
    }
}
