import Foundation

/// Writes files so that a reader sees either the old content or the new, never a part.
///
/// The content goes to a hidden temporary name in the same folder, is flushed with `fsync`,
/// renamed over the target, and the folder itself is flushed so the rename survives a crash.
public enum AtomicFile {
    /// Writes `data` to `url` atomically and durably, creating parent folders as needed.
    /// - Throws: ``DealersError`` of kind `.io` or `.cannotCreate` naming the path.
    public static func write(_ data: Data, to url: URL) throws {
        try write(to: url) { file in
            try data.withUnsafeBytes { try file.write($0) }
        }
    }

    /// Writes a file atomically through a body that receives the open temporary file; the
    /// temporary file is renamed over `url` only when `body` returns.
    /// - Throws: ``DealersError`` `.cannotCreate` when the temporary file cannot be created,
    ///   `.io` for a failed write, flush or rename; what `body` throws.
    public static func write(to url: URL, _ body: (OpenFile) throws -> Void) throws {
        try createDirectory(url.deletingLastPathComponent())
        let temp = temporaryURL(for: url)
        let file = try OpenFile(temp.path, .writeTruncating, failure: .cannotCreate)
        do {
            try body(file)
            try file.sync()
            try file.close()
        } catch {
            file.closeIgnoringErrors()
            _ = try? FileSystem.remove(temp.path)
            throw error
        }
        try commit(temp: temp, to: url)
    }

    /// Renames a finished temporary file over its target and flushes the folder.
    /// - Throws: ``DealersError`` `.io`; the temporary file is removed when the rename fails.
    public static func commit(temp: URL, to url: URL) throws {
        try renameOrRemove(temp: temp, to: url)
        try syncDirectory(url.deletingLastPathComponent())
    }

    /// Renames a temporary file over its target without flushing anything; removes the
    /// temporary file when the rename fails.
    /// - Throws: ``DealersError`` `.io`.
    public static func renameOrRemove(temp: URL, to url: URL) throws {
        do {
            try FileSystem.rename(temp.path, to: url.path)
        } catch {
            _ = try? FileSystem.remove(temp.path)
            throw error
        }
    }

    /// A hidden temporary name next to `url`, unique to this process and call.
    public static func temporaryURL(for url: URL) -> URL {
        url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0...UInt32.max)).tmp")
    }

    /// Flushes a folder's entries (renames, creations, removals) to disk.
    /// - Throws: ``DealersError`` `.io`.
    public static func syncDirectory(_ directory: URL) throws {
        try FileSystem.syncDirectory(directory.path)
    }

    /// Creates a folder and its parents when missing.
    /// - Throws: ``DealersError`` `.cannotCreate`.
    public static func createDirectory(_ directory: URL) throws {
        try FileSystem.createDirectory(directory.path)
    }
}
