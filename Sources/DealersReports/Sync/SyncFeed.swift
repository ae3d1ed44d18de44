import Foundation
import Logging
import DealersDomain
import DealersDomainStore
import DealersModel
import DealersStore
import DealersSupport
import DealersWorkspace

/// Writes the sync feed for the mobile app (§7): the users created, changed or deactivated
/// since the previous feed, cut from the store's change log (`changelog/<sequence>.json`), so a
/// feed costs what changed, never a scan of the store.
///
/// The operator's feed goes to `outbox/sync/`, each dealer's (only users whose current
/// collective is that dealer's) to `outbox/<DEALER>/sync/`, as
/// `feed-<first>-<last>.jsonl` (change-log sequences, 10 digits, so names sort in order). Each
/// file is written atomically; then the position (`sync/position.json` in the store) is
/// committed. A crash in between re-sends the period in the next feed: delivery is at least
/// once, and an importer skips lines whose `sequence` it already applied. An audience with
/// nothing in the period gets no file. The format is in `docs/outbox.md`.
public struct SyncFeed: RunStep, Sendable {
    /// The workspace, the date contract statuses are computed as of, and the logger.
    public let context: RunContext

    /// Creates a feed writer.
    public init(context: RunContext) {
        self.context = context
    }

    /// What one call wrote.
    public struct Result: Sendable, Equatable {
        /// The first and last change-log sequence of the period.
        public var first: Int
        /// The last change-log sequence of the period.
        public var last: Int
        /// The files written, relative to the outbox.
        public var files: [String]
        /// The users in the operator's feed.
        public var users: Int
    }

    /// The feed file name of a period.
    public static func fileName(first: Int, last: Int) -> String {
        "feed-\(String(first, zeroPaddedTo: 10))-\(String(last, zeroPaddedTo: 10)).jsonl"
    }

    /// Writes the feed of the changes since the last one and advances the position; `nil` when
    /// nothing changed (no file is written).
    /// - Throws: ``DealersError`` `.io`/`.cannotCreate` when a file cannot be written (the
    ///   position is then not advanced), `.corruptStore` for an unreadable change-log entry,
    ///   `.locked` for a store opened read-only.
    @discardableResult
    public func write(store: any DocumentBackend) throws -> Result? {
        // Workers sharing a store write the feed one at a time (the lock of ReportGenerator.generate).
        if let workers = store as? any WorkerCoordination {
            return try workers.exclusively(job: "reports") { try writeAlone(store: store) }
        }
        return try writeAlone(store: store)
    }

    private func writeAlone(store: any DocumentBackend) throws -> Result? {
        guard let written = try writeFiles(reading: store) else { return nil }
        return try commit(written, to: store)
    }

    /// The files of a period, published, and the position that says so, not yet committed.
    package struct Written: Sendable {
        package var result: Result
        package var position: SyncPosition
    }

    /// The first half of ``write(store:)``: reads the change log and the users it names from
    /// `store` (any view of the store, a read-only one too) and publishes the feed files; `nil`
    /// when nothing changed. ``commit(_:to:)`` then advances the position; until it does, the
    /// next feed covers the same period again (delivery is at least once).
    /// - Throws: as ``write(store:)``.
    package func writeFiles(reading store: any DocumentBackend) throws -> Written? {
        let positionKey = try SyncPosition.key()
        var position = try store.readJSON(SyncPosition.self, positionKey) ?? SyncPosition()
        // The last change of each user in the period, in bounded memory (``SyncFeedPeriod``).
        let period = try SyncFeedPeriod(after: position.lastSequence, in: store)
        let sequence = period.last
        guard sequence > position.lastSequence else { return nil }
        let first = position.lastSequence + 1
        let name = SyncFeed.fileName(first: first, last: sequence)
        var dealers: [String: String?] = [:]
        var streams: [String: (stream: StagedFile, feed: Int)] = [:]
        var files: [String] = []
        var users = 0
        var bytes: [UInt8] = []
        var batch: [Pending] = []
        // Each change goes out as it comes from the period, in order of sequence then document;
        // a store a round trip away gives the users a page at a time, not one by one.
        func writeBatch() throws {
            let page = store.readsInBatches ? try store.read(many: batch.map { try StoreLayout.user($0.document) }) : [:]
            for change in batch {
                let user: User?
                if store.readsInBatches {
                    let key = try StoreLayout.user(change.document)
                    user = try page[key.path].map { try UserCodec.decode($0, path: store.location(of: key)) }
                } else {
                    user = try store.readUser(change.document)
                }
                guard let user else { continue }
                let dealer = try dealerOf(user.collective, store: store, cache: &dealers)
                var line = SyncFeedLine(feed: 0, sequence: change.sequence, kind: change.kind, asOf: change.asOf,
                                        source: change.source, user: SyncUser(user, dealer: dealer, asOf: asOf))
                users += 1
                var audiences = [SyncPosition.operatorAudience]
                if let dealer, workspace.settings.dealers.contains(dealer) { audiences.append(dealer) }
                for audience in audiences {
                    if streams[audience] == nil {
                        let folder = workspace.outbox(dealer: audience == SyncPosition.operatorAudience ? nil : audience)
                        streams[audience] = (try StagedFile(target: folder.appendingPathComponent("sync/\(name)")),
                                             (position.feeds[audience] ?? 0) + 1)
                        files.append(audience == SyncPosition.operatorAudience ? "sync/\(name)" : "\(audience)/sync/\(name)")
                    }
                    guard let target = streams[audience] else { continue }
                    line.feed = target.feed
                    bytes.removeAll(keepingCapacity: true)
                    SyncFeedLineCodec.encode(line, into: &bytes)
                    bytes.append(UInt8(ascii: "\n"))
                    try bytes.withUnsafeBytes { try target.stream.write($0) }
                }
            }
            batch.removeAll(keepingCapacity: true)
        }
        let perRead = store.readsInBatches ? Self.usersPerRead : 1
        try period.forEachLatest { change in
            batch.append(change)
            if batch.count >= perRead { try writeBatch() }
        }
        try writeBatch()
        for (audience, target) in streams.sorted(by: { $0.key < $1.key }) {
            try target.stream.commit()
            position.feeds[audience] = target.feed
        }
        position.lastSequence = sequence
        return Written(result: Result(first: first, last: sequence, files: files.sorted(), users: users),
                       position: position)
    }

    /// The second half of ``write(store:)``: commits the position of published feed files.
    /// - Throws: ``DealersError`` when the transaction cannot commit (`.locked` for a store
    ///   opened read-only).
    package func commit(_ written: Written, to store: any DocumentBackend) throws -> Result {
        // Another worker's transaction met on the way is waited out and the position written again.
        try ConflictRetry.run("the sync feed's position", doing: "writing it", logger: logger) {
            let transaction = store.beginTransaction()
            try transaction.writeJSON(written.position, try SyncPosition.key())
            try transaction.commit()
        }
        let result = written.result
        logger.info("sync feed \(SyncFeed.fileName(first: result.first, last: result.last)): \(result.users) users",
                    metadata: ["first": "\(result.first)", "last": "\(result.last)"])
        return result
    }

    /// Users read in one call from a store that reads in batches.
    private static let usersPerRead = 1_000

    private func dealerOf(_ code: String, store: any DocumentBackend, cache: inout [String: String?]) throws -> String? {
        if let known = cache[code] { return known }
        let dealer = try store.readJSON(Collective.self, StoreLayout.collective(code))?.dealer
        cache[code] = dealer
        return dealer
    }
}
