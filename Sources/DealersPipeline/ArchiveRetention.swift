import Foundation
import DealersModel
import DealersSupport
import DealersWorkspace

/// Deletes archived inputs older than `archiveRetentionDays` (`dealers.json`): the folders
/// `archive/<DEALER or _operator>/<YYYY-MM-DD>/` whose date is more than that many days before the
/// as-of date. Folders not named as a date are left alone; without the setting nothing is deleted.
public struct ArchiveRetention {
    /// The workspace.
    public let workspace: Workspace

    /// Creates the policy for a workspace.
    public init(workspace: Workspace) {
        self.workspace = workspace
    }

    /// Deletes the expired folders; returns them relative to the workspace, sorted.
    public func removeExpired(asOf: CivilDate) throws -> [String] {
        guard let days = workspace.settings.archiveRetentionDays else { return [] }
        let oldest = asOf.adding(days: -days)
        let archive = workspace.root.appendingPathComponent("archive")
        guard let owners = try? FileSystem.names(in: archive.path) else { return [] }
        var removed: [String] = []
        for owner in owners.sorted() where !owner.hasPrefix(".") {
            let folder = archive.appendingPathComponent(owner)
            guard let dates = try? FileSystem.names(in: folder.path) else { continue }
            for name in dates.sorted() {
                guard let date = CivilDate(iso: name), date < oldest else { continue }
                try FileSystem.removeTree(folder.appendingPathComponent(name).path)
                removed.append("archive/\(owner)/\(name)")
            }
        }
        return removed
    }
}
