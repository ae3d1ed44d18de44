import DealersSupport
import Foundation

/// Moments of a PostgreSQL commit at which end-to-end tests make the process die
/// (`DEALERS_CRASH_AT=pg-before-commit`), `_exit(137)` as if SIGKILLed: the server sees the
/// connection drop.
enum PostgresCrashPoint: String, Sendable {
    /// Every change is in `dealers_documents` inside the open SQL transaction; `COMMIT` not sent:
    /// the server rolls it all back.
    case beforeCommit = "pg-before-commit"
    /// `COMMIT` succeeded; the process dies before the receipt and the archive move: the next
    /// run finds the file applied and completes it.
    case afterCommit = "pg-after-commit"

    static func fromEnvironment() -> PostgresCrashPoint? {
        ProcessInfo.processInfo.environment["DEALERS_CRASH_AT"].flatMap(PostgresCrashPoint.init(rawValue:))
    }
}

extension Optional where Wrapped == PostgresCrashPoint {
    /// Ends the process when this is `point`.
    func exitIf(_ point: PostgresCrashPoint) {
        if self == point { ProcessExit.asIfKilled() }
    }
}
