import DealersSupport
import Logging

/// Runs a unit of store work again from the start when its transaction met a concurrent one
/// (``StoreConflict``: a deadlock, a serialization failure, a document another transaction
/// created meanwhile — PostgreSQL only; the JSON store has one writer and never throws it).
///
/// The unit must be safe to do again: it begins its own transactions, and what it did before
/// its conflict was rolled back (a file's apply, the sync feed's position, a nightly batch, a
/// settlement, the SEPA files' records, a `store` edit). Each retry is logged with its number;
/// after ``limit`` retries the conflict becomes a ``DealersError`` `.locked` naming `what`.
public enum ConflictRetry {
    /// How many times a unit is done again after a conflict before it fails.
    public static let limit = 5

    /// Runs `body`; on a ``StoreConflict`` logs it and runs `body` again, at most ``limit``
    /// more times.
    /// - Parameters:
    ///   - what: the unit, for the log (`the sync feed's position`, a file's name).
    ///   - path: the path or key the error names (default: `what`).
    ///   - doing: what is done again, for messages (`applying the file`, `writing it`).
    ///   - onRetry: called with the retry's number (1…``limit``) before each new attempt
    ///     (metrics, a receipt's count).
    /// - Throws: what `body` throws, or `.locked` once the retries are spent.
    public static func run<T>(_ what: String, path: String? = nil, doing: String, logger: Logger,
                              onRetry: (Int) -> Void = { _ in }, _ body: () throws -> T) throws -> T {
        var retries = 0
        while true {
            do {
                return try body()
            } catch let conflict as StoreConflict {
                retries += 1
                guard retries <= limit else {
                    throw DealersError(.locked, path: path ?? what,
                                       "gave up after \(doing) \(retries) times: \(conflict.reason); nothing was committed, the next run tries again")
                }
                logger.warning("\(what): \(conflict); \(doing) again from the start (retry \(retries) of \(limit))")
                onRetry(retries)
            }
        }
    }
}
