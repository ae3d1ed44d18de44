import Foundation

/// A piece of work run on a thread of its own while the caller does something else; ``value()``
/// waits for it and returns its result or rethrows its error.
///
/// `@unchecked Sendable`: the result is written once by the work's thread and read after it,
/// both under `condition`.
public final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Result<Value, any Error>?

    /// How a work's thread competes for the CPU with the process's other threads.
    public enum Priority: Sendable {
        /// As the thread that started it.
        case normal
        /// Behind the process's other threads (a nice value 10 above them, on Linux, where it
        /// is a thread's own): for work that has time until someone waits for it, such as a
        /// transaction's spill, so that it takes the CPU the threads on the critical path leave.
        case background
    }

    /// Starts `work` on a new thread.
    public init(priority: Priority = .normal, _ work: @escaping @Sendable () throws -> Value) {
        Thread { [self] in
            if priority == .background { ThreadPriority.lowerCallingThread() }
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
