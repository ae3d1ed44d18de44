import Foundation
import Testing
import DealersTestSupport
@testable import DealersStore

/// ``ConflictRetry``: a unit of store work done again after a concurrent transaction, bounded.
@Suite("ConflictRetry")
struct ConflictRetryTests {
    @Test("a unit that meets concurrent transactions is done again until it succeeds, each retry counted")
    func retriesUntilDone() throws {
        var attempts = 0
        var counted: [Int] = []
        let result = try ConflictRetry.run("the unit", doing: "doing it", logger: testLogger, onRetry: { counted.append($0) }) {
            attempts += 1
            if attempts < 3 { throw StoreConflict("deadlock detected (SQLSTATE 40P01)") }
            return attempts
        }
        #expect(result == 3)
        #expect(counted == [1, 2])
    }

    @Test("after its last retry the conflict becomes a .locked error naming the unit; other errors are not retried")
    func bounded() {
        var attempts = 0
        let error = dealersError {
            try ConflictRetry.run("sync/position.json", doing: "writing the position", logger: testLogger) {
                attempts += 1
                throw StoreConflict("deadlock detected (SQLSTATE 40P01)")
            }
        }
        #expect(attempts == ConflictRetry.limit + 1)
        #expect(error?.kind == .locked)
        #expect(error?.description.contains("sync/position.json") == true)
        #expect(error?.description.contains("gave up after writing the position 6 times: deadlock detected") == true, "\(String(describing: error))")
        var once = 0
        let other = dealersError {
            try ConflictRetry.run("the unit", doing: "doing it", logger: testLogger) {
                once += 1
                throw DealersError(.io, "disk full")
            }
        }
        #expect(once == 1 && other?.kind == .io)
    }
}
