import DealersSupport
import Foundation

/// What the watcher remembers of the inbox between scans: the size and mtime each file had and
/// since when, so that a file counts as complete only once both stayed unchanged for the
/// stability window — also on file systems whose mtimes cannot be trusted (a copy that keeps
/// an old mtime, a network server with another clock). And the files that failed with an error,
/// which are not retried until they change.
///
/// A file first seen is stable since its mtime (all a single `dealers run` can know); a change
/// of size or mtime seen on a later scan restarts the window from the moment it was seen.
public final class StabilityTracker {
    package struct Observation: Equatable {
        package var size: Int64
        package var modified: Date
    }

    private var seen: [String: (observation: Observation, since: Date)] = [:]
    private var failed: [String: Observation] = [:]
    private var current: Set<String> = []

    /// Creates an empty tracker.
    public init() {}

    /// Records a sighting and returns since when the file has been unchanged.
    package func stableSince(path: String, size: Int64, modified: Date, now: Date) -> Date {
        let observation = Observation(size: size, modified: modified)
        current.insert(path)
        if let previous = seen[path], previous.observation == observation { return previous.since }
        let since = seen[path] == nil ? min(modified, now) : now
        seen[path] = (observation, since)
        return since
    }

    /// Whether a file failed before and has not changed since.
    package func isQuarantined(path: String, size: Int64, modified: Date) -> Bool {
        failed[path] == Observation(size: size, modified: modified)
    }

    /// Remembers that processing a file failed; it is skipped until its size or mtime change.
    public func quarantine(_ url: URL) {
        guard let info = try? FileSystem.info(at: url.path, followingLinks: false) else { return }
        failed[url.path] = Observation(size: Int64(info.size), modified: info.modified)
    }

    /// Starts a scan.
    package func beginScan() { current = [] }

    /// Ends a scan: forgets files that are gone.
    package func endScan() {
        seen = seen.filter { current.contains($0.key) }
        failed = failed.filter { current.contains($0.key) }
    }
}
