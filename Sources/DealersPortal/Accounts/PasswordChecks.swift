import DealersSupport
import Foundation

/// Runs password checks (bcrypt, ≈ 0.25 s each at cost 12 by design) on a pool of threads of
/// their own behind a bounded queue (``PasswordCheckPolicy``), so that a burst of sign-ins or
/// HTTP Basic requests never holds up requests that need no check (sessions, API tokens, pages).
final class PasswordChecks: Sendable {
    private let pool: BoundedWorkPool
    private let hasher: PasswordHasher
    private let averageSeconds: AverageDuration

    /// The pool is full: the caller answers 503 with `Retry-After: seconds`.
    struct Busy: Error {
        /// A fair guess of when a check will be taken again.
        let retryAfterSeconds: Int
    }

    /// Starts the pool's threads.
    init(policy: PasswordCheckPolicy, hasher: PasswordHasher) {
        pool = BoundedWorkPool(threads: policy.threads, queueLimit: policy.queueLimit)
        self.hasher = hasher
        averageSeconds = AverageDuration(initial: 0.25)
    }

    /// Whether `password` matches `hash` (an unknown account, `nil`, costs one check of a decoy
    /// hash all the same: ``PasswordHasher/verify(_:hash:)``).
    /// - Throws: ``Busy`` when every thread is busy and the queue is full.
    func verify(_ password: String, hash: String?) async throws -> Bool {
        try await run { hasher in hasher.verify(password, hash: hash) }
    }

    /// Runs `work` (which hashes or checks with the portal's hasher) on the pool.
    /// - Throws: ``Busy`` when every thread is busy and the queue is full.
    func run<Value: Sendable>(_ work: @escaping @Sendable (PasswordHasher) -> Value) async throws -> Value {
        let hasher = self.hasher
        let average = averageSeconds
        let answer = await pool.submit { () -> Value in
            let start = DispatchTime.now().uptimeNanoseconds
            let value = work(hasher)
            average.add(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            return value
        }
        guard let answer else {
            let seconds = Double(pool.threads + pool.queueLimit) * averageSeconds.value / Double(pool.threads)
            throw Busy(retryAfterSeconds: max(1, Int(seconds.rounded(.up))))
        }
        return answer
    }

    /// Checks running or waiting now.
    var load: Int { pool.load }

    deinit { pool.stop() }
}

/// A moving average of how long a check takes, for `Retry-After`.
private final class AverageDuration: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Double

    init(initial: Double) { current = initial }

    var value: Double {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    func add(_ seconds: Double) {
        lock.lock()
        current = current * 0.8 + seconds * 0.2
        lock.unlock()
    }
}
