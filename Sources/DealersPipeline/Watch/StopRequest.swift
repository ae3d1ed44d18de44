#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation

/// The watcher's stop flag, raised by SIGTERM or SIGINT. The signals are taken away from their
/// default action and delivered through Dispatch signal sources, so no code runs in a signal
/// handler: the source's handler, on a Dispatch queue, sets the flag and pokes the wake-up pipe.
public final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var raised: Int32?
    private var sources: [DispatchSourceSignal] = []
    private let wake: WakePipe
    private let queue = DispatchQueue(label: "dealers.watch.signals")

    /// Creates a flag that pokes `wake` when raised.
    public init(wake: WakePipe) {
        self.wake = wake
    }

    /// The signal that raised the flag, if any.
    public var signal: Int32? {
        lock.lock()
        defer { lock.unlock() }
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
        for sig in [SIGTERM, SIGINT] {
            setDisposition(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler { [weak self] in self?.raise(sig) }
            source.resume()
            sources.append(source)
        }
    }

    /// Stops listening and gives the signals back their default action.
    public func stopListening() {
        for source in sources { source.cancel() }
        sources = []
        for sig in [SIGTERM, SIGINT] { setDisposition(sig, SIG_DFL) }
    }

    private func setDisposition(_ sig: Int32, _ action: sighandler_t?) {
        #if canImport(Glibc)
        _ = Glibc.signal(sig, action)
        #elseif canImport(Darwin)
        _ = Darwin.signal(sig, action)
        #endif
    }
}
