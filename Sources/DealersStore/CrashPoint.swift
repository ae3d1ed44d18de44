import Foundation

/// Precise moments in the commit protocol at which a test can make the store "crash".
///
/// Two ways to use them:
/// - unit tests set ``DocumentStore/crashPoint`` (internal): the store throws ``SimulatedCrash``
///   at that moment and does no cleanup, as if the process had died there;
/// - end-to-end tests set the environment variable `DEALERS_CRASH_AT=<raw value>` (e.g.
///   `DEALERS_CRASH_AT=after-commit`): the process calls `_exit(137)` at that moment, the status
///   a shell reports for SIGKILL.
public enum CrashPoint: String, CaseIterable, Sendable {
    /// The transaction's segment is written and fsync'd; the manifest does not list it yet:
    /// the transaction is lost.
    case afterSegment = "after-segment"
    /// The manifest listing the new segment is in place: the transaction has happened; its
    /// spool is not yet removed and small segments are not yet merged.
    case afterCommit = "after-commit"
    /// A merge wrote its new segment; the manifest still lists the segments it merges.
    case midCompaction = "mid-compaction"
    /// A merge replaced the manifest; the merged segments' files are not yet removed.
    case afterCompaction = "after-compaction"
    /// Upgrading a store of the previous layout: the segment holding every document is written
    /// and checked, `meta.json` still says the old layout.
    case midMigration = "mid-migration"

    /// The environment variable read once when a store is opened.
    public static let environmentVariable = "DEALERS_CRASH_AT"

    /// The point named by `DEALERS_CRASH_AT` in `environment`, if any (unknown names are ignored).
    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> CrashPoint? {
        environment[environmentVariable].flatMap(CrashPoint.init(rawValue:))
    }
}

/// Thrown by the test hook at a ``CrashPoint``; the store instance must then be closed and reopened.
struct SimulatedCrash: Error, Equatable {
    var point: CrashPoint
}

/// Where a store's crash points lead: to a thrown ``SimulatedCrash``, or to `_exit(137)`.
struct CrashHook {
    /// Point that throws (unit tests).
    var simulated: CrashPoint?
    /// Point that ends the process (from the environment).
    var exitAt: CrashPoint?

    func check(_ point: CrashPoint) throws {
        if exitAt == point {
            ProcessExit.asIfKilled()
        }
        if simulated == point {
            throw SimulatedCrash(point: point)
        }
    }
}
