import DealersStore
import Foundation
import Logging
import NIOPosix
import PostgresNIO

/// How the sessions of one database stood over the moments a ``SessionSampler`` looked at them.
package struct SessionActivity: Sendable, Equatable {
    /// Moments sampled.
    package var samples = 0
    /// Sessions running a statement (`pg_stat_activity.state = 'active'`, the sampler's own
    /// excluded), summed over the samples.
    package var active = 0
    /// Of those, sessions waiting for a lock (`wait_event_type = 'Lock'`: another
    /// transaction's rows), summed over the samples.
    package var waitingForLock = 0

    /// The share of active sessions that waited for a lock (0 when none was active).
    package var lockShare: Double { active > 0 ? Double(waitingForLock) / Double(active) : 0 }
}

/// Samples `pg_stat_activity` of one database at a fixed interval on a thread of its own, over
/// a connection of its own, until ``stop()``: how many sessions ran a statement and how many of
/// them waited for a lock (`dealers-bench --stage pg-workers`).
///
/// `@unchecked Sendable`: the figures are shared with the sampling thread under `lock`.
package final class SessionSampler: @unchecked Sendable {
    private let lock = NSLock()
    private var stopping = false
    private var activity = SessionActivity()
    private var failure: (any Error)?
    private let finished = DispatchSemaphore(value: 0)

    /// The statement of one sample.
    static let sample = """
        SELECT count(*) FILTER (WHERE state = 'active')::int8,
               count(*) FILTER (WHERE state = 'active' AND wait_event_type = 'Lock')::int8
        FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
        """

    /// Connects to `database` and starts sampling every `interval` seconds.
    /// - Throws: ``DealersError`` `.io` when the server cannot be reached.
    package init(database: PostgresURL, every interval: Double, logger: Logger) throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let connection: BlockingConnection
        do {
            connection = try BlockingConnection(database, on: group.next(), logger: logger)
        } catch {
            try? group.syncShutdownGracefully()
            throw error
        }
        let thread = Thread { [self] in
            defer {
                connection.close()
                try? group.syncShutdownGracefully()
                finished.signal()
            }
            while !lock.withLock({ stopping }) {
                do {
                    for row in try connection.query(Self.sample) {
                        let (active, waiting) = try row.decode((Int, Int).self)
                        lock.withLock {
                            activity.samples += 1
                            activity.active += active
                            activity.waitingForLock += waiting
                        }
                    }
                } catch {
                    lock.withLock { failure = error }
                    return
                }
                Thread.sleep(forTimeInterval: interval)
            }
        }
        thread.start()
    }

    /// What the samples taken so far saw.
    package var sofar: SessionActivity { lock.withLock { activity } }

    /// Stops sampling, waits for the thread and returns what it saw.
    /// - Throws: the error of a sample that failed (sampling stopped there).
    package func stop() throws -> SessionActivity {
        lock.withLock { stopping = true }
        finished.wait()
        return try lock.withLock {
            if let failure { throw failure }
            return activity
        }
    }
}
