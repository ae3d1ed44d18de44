import Foundation
import Logging
import PostgresNIO
import Testing
import DealersTestSupport
@testable import DealersPostgres

/// dealers-bench's `pg-workers` counts lock waits by sampling `pg_stat_activity`.
@Suite("SessionSampler", .serialized, .enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
struct SessionSamplerTests {
    @Test("a session waiting for another's lock is counted among the active ones; the sampler's own session is not")
    func countsLockWaits() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let url = try db.postgresURL
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        let holder = try BlockingConnection(url, on: group.next(), logger: quietLogger)
        defer { holder.close() }
        try holder.execute("CREATE TABLE held (id int)")

        let idle = try SessionSampler(database: url, every: 0.05, logger: quietLogger)
        #expect(try eventually { idle.sofar.samples >= 3 })
        let quiet = try idle.stop()
        #expect(quiet.samples >= 3 && quiet.active == 0 && quiet.waitingForLock == 0, "\(quiet)")

        try holder.execute("BEGIN")
        try holder.execute("LOCK TABLE held IN ACCESS EXCLUSIVE MODE")
        let waiter = try BlockingConnection(url, on: group.next(), logger: quietLogger)
        defer { waiter.close() }
        let done = DispatchSemaphore(value: 0)
        Thread { _ = try? waiter.query("SELECT count(*) FROM held"); done.signal() }.start()
        #expect(try db.someSessionWaitsForALock())

        let sampler = try SessionSampler(database: url, every: 0.05, logger: quietLogger)
        #expect(try eventually { sampler.sofar.waitingForLock >= 2 })
        try holder.execute("COMMIT")
        done.wait()
        let busy = try sampler.stop()
        #expect(busy.waitingForLock >= 2 && busy.active >= busy.waitingForLock && busy.lockShare > 0, "\(busy)")
    }
}
