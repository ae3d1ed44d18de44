import Foundation

/// A piece of work run on a thread of its own while the caller does something else; ``value()``
/// waits for it and returns its result or rethrows its error.
///
/// `@unchecked Sendable`: the result is written once by the work's thread and read after it,
/// both under `condition`.
public final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Result<Value, any Error>?

    /// Starts `work` on a new thread.
    public init(_ work: @escaping @Sendable () throws -> Value) {
        Thread { [self] in
            let outcome = Result { try work() }
            condition.lock()
            result = outcome
            condition.broadcast()
            condition.unlock()
        }.start()
    }

    /// Waits for the work to end.
    /// - Throws: what the work threw.
    public func value() throws -> Value {
        condition.lock()
        while result == nil { condition.wait() }
        let outcome = result
        condition.unlock()
        guard let outcome else { throw DealersError(.internalError, path: nil, "background work ended without a result") }
        return try outcome.get()
    }
}
