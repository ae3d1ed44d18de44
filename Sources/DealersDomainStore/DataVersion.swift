import Foundation
import DealersModel
import DealersStore

/// A counter of the transactions that changed what the reports are made from
/// (`dataversion.json`, `{"version":N}`): every committed change except the store's
/// bookkeeping — the counters (`sequence.json`), the nightly run's records (`nightly/`), the date
/// index (``DateIndex``), the sync feed's position (`sync/`) and the counter itself. The reports
/// note the version they were built from (`ReportStamp` in DealersReports), so a nightly run
/// that changed nothing, on a day that moves nothing into them, leaves them as they are.
public enum DataVersion {
    /// The counter's document.
    public static let path = "dataversion.json"

    /// Keys (and folder prefixes) whose changes do not count.
    private static let bookkeeping = ["sequence.json", "nightly/", "\(DateIndex.dueFolder)/", "\(DateIndex.calendarFolder)/",
                                      DateIndex.markerPath, "sync/", path]

    private struct Counter: Codable {
        var version: Int
    }

    /// The version of `store` (0 before any counted change).
    public static func current(_ store: any DocumentReading) throws -> Int {
        try store.readJSON(Counter.self, StoreKey(path))?.version ?? 0
    }

    /// Counts `transaction` when it changes anything but bookkeeping: call just before its
    /// commit (the counter commits with it). The counter is one document every counted commit
    /// writes, so it is read and written under the commit lock (``DocumentTransaction/lockForCommit()``):
    /// a transaction that locked it before waiting for the commit lock would deadlock with one
    /// holding the commit lock and waiting for it (PostgreSQL).
    public static func noteChanges(in transaction: any DocumentTransaction) throws {
        guard try changesData(transaction) else { return }
        try transaction.lockForCommit()
        let next = try current(transaction) + 1
        try transaction.write(StoreKey(path), json: Array("{\"version\":\(next)}".utf8))
    }

    /// Whether the transaction changes a key outside the bookkeeping (stops at the first).
    private static func changesData(_ transaction: any DocumentTransaction) throws -> Bool {
        try transaction.changesAnyKey { key in
            !bookkeeping.contains(where: { key.path == $0 || ($0.hasSuffix("/") && key.path.hasPrefix($0)) })
        }
    }
}
