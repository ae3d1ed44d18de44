import Foundation

/// Where the two sides of a ``BatchQueue`` waited for each other: counted when a side finds the
/// queue full (the producer) or empty (the consumer) and blocks, not inferred from profiles.
package struct HandOverWaits: Sendable, Equatable {
    /// The waits of one side.
    package struct Side: Sendable, Equatable {
        /// How many times the side blocked.
        package var count = 0
        /// How long it blocked in all.
        package var duration = Duration.zero

        /// A wait begins (counted at once, so that a side blocked now shows): returns when.
        mutating func begin() -> ContinuousClock.Instant {
            count += 1
            return ContinuousClock.now
        }

        /// The wait that began at `start` ends now.
        mutating func end(since start: ContinuousClock.Instant) {
            duration += ContinuousClock.now - start
        }

        /// The blocked time in seconds.
        package var seconds: Double {
            let parts = duration.components
            return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
        }
    }

    /// The producer (the reading thread) waiting on a full queue: the consumer is the slower.
    package var producer = Side()
    /// The consumer (the applying thread) waiting on an empty queue: the producer is the slower.
    package var consumer = Side()

    package init() {}

    /// The waits in a sentence, for the `--verbose` log.
    package var summary: String {
        func seconds(_ side: Side) -> String { String(format: "%.3f", side.seconds) }
        return "hand-over waits: the reading thread \(producer.count) times (\(seconds(producer)) s) on a full queue, "
            + "the applying thread \(consumer.count) times (\(seconds(consumer)) s) on an empty one"
    }
}
