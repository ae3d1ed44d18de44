import Foundation
import DealersSupport
import DealersWorkspace

/// Moves processed inputs out of the inbox into `archive/<dealer>/<date>/`.
package enum InputArchive {
    /// Where `file` goes in `folder`: the first ``ArchivedName`` no earlier input has there.
    /// Creates the folder.
    package static func target(for file: URL, in folder: URL) throws -> URL {
        try AtomicFile.createDirectory(folder)
        let name = file.lastPathComponent
        var n = 1
        var target = folder.appendingPathComponent(name)
        while try FileSystem.entry(at: target.path, followingLinks: true) != .absent {
            n += 1
            target = folder.appendingPathComponent(ArchivedName.candidate(name, number: n))
        }
        return target
    }

    /// Moves `file` to `target` (same file system: a rename) and flushes both folders.
    package static func move(_ file: URL, to target: URL) throws {
        // Removed by someone while it was processed: its content is applied and receipted.
        guard try FileSystem.renameIfPresent(file.path, to: target.path) else { return }
        try AtomicFile.syncDirectory(target.deletingLastPathComponent())
        try AtomicFile.syncDirectory(file.deletingLastPathComponent())
    }
}
