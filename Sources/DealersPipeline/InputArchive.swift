import Foundation
import DealersSupport

/// Moves processed inputs out of the inbox into `archive/<dealer>/<date>/`.
package enum InputArchive {
    /// Where `file` goes in `folder`: its own name, or `name.2.ext`, `name.3.ext` … so that an
    /// earlier input of the same name is never overwritten. Creates the folder.
    package static func target(for file: URL, in folder: URL) throws -> URL {
        try AtomicFile.createDirectory(folder)
        let name = file.lastPathComponent
        var target = folder.appendingPathComponent(name)
        var n = 1
        while try FileSystem.entry(at: target.path, followingLinks: true) != .absent {
            n += 1
            let base = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
            target = folder.appendingPathComponent(ext.isEmpty ? "\(base).\(n)" : "\(base).\(n).\(ext)")
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
