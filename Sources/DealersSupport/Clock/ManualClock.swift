import Foundation

/// A clock that moves only when told, for tests: ``advance(by:)`` moves it on, and
/// ``sleep(for:)`` returns at once having moved it on by the pause asked for — code that waits
/// with it runs through its waits in no time, on a timeline the test controls.
///
/// What ``onSleep(_:)`` is given runs after each sleep, on the sleeping thread, with the clock
/// already moved on: a test makes the awaited thing happen there (another process lets go of a
/// lock, a file gets another piece) at exactly the moment the code under test waits for it.
public final class ManualClock: WallClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    private var pauses: [TimeInterval] = []
    private var action: @Sendable (TimeInterval) -> Void = { _ in }

    /// A clock standing at `now` (by default a fixed moment in November 2026).
    public init(now: Date = Date(timeIntervalSince1970: 1_795_000_000)) {
        current = now
    }

    /// The moment the clock stands at.
    public var now: Date {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    /// The pauses asked of ``sleep(for:)`` so far, in order.
    public var sleeps: [TimeInterval] {
        lock.lock()
        defer { lock.unlock() }
        return pauses
    }

    /// Moves the clock on by `seconds` (back, when negative: a clock set back by hand).
    public func advance(by seconds: TimeInterval) {
        lock.lock()
        current += seconds
        lock.unlock()
    }

    /// Sets what runs after each ``sleep(for:)``, given the pause asked for (replacing what was set).
    public func onSleep(_ action: @escaping @Sendable (TimeInterval) -> Void) {
        lock.lock()
        self.action = action
        lock.unlock()
    }

    /// Moves the clock on by `seconds` (when positive) without blocking, records the pause,
    /// then runs what ``onSleep(_:)`` set.
    public func sleep(for seconds: TimeInterval) {
        lock.lock()
        current += max(0, seconds)
        pauses.append(seconds)
        let action = self.action
        lock.unlock()
        action(seconds)
    }
}
