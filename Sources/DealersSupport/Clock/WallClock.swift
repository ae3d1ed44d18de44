import Foundation

/// The time as the program reads it and the way it waits: one abstraction for the stability
/// window of `run` and `watch`, the store lock's `--wait`, the portal's sessions and the
/// timings of receipts.
///
/// Code that needs the time or a pause takes a clock (``SystemClock`` unless told otherwise)
/// instead of calling `Date()` or `Thread.sleep`, so that tests pass a ``ManualClock`` and move
/// time on instead of sleeping. The waits it serves are synchronous (a run is one thread that
/// blocks), and the moments are wall-clock `Date`s because they meet file modification times,
/// receipts and cookies: hence this small protocol rather than the standard library's `Clock`.
public protocol WallClock: Sendable {
    /// The current moment.
    var now: Date { get }

    /// Blocks the calling thread for `seconds`; returns at once when it is zero or less.
    func sleep(for seconds: TimeInterval)
}

extension WallClock {
    /// Seconds from `start` until now.
    public func seconds(since start: Date) -> TimeInterval {
        now.timeIntervalSince(start)
    }
}

/// The computer's clock: `Date()` and `Thread.sleep`. The default everywhere a clock is taken.
public struct SystemClock: WallClock {
    /// The system clock.
    public init() {}

    /// The current moment (`Date()`).
    public var now: Date { Date() }

    /// Blocks the calling thread for `seconds` (`Thread.sleep`).
    public func sleep(for seconds: TimeInterval) {
        guard seconds > 0 else { return }
        Thread.sleep(forTimeInterval: seconds)
    }
}
