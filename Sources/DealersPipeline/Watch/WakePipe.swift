#if canImport(Glibc)
import Glibc
#endif
import Foundation
import DealersSupport

/// A self-pipe: anything may poke it (a signal source, another thread) to wake a loop that is
/// waiting in `poll(2)` on ``readDescriptor``. Owns both descriptors.
public final class WakePipe: @unchecked Sendable {
    /// The end to wait on.
    public let readDescriptor: Int32
    /// The end a poke writes to (a signal handler writes to it too: ``StopRequest``).
    let writeDescriptor: Int32

    /// Creates the pipe (both ends non-blocking, close-on-exec).
    /// - Throws: ``DealersError`` `.io`.
    public init() throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw DealersError.io("pipe", "creating the watcher's wake-up pipe") }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        readDescriptor = fds[0]
        writeDescriptor = fds[1]
    }

    deinit {
        close(readDescriptor)
        close(writeDescriptor)
    }

    /// Wakes the waiting loop (a full pipe already wakes it: the write may then be dropped).
    public func poke() {
        var byte: UInt8 = 1
        _ = write(writeDescriptor, &byte, 1)
    }

    /// Empties the pipe.
    public func drain() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while buffer.withUnsafeMutableBytes({ read(readDescriptor, $0.baseAddress, $0.count) }) > 0 {}
    }

    /// Waits until this pipe or one of `others` is readable, or `timeout` seconds pass
    /// (`nil`: no limit). Returns early on a signal (EINTR).
    public func wait(alsoOn others: [Int32], timeout: Double?) {
        var fds = ([readDescriptor] + others).map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let ms = timeout.map { Int32(min(max(0, $0 * 1000), Double(Int32.max)).rounded(.up)) } ?? -1
        _ = poll(&fds, nfds_t(fds.count), ms)
    }
}
