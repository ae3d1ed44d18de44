import Foundation

/// Polls a condition until it holds or the deadline passes.
package func eventually(timeout: Duration = .seconds(30), _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: 0.02)
    }
    return try condition()
}

/// Polls a condition from async code until it holds or the deadline passes, suspending between
/// polls (a blocking sleep would hold one of the few threads of Swift's cooperative pool, which
/// the work being waited for may need).
package func eventuallyAsync(timeout: Duration = .seconds(30), _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}
