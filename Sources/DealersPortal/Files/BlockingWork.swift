import NIOPosix

/// Runs the portal's blocking work — file-system calls, bcrypt — on NIO's shared thread pool,
/// as Hummingbird's own file middleware does (`FileIO` over `NIOThreadPool.singleton`): an async
/// handler that waited on a slow disk or a deliberate hash would hold the event loop, and every
/// other visitor on it, until it was done.
package enum BlockingWork {
    /// Runs `body` on the thread pool and returns its result, or rethrows what it threw.
    /// - Throws: what `body` throws; `NIOThreadPoolError.ThreadPoolInactive` only once the
    ///   process is shutting the pool down.
    package static func run<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await NIOThreadPool.singleton.runIfActive(body)
    }
}
