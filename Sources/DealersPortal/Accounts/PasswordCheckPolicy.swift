import Foundation

/// How many password checks (bcrypt) run at once and how many may wait: the checks run on a
/// small pool of threads of their own (``PasswordChecks``), never on the threads that answer
/// other requests; past `threads + queueLimit` checks a sign-in or HTTP Basic request is
/// answered 503 with `Retry-After` at once.
public struct PasswordCheckPolicy: Sendable {
    /// Threads that check passwords (default: half the cores, at least 1 — one on a 2-core machine).
    public var threads = max(1, ProcessInfo.processInfo.activeProcessorCount / 2)
    /// Checks that may wait for a thread (default 16: about 4 s of bcrypt at cost 12 on one thread).
    public var queueLimit = 16

    /// The defaults.
    public init() {}
}
