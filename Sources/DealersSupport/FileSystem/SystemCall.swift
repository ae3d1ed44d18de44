#if canImport(Glibc)
import Glibc
#endif
import SystemPackage

/// Runs the file-system calls that swift-system does not wrap (`fsync`, `flock`, `rename`,
/// `mkdir`, `unlink`, `syncfs`, `lstat` …): retries them while they fail with `EINTR`, like
/// swift-system's `retryOnInterrupt`, and returns the `errno` of any other failure.
///
/// With swift-system's own wrappers this is the one place in the program that retries an
/// interrupted call; everything under `FileSystem/` goes through one or the other.
@usableFromInline
enum SystemCall {
    /// Calls `body` until it returns something other than `-1` with `EINTR`.
    /// - Returns: `nil` on success, the error otherwise.
    @inlinable
    static func run(_ body: () -> Int32) -> Errno? {
        while true {
            if body() != -1 { return nil }
            let code = Errno(rawValue: errno)
            if code != .interrupted { return code }
        }
    }
}
