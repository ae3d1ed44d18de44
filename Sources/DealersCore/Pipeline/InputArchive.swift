import Foundation

/// Moves processed inputs out of the inbox into `archive/<dealer>/<date>/`.
enum InputArchive {
    /// Moves `file` into `folder` (same file system: a rename), never overwriting an earlier
    /// input of the same name; returns where it went.
    static func move(_ file: URL, to folder: URL) throws -> URL {
        try AtomicFile.createDirectory(folder)
        let name = file.lastPathComponent
        var target = folder.appendingPathComponent(name)
        var n = 1
        while FileManager.default.fileExists(atPath: target.path) {
            n += 1
            let base = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
            target = folder.appendingPathComponent(ext.isEmpty ? "\(base).\(n)" : "\(base).\(n).\(ext)")
        }
        guard rename(file.path, target.path) == 0 else { throw DealersError.io(file.path, "moving to \(target.path)") }
        try AtomicFile.syncDirectory(folder)
        try AtomicFile.syncDirectory(file.deletingLastPathComponent())
        return target
    }
}
