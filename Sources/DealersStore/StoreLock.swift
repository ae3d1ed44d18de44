import Foundation
import Logging

/// The one-writer lock of a store: `flock(LOCK_EX)` on `store/lock`.
///
/// The kernel releases an `flock` when its file description is closed, including when the
/// process dies (even by SIGKILL), so there is never a stale lock to clear by hand. The content
/// of the lock file only *describes* the holder (pid, command, since when) for the message a
/// waiting person reads; it is never used to decide whether the lock is held.
///
/// `flock` locks belong to an open file description: a second `StoreLock` on the same store in
/// the same process conflicts with the first, exactly like one in another process.
final class StoreLock {
    /// Who holds a lock, as written into the lock file.
    struct Holder: Codable, Equatable {
        var pid: Int32
        var command: String
        var since: String
    }

    let url: URL
    private var file: OpenFile?

    /// Takes the lock on `url` (creating the file), or throws `.locked` describing the holder.
    /// - Parameters:
    ///   - wait: block until the lock is free instead of failing at once.
    ///   - timeout: with `wait`, give up (with `.locked`) after this many seconds; `nil` waits forever.
    ///   - clock: what the wait is measured with and pauses on between attempts.
    init(url: URL, wait: Bool, timeout: TimeInterval?, clock: any WallClock = SystemClock(), logger: Logger) throws {
        self.url = url
        let file = try OpenFile(url.path, .readWrite)
        do {
            try acquire(file, wait: wait, timeout: timeout, clock: clock, logger: logger)
            try describeSelf(in: file, since: clock.now)
        } catch {
            file.closeIgnoringErrors()
            throw error
        }
        self.file = file
    }

    deinit { release() }

    /// Whether this object still holds the lock.
    var isHeld: Bool { file != nil }

    /// Clears the holder description and releases the lock; safe to call more than once.
    func release() {
        guard let file else { return }
        try? file.truncate(to: 0)
        file.unlock()
        file.closeIgnoringErrors()
        self.file = nil
    }

    private func acquire(_ file: OpenFile, wait: Bool, timeout: TimeInterval?, clock: any WallClock, logger: Logger) throws {
        if try file.tryLock() { return }
        guard wait else { throw lockedError(waited: nil) }
        let holder = StoreLock.describeHolder(StoreLock.readHolder(url))
        logger.notice("waiting for the store lock", metadata: ["lock": "\(url.path)", "holder": "\(holder)"])
        let start = clock.now
        var pause: TimeInterval = 0.02
        while true {
            if let timeout, clock.seconds(since: start) >= timeout {
                throw lockedError(waited: timeout)
            }
            clock.sleep(for: pause)
            pause = min(pause * 2, 0.5)
            if try file.tryLock() {
                logger.info("took the store lock", metadata: ["lock": "\(url.path)"])
                return
            }
        }
    }

    private func lockedError(waited: TimeInterval?) -> DealersError {
        let holder = StoreLock.describeHolder(StoreLock.readHolder(url))
        if let waited {
            return DealersError(.locked, path: url.path,
                                "the store is still in use by \(holder) after waiting \(Int(waited.rounded())) s; try again later")
        }
        return DealersError(.locked, path: url.path, "the store is in use by \(holder); try again later or use --wait")
    }

    /// Writes this process's description into the lock file (advisory; never fsync'd).
    private func describeSelf(in file: OpenFile, since moment: Date) throws {
        let arguments = CommandLine.arguments
        let program = arguments.first.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "?"
        let command = ([program] + arguments.dropFirst()).joined(separator: " ")
        let since = ISO8601DateFormatter().string(from: moment)
        let holder = Holder(pid: ProcessInfo.processInfo.processIdentifier, command: command, since: since)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(holder)) ?? Data()
        try file.truncate(to: 0)
        try data.withUnsafeBytes { try file.write($0) }
    }

    /// The holder described in a lock file, when it can be read.
    static func readHolder(_ url: URL) -> Holder? {
        guard let data = try? StoreFiles.read(url), !data.isEmpty else { return nil }
        return try? JSONDecoder().decode(Holder.self, from: data)
    }

    static func describeHolder(_ holder: Holder?) -> String {
        guard let holder else { return "another process" }
        return "process \(holder.pid) (\(holder.command)) since \(holder.since)"
    }
}
