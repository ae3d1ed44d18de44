import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes files so that a reader sees either the old content or the new, never a part.
///
/// The content goes to a hidden temporary name in the same folder, is flushed with `fsync`,
/// renamed over the target, and the folder itself is flushed so the rename survives a crash.
public enum AtomicFile {
    /// Writes `data` to `url` atomically and durably, creating parent folders as needed.
    /// - Throws: ``DealersError`` of kind `.io` or `.cannotCreate` naming the path.
    public static func write(_ data: Data, to url: URL) throws {
        try write(to: url) { fd in
            try data.withUnsafeBytes { buffer in
                try writeAll(fd: fd, buffer, path: url.path)
            }
        }
    }

    /// Writes a file atomically through a body that receives an open file descriptor of a
    /// temporary file; the temporary file is renamed over `url` only when `body` returns.
    public static func write(to url: URL, _ body: (Int32) throws -> Void) throws {
        let directory = url.deletingLastPathComponent()
        try createDirectory(directory)
        let temp = temporaryURL(for: url)
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DealersError(.cannotCreate, path: temp.path, "cannot create: \(String(cString: strerror(errno)))") }
        do {
            try body(fd)
            guard fsync(fd) == 0 else { throw DealersError.io(temp.path, "fsync") }
            guard close(fd) == 0 else { throw DealersError.io(temp.path, "close") }
        } catch {
            close(fd)
            unlink(temp.path)
            throw error
        }
        try commit(temp: temp, to: url)
    }

    /// Renames a finished temporary file over its target and flushes the folder.
    public static func commit(temp: URL, to url: URL) throws {
        guard rename(temp.path, url.path) == 0 else {
            let code = errno
            unlink(temp.path)
            throw DealersError.io(url.path, "rename", errno: code)
        }
        try syncDirectory(url.deletingLastPathComponent())
    }

    /// A hidden temporary name next to `url`, unique to this process and call.
    public static func temporaryURL(for url: URL) -> URL {
        url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
    }

    /// Flushes a folder's entries (renames, creations, removals) to disk.
    public static func syncDirectory(_ directory: URL) throws {
        let fd = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw DealersError.io(directory.path, "open folder") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw DealersError.io(directory.path, "fsync folder") }
    }

    /// Creates a folder and its parents when missing.
    public static func createDirectory(_ directory: URL) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue {
            return
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw DealersError(.cannotCreate, path: directory.path, "cannot create folder: \(error.localizedDescription)")
        }
    }

    /// Writes every byte of a buffer, retrying short writes and EINTR.
    public static func writeAll(fd: Int32, _ buffer: UnsafeRawBufferPointer, path: String) throws {
        guard var base = buffer.baseAddress else { return }
        var remaining = buffer.count
        while remaining > 0 {
            let n = Glibc.write(fd, base, remaining)
            if n < 0 {
                if errno == EINTR { continue }
                throw DealersError.io(path, "write")
            }
            remaining -= n
            base = base.advanced(by: n)
        }
    }
}
