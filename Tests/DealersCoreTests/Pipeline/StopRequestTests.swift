import Foundation
import Testing
import DealersCore

/// The watcher's stop flag, raised by real signals sent to this process. Serialized: a signal's
/// disposition is the process's, so two cases listening at once would take each other's signals.
@Suite("Stop request", .serialized)
struct StopRequestTests {
    @Test("SIGTERM and SIGINT sent to the process raise the flag and wake the pipe, whichever thread the kernel picks",
          arguments: [SIGTERM, SIGINT])
    func signalsRaiseTheFlag(signal: Int32) throws {
        // Many rounds: a signal delivered to a thread that had not blocked it was lost when the
        // flag was read back through a Dispatch signal source.
        for _ in 0..<25 {
            let wake = try WakePipe()
            let stop = StopRequest(wake: wake)
            stop.listen()
            defer { stop.stopListening() }
            #expect(!stop.isRaised)
            kill(getpid(), signal)
            let deadline = Date().addingTimeInterval(10)
            while !stop.isRaised, Date() < deadline {
                wake.wait(alsoOn: [], timeout: 0.5)
                wake.drain()
            }
            #expect(stop.signal == signal)
        }
    }

    @Test("raise sets the flag once: the first signal is kept")
    func firstSignalKept() throws {
        let stop = StopRequest(wake: try WakePipe())
        #expect(stop.signal == nil)
        stop.raise(SIGINT)
        stop.raise(SIGTERM)
        #expect(stop.signal == SIGINT)
    }
}
