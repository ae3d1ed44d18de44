import Foundation
import Testing
import DealersTestSupport
@testable import DealersCore

@Suite("Support: work on a second thread")
struct BatchQueueTests {
    @Test("batches arrive in order, then the producer's error; a stopped consumer turns put away")
    func orderErrorAndStop() throws {
        let queue = BatchQueue<Int>(limit: 2)
        let producer = BackgroundWork { () -> Bool in
            for i in 0..<50 { guard queue.put([2 * i, 2 * i + 1]) else { return false } }
            queue.finish(throwing: DealersError(.io, path: "x", "disk gone"))
            return true
        }
        var seen: [Int] = []
        do {
            while let batch = try queue.take() { seen += batch }
            Issue.record("the producer's error did not arrive")
        } catch let error as DealersError {
            #expect(error.message == "disk gone")
        }
        #expect(seen == Array(0..<100))
        #expect(try producer.value())

        let stopped = BatchQueue<Int>(limit: 1)
        let blocked = BackgroundWork { () -> Bool in stopped.put([1]) && stopped.put([2]) }
        #expect(try stopped.take() == [1])
        stopped.stop()
        _ = try blocked.value()   // [2] may have gone in before the stop or been turned away: it ends either way
        #expect(stopped.put([3]) == false)
    }

    @Test("batches given back reach the producer, in order, once; a stopped queue keeps none")
    func givenBack() throws {
        let queue = BatchQueue<Int>(limit: 4)
        #expect(queue.takeBack().isEmpty)
        queue.giveBack([1, 2])
        queue.giveBack([3])
        #expect(queue.takeBack() == [[1, 2], [3]])
        #expect(queue.takeBack().isEmpty)
        queue.stop()
        queue.giveBack([4])
        #expect(queue.takeBack().isEmpty)
    }

    @Test("background work returns its value or rethrows its error")
    func backgroundWork() throws {
        #expect(try BackgroundWork { 6 * 7 }.value() == 42)
        #expect(throws: DealersError.self) {
            try BackgroundWork { () throws -> Int in throw DealersError(.io, path: nil, "no") }.value()
        }
    }
}

@Suite("Support: where the two sides of a hand-over wait")
struct HandOverWaitTests {
    @Test("a producer on a full queue and a consumer on an empty one are counted where they block")
    func counted() throws {
        let queue = BatchQueue<Int>(limit: 1)
        #expect(queue.waits == HandOverWaits())
        #expect(queue.put([1]))
        let producer = BackgroundWork { queue.put([2]) }   // the queue is full: it blocks until a take
        #expect(eventually { queue.waits.producer.count == 1 })
        #expect(try queue.take() == [1])
        #expect(try producer.value())
        #expect(try queue.take() == [2])
        #expect(queue.waits.consumer.count == 0)

        let consumer = BackgroundWork { try queue.take() }  // the queue is empty: it blocks until a put
        #expect(eventually { queue.waits.consumer.count == 1 })
        #expect(queue.put([3]))
        #expect(try consumer.value() == [3])
        let waits = queue.waits
        #expect(waits.producer.count == 1 && waits.consumer.count == 1)
        #expect(waits.producer.duration > .zero && waits.consumer.duration > .zero)
        #expect(waits.summary.contains("the reading thread 1 times") && waits.summary.contains("the applying thread 1 times"))
    }
}
