import CSignalForward
import Foundation

/// The watcher's stop flag, raised by SIGTERM or SIGINT.
///
/// While listening, both signals run a small C handler (`CSignalForward`) that records the signal
/// and writes a byte to the wake-up pipe: nothing else runs in the handler, and the watcher's loop,
/// waiting in `poll(2)` on that pipe, wakes and reads the flag. A handler is used rather than a
/// Dispatch signal source because the latter ignores the signal and reads it back through a
/// `signalfd`, which only sees it when the thread the kernel chose had blocked it; a signal that
/// reached another thread was dropped and the watcher never stopped.
public final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var raised: Int32?
    private let wake: WakePipe
    private static let signals = [SIGTERM, SIGINT]

    /// Creates a flag that pokes `wake` when raised.
    public init(wake: WakePipe) {
        self.wake = wake
    }

    /// The signal that raised the flag, if any.
    public var signal: Int32? {
        lock.lock()
        defer { lock.unlock() }
        if raised == nil {
            let taken = dealers_signal_take()
            if taken != 0 { raised = taken }
        }
        return raised
    }

    /// Whether a stop was asked for.
    public var isRaised: Bool { signal != nil }

    /// Raises the flag (as a signal would).
    public func raise(_ signal: Int32) {
        lock.lock()
        if raised == nil { raised = signal }
        lock.unlock()
        wake.poke()
    }

    /// Starts listening for SIGTERM and SIGINT.
    public func listen() {
        _ = dealers_signal_take()
        for sig in Self.signals { _ = dealers_signal_forward(sig, wake.writeDescriptor) }
    }

    /// Stops listening and gives the signals back their default action.
    public func stopListening() {
        for sig in Self.signals { _ = dealers_signal_restore(sig) }
    }
}
