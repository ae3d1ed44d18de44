import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SystemPackage

/// Operations on paths: rename, remove, create and flush folders, look at what is there.
///
/// Every failure is a ``DealersError`` naming the operation, the path and the system's error
/// text; interrupted calls are retried (see ``OpenFile`` for operations on an open file).
///
/// This folder is the one door to the file system: the only code that calls the C library's
/// file-system functions or `FileManager`. What stays outside is not file-system I/O, or is
/// measured on purpose: the watcher's wake-up pipe, `poll` and inotify descriptor
/// (`Pipeline/Watch/`), the `FILE` handles libxlsxwriter opens itself, and the benchmark's raw
/// `read(2)` floor and child processes. `ArchitectureTests` keeps that list.
public enum FileSystem {
    /// What is at a path.
    public enum Entry: Sendable { case absent, folder, file }

    /// Renames `source` to `target`, replacing `target` atomically when it exists.
    /// - Throws: ``DealersError`` `.io` `"rename to <target> failed: …"` naming `source`.
    public static func rename(_ source: String, to target: String) throws {
        try fromTo("rename", source, target, fine: nil) { Glibc.rename(source, target) }
    }

    /// Renames `source` to `target` like ``rename(_:to:)``, unless `source` is not there.
    /// - Returns: whether there was something to rename.
    /// - Throws: ``DealersError`` `.io` `"rename to <target> failed: …"` naming `source`.
    @discardableResult
    public static func renameIfPresent(_ source: String, to target: String) throws -> Bool {
        try fromTo("rename", source, target, fine: .noSuchFileOrDirectory) { Glibc.rename(source, target) }
    }

    /// Makes `target` a second name of the file `source` (a hard link); the two must be on one
    /// file system. Never replaces what is at `target`.
    /// - Throws: ``DealersError`` `.io` `"link to <target> failed: …"` naming `source`, also
    ///   when `target` exists.
    public static func link(_ source: String, to target: String) throws {
        try fromTo("link", source, target, fine: nil) { Glibc.link(source, target) }
    }

    /// Links `source` to `target` like ``link(_:to:)``, unless something is already at `target`.
    /// - Returns: whether the link was made (`false`: `target` was taken, and is left as it was).
    /// - Throws: ``DealersError`` `.io` `"link to <target> failed: …"` naming `source`.
    public static func linkIfAbsent(_ source: String, to target: String) throws -> Bool {
        try fromTo("link", source, target, fine: .fileExists) { Glibc.link(source, target) }
    }

    /// Runs a call from `source` to `target` (rename, link).
    /// - Parameter fine: the one error that is an answer, not a failure.
    /// - Returns: `false` when the call failed with `fine`.
    /// - Throws: ``DealersError`` `.io` `"<operation> to <target> failed: …"` naming `source`.
    @discardableResult
    private static func fromTo(_ operation: String, _ source: String, _ target: String, fine: Errno?,
                               _ call: () -> Int32) throws -> Bool {
        guard let error = SystemCall.run(call) else { return true }
        if error == fine { return false }
        throw DealersError.fileSystem("\(operation) to \(target)", path: source, error)
    }

    /// Removes a file; a file that is already gone is fine.
    /// - Returns: whether there was a file to remove.
    /// - Throws: ``DealersError`` `.io` `"remove failed: …"`.
    @discardableResult
    public static func remove(_ path: String) throws -> Bool {
        guard let error = SystemCall.run({ unlink(path) }) else { return true }
        if error == .noSuchFileOrDirectory { return false }
        throw DealersError.fileSystem("remove", path: path, error)
    }

    /// Removes a file or a folder with everything in it; a path that is already gone is fine.
    /// - Throws: ``DealersError`` `.io` `"remove failed: …"`.
    public static func removeTree(_ path: String) throws {
        guard try entry(at: path) != .absent else { return }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw DealersError(.io, path: path, "remove failed: \(error.localizedDescription)")
        }
    }

    /// Creates a folder and its missing parents; an existing folder is fine.
    /// - Throws: ``DealersError`` `.cannotCreate` `"create folder failed: …"` naming the folder
    ///   that could not be made.
    public static func createDirectory(_ path: String) throws {
        if try entry(at: path, followingLinks: true) == .folder { return }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path { try createDirectory(parent) }
        guard let error = SystemCall.run({ mkdir(path, 0o755) }) else { return }
        if error == .fileExists, try entry(at: path, followingLinks: true) == .folder { return }
        throw DealersError.fileSystem("create folder", path: path, error, kind: .cannotCreate)
    }

    /// Flushes a folder's entries (renames, creations, removals in it) to disk.
    /// - Throws: ``DealersError`` `.io` `"open failed: …"` or `"fsync failed: …"`.
    public static func syncDirectory(_ path: String) throws {
        let folder = try OpenFile(path, .folder, failure: .io)
        try folder.sync()
        try folder.close()
    }

    /// `fsync` of a file or folder that may have disappeared meanwhile (then nothing happens).
    /// - Throws: ``DealersError`` `.io`.
    public static func syncIfPresent(_ path: String) throws {
        guard let file = try OpenFile.openIfPresent(path) else { return }
        try file.sync()
        try file.close()
    }

    /// Flushes everything written to the file system holding `folder` with one `syncfs(2)`
    /// (where there is none, an `fsync` of the folder only).
    /// - Throws: ``DealersError`` `.io`.
    public static func syncFileSystem(containing folder: String) throws {
        let file = try OpenFile(folder, .folder, failure: .io)
        try file.syncFileSystem()
        try file.close()
    }

    /// What is at `path`.
    /// - Parameter followingLinks: whether a symbolic link counts as what it points to; by
    ///   default it is a file.
    /// - Throws: ``DealersError`` `.io` `"stat failed: …"` for anything but a missing path.
    public static func entry(at path: String, followingLinks: Bool = false) throws -> Entry {
        var raw = stat()
        if let error = SystemCall.run({ followingLinks ? stat(path, &raw) : lstat(path, &raw) }) {
            if error.meansAbsent { return .absent }
            throw DealersError.fileSystem("stat", path: path, error)
        }
        return (raw.st_mode & S_IFMT) == S_IFDIR ? .folder : .file
    }

    /// Whether anything is at `path`.
    /// - Parameter followingLinks: whether a symbolic link counts only when what it points to
    ///   exists; by default the link itself counts.
    /// - Throws: ``DealersError`` `.io` `"stat failed: …"` for anything but a missing path.
    public static func exists(_ path: String, followingLinks: Bool = false) throws -> Bool {
        try entry(at: path, followingLinks: followingLinks) != .absent
    }

    /// What `stat(2)` says about the file at `path`.
    /// - Parameter followingLinks: whether a symbolic link is described by what it points to
    ///   (`stat`, the default) or as itself (`lstat`: then it is neither a folder nor a
    ///   regular file).
    /// - Throws: ``DealersError`` `.io` `"stat failed: …"`, also when nothing is there.
    public static func info(at path: String, followingLinks: Bool = true) throws -> FileInfo {
        var raw = stat()
        if let error = SystemCall.run({ followingLinks ? stat(path, &raw) : lstat(path, &raw) }) {
            throw DealersError.fileSystem("stat", path: path, error)
        }
        return FileInfo(raw)
    }

    /// Whether this process may read the file at `path` (`access(2)`, symbolic links followed);
    /// `false` too when nothing is there.
    public static func isReadable(_ path: String) -> Bool {
        SystemCall.run({ access(path, R_OK) }) == nil
    }

    /// Whether this process may run the file at `path` (`access(2)`, symbolic links followed);
    /// `false` too when nothing is there.
    public static func isExecutable(_ path: String) -> Bool {
        SystemCall.run({ access(path, X_OK) }) == nil
    }
}
