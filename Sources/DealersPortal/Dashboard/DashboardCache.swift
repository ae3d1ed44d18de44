import DealersCore
import Foundation

/// The last figures read per reports folder, kept until one of the files they come from changes
/// (its size or modification time) or the day does: a dashboard request then costs listing the folder, not
/// reading `payments.csv` again. Held by the ``Portal``; safe from any thread.
final class DashboardCache: @unchecked Sendable {
    private struct Key: Hashable {
        let folder: String
        let files: [String]
        let asOf: CivilDate
    }

    private let lock = NSLock()
    private var cached: [String: (key: Key, figures: DashboardFigures)] = [:]

    /// The figures of `reports`, computed by `read` when a source file changed since the last time.
    func figures(reports: ReadableFolder, asOf: CivilDate, read: () -> DashboardFigures) -> DashboardFigures {
        let sources = ["collective-status.csv", "users.csv", "payments.csv"]
        let key = Key(folder: reports.url.path, files: sources.map { name in
            reports.entry(named: name).map { "\(name):\($0.size):\($0.modified.timeIntervalSince1970)" } ?? name
        }, asOf: asOf)
        if let hit = lock.withLock({ cached[key.folder] }), hit.key == key { return hit.figures }
        let figures = read()
        lock.withLock { cached[key.folder] = (key, figures) }
        return figures
    }
}
