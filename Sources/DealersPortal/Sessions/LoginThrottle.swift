import Foundation

/// Limits failed sign-ins per account name: after ``SessionPolicy/maxFailures`` failures within
/// ``SessionPolicy/failureWindow`` the name is refused, right password or not, until the oldest
/// failure leaves the window. Browser sign-in and HTTP Basic count together.
public final class LoginThrottle: @unchecked Sendable {
    private let lock = NSLock()
    private var failures: [String: [Date]] = [:]
    private let policy: SessionPolicy

    /// A throttle with a policy.
    public init(policy: SessionPolicy) {
        self.policy = policy
    }

    /// Whether `name` may try now.
    func allows(_ name: String, now: Date) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return recent(name.lowercased(), now: now).count < policy.maxFailures
    }

    /// Seconds until `name` may try again (0 when it may now).
    func retryAfter(_ name: String, now: Date) -> Int {
        lock.lock()
        defer { lock.unlock() }
        let times = recent(name.lowercased(), now: now)
        guard times.count >= policy.maxFailures, let oldest = times.first else { return 0 }
        return max(1, Int((policy.failureWindow - now.timeIntervalSince(oldest)).rounded(.up)))
    }

    /// Counts a failed attempt.
    func recordFailure(_ name: String, now: Date) {
        lock.lock()
        defer { lock.unlock() }
        let key = name.lowercased()
        if failures.count >= Self.pruneAbove {
            failures = failures.filter { !recent($0.key, now: now).isEmpty }
        }
        failures[key] = recent(key, now: now) + [now]
    }

    /// Forgets the failures of a name after a successful sign-in.
    func recordSuccess(_ name: String) {
        lock.lock()
        failures[name.lowercased()] = nil
        lock.unlock()
    }

    /// Past this many names, names whose failures all left the window are forgotten (memory
    /// stays bounded by the names tried within one window).
    private static let pruneAbove = 10_000

    private func recent(_ key: String, now: Date) -> [Date] {
        (failures[key] ?? []).filter { now.timeIntervalSince($0) < policy.failureWindow }
    }
}
