import DealersTestSupport
import Foundation
import Testing
@testable import DealersCore
@testable import DealersStore

/// A `/bin/sh` that takes `flock -n` on the store's lock file, says "ready", then runs `then`.
/// The shell `exec`s into `then`, so one process holds the lock and killing it releases it.
private final class LockHolder: @unchecked Sendable {
    let process = Process()
    private let output = Pipe()

    init(lock: URL, then command: String) throws {
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exec 9>>\"$0\" && flock -n 9 && echo ready && exec \(command)", lock.path]
        process.standardOutput = output
        try process.run()
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("ready\n") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { throw DealersError(.internalError, "lock holder exited before taking the lock") }
            seen.append(chunk)
        }
    }

    /// Creates the sandbox's store, then holds its lock from another process until killed.
    convenience init(holding box: StoreSandbox) throws {
        try box.open().close()
        try self.init(lock: box.file("lock"), then: "sleep 30")
    }

    /// Kills the holder and waits for it to end (nothing when it has ended already).
    func kill(_ signal: Int32 = SIGKILL) {
        guard process.isRunning else { return }
        Foundation.kill(process.processIdentifier, signal)
        process.waitUntilExit()
    }
}

/// `flock(1)` from util-linux, used to hold the lock from another process.
private let hasFlockTool = ["/usr/bin/flock", "/bin/flock"].contains { FileManager.default.isExecutableFile(atPath: $0) }

@Suite("Store lock", .serialized)
struct StoreLockTests {
    @Test("a second open in the same process is refused with the holder's pid and command")
    func sameProcess() throws {
        let box = try StoreSandbox()
        defer { box.cleanUp() }
        let first = try box.open()
        let error = try #require(dealersError { _ = try box.open() })
        #expect(error.kind == .locked)
        #expect(error.exitCode == 75)
        #expect(error.path == box.file("lock").path)
        #expect(error.message.hasPrefix("the store is in use by process \(getpid()) ("))
        #expect(error.message.contains(" since 20"))
        #expect(error.message.hasSuffix("; try again later or use --wait"))
        // The refused open did not disturb the holder.
        let tx = first.beginTransaction()
        try tx.write(try key("a.json"), data("1"))
        try tx.commit()
        first.close()
        #expect(box.contents("lock") == "")
        let second = try box.open()
        #expect(second.isWritable)
        #expect(box.contents("lock")?.contains("\"pid\":\(getpid())") == true)
    }

    @Test("a lock held by another process (flock(1)) is refused, and released when it is killed", .enabled(if: hasFlockTool))
    func otherProcess() throws {
        let box = try StoreSandbox()
        defer { box.cleanUp() }
        let holder = try LockHolder(holding: box)
        let error = dealersError { _ = try box.open() }
        #expect(error?.kind == .locked)
        #expect(error?.message == "the store is in use by another process; try again later or use --wait")
        holder.kill(SIGKILL)
        #expect(try box.open().isWritable)
    }

    @Test("wait: true with a timeout retries, pausing longer each time, and gives up once the clock has passed it", .enabled(if: hasFlockTool))
    func waitingGivesUp() throws {
        let box = try StoreSandbox()
        defer { box.cleanUp() }
        let holder = try LockHolder(holding: box)
        defer { holder.kill() }
        let clock = ManualClock()
        let started = clock.now
        let error = dealersError { _ = try box.open(wait: true, timeout: 0.3, clock: clock) }
        #expect(error?.kind == .locked)
        #expect(error?.message.contains("after waiting") == true)
        #expect(clock.seconds(since: started) >= 0.3)
        #expect(clock.sleeps.count >= 4 && clock.sleeps.first == 0.02, "\(clock.sleeps)")
        #expect(zip(clock.sleeps, clock.sleeps.dropFirst()).allSatisfy { $1 == min($0 * 2, 0.5) })
    }

    @Test("wait: true takes the lock as soon as the holder ends", .enabled(if: hasFlockTool))
    func waitingTakesTheLock() throws {
        let box = try StoreSandbox()
        defer { box.cleanUp() }
        let holder = try LockHolder(holding: box)
        // The holder ends during the first pause; the next attempt takes the lock.
        let clock = ManualClock()
        clock.onSleep { _ in holder.kill() }
        let store = try box.open(wait: true, timeout: 30, clock: clock)
        #expect(store.isWritable)
        #expect(clock.sleeps == [0.02])
    }
}
