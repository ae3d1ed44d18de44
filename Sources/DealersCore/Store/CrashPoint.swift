import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Precise moments in the commit protocol at which a test can make the store "crash".
///
/// Two ways to use them:
/// - unit tests set ``DocumentStore/crashPoint`` (internal): the store throws ``SimulatedCrash``
///   at that moment and does no cleanup, as if the process had died there;
/// - end-to-end tests set the environment variable `DEALERS_CRASH_AT=<raw value>` (e.g.
///   `DEALERS_CRASH_AT=after-commit`): the process calls `_exit(137)` at that moment, the status
///   a shell reports for SIGKILL.
public enum CrashPoint: String, CaseIterable, Sendable {
    /// The journal is written and fsync'd as `.pending`, not yet renamed: the transaction is lost.
    case afterPending = "after-pending"
    /// The journal is renamed to `.committed` and the folder flushed; no document written yet.
    case afterCommit = "after-commit"
    /// The first change of the transaction is applied, the others are not.
    case midApply = "mid-apply"
    /// Every change is applied and flushed; the committed journal is not yet removed.
    case afterApply = "after-apply"
    /// During recovery: the first change of a replayed journal is applied, the others are not.
    case midRecovery = "mid-recovery"

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
            _exit(137)
        }
        if simulated == point {
            throw SimulatedCrash(point: point)
        }
    }
}
