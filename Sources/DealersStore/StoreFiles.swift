import Foundation
#if canImport(Glibc)
import Glibc

/// `syncfs(2)` is only declared under `_GNU_SOURCE`, which the Glibc module does not expose.
@_silgen_name("syncfs")
private func c_syncfs(_ fd: Int32) -> Int32
#endif

/// Small POSIX helpers the store uses; every failure becomes a ``DealersError`` naming the path.
enum StoreFiles {
    /// The whole content of a file, or `nil` when it does not exist.
    static func read(_ url: URL) throws -> Data? {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT || errno == ENOTDIR { return nil }
            throw DealersError.io(url.path, "open")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw DealersError.io(url.path, "stat") }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw DealersError(.corruptStore, path: url.path, "is a folder where a document was expected")
        }
        var data = Data()
        data.reserveCapacity(Int(info.st_size))
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw DealersError.io(url.path, "read")
            }
            if n == 0 { break }
            data.append(contentsOf: buffer[0..<n])
        }
        return data
    }

    /// Writes a document by temporary file + rename, without `fsync`; the caller flushes later.
    static func writeUnsynced(_ data: Data, to url: URL) throws {
        try AtomicFile.createDirectory(url.deletingLastPathComponent())
        let temp = AtomicFile.temporaryURL(for: url)
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DealersError.io(temp.path, "create") }
        do {
            try data.withUnsafeBytes { try AtomicFile.writeAll(fd: fd, $0, path: temp.path) }
            guard close(fd) == 0 else { throw DealersError.io(temp.path, "close") }
        } catch {
            unlink(temp.path)
            throw error
        }
        guard rename(temp.path, url.path) == 0 else {
            let code = errno
            unlink(temp.path)
            throw DealersError.io(url.path, "rename", errno: code)
        }
    }

    /// Reads exactly `buffer.count` bytes at `offset` of an open file (retrying short reads and EINTR).
    /// - Throws: `.io`, or `.corruptStore` when the file ends first.
    static func readExactly(fd: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int, path: String) throws {
        guard let base = buffer.baseAddress else { return }
        var done = 0
        while done < buffer.count {
            let n = pread(fd, base + done, buffer.count - done, off_t(offset + done))
            if n < 0 {
                if errno == EINTR { continue }
                throw DealersError.io(path, "read")
            }
            guard n > 0 else { throw DealersError(.corruptStore, path: path, "ends before its own index says") }
            done += n
        }
    }

    /// Removes a file; a file that is already gone is fine.
    static func remove(_ url: URL) throws {
        if unlink(url.path) != 0 && errno != ENOENT {
            throw DealersError.io(url.path, "remove")
        }
    }

    /// Removes a file or a folder with everything in it; a path that is already gone is fine.
    static func removeTree(_ url: URL) throws {
        guard try entry(at: url) != .absent else { return }
        do {
            try FileManager.default.removeItem(at: url)
        } catch {
            throw DealersError(.io, path: url.path, "cannot remove: \(error.localizedDescription)")
        }
    }

    /// What is at a path: nothing, a folder, or something else (a file).
    enum Entry { case absent, folder, file }

    static func entry(at url: URL) throws -> Entry {
        var info = stat()
        if lstat(url.path, &info) != 0 {
            if errno == ENOENT { return .absent }
            if errno == ENOTDIR { return .absent }
            throw DealersError.io(url.path, "stat")
        }
        return (info.st_mode & S_IFMT) == S_IFDIR ? .folder : .file
    }

    /// Flushes everything written to the file system holding `directory` with one `syncfs(2)`.
    ///
    /// This is what makes a batch of un-fsynced temp+rename writes durable without one `fsync`
    /// per document. Where `syncfs` is not available, `fallback` lists the files and folders to
    /// `fsync` one by one.
    /// Whether ``flush(_:fallback:)`` needs the list of touched paths (no `syncfs` here).
    static var flushNeedsPaths: Bool {
        #if os(Linux)
        return false
        #else
        return true
        #endif
    }

    static func flush(_ directory: URL, fallback: () -> [URL]) throws {
        #if os(Linux)
        let fd = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw DealersError.io(directory.path, "open folder") }
        defer { close(fd) }
        guard c_syncfs(fd) == 0 else { throw DealersError.io(directory.path, "syncfs") }
        #else
        for url in fallback() { try fsyncPath(url) }
        #endif
    }

    /// `fsync` on one file or folder that may have disappeared meanwhile.
    static func fsyncPath(_ url: URL) throws {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return }
            throw DealersError.io(url.path, "open")
        }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw DealersError.io(url.path, "fsync") }
    }

    /// Removes hidden temporary files (`.<name>.<pid>.<random>.tmp`) left in `directory` by an
    /// interrupted write; with `name`, only those belonging to that file. Returns how many.
    @discardableResult
    static func removeTemporaries(in directory: URL, for name: String? = nil) throws -> Int {
        let prefix = name.map { ".\($0)." } ?? "."
        var removed = 0
        for entry in try names(in: directory) where entry.hasPrefix(prefix) && entry.hasSuffix(".tmp") {
            try remove(directory.appendingPathComponent(entry))
            removed += 1
        }
        return removed
    }

    /// The names in a folder (not `.` and `..`), unsorted; empty when the folder does not exist.
    static func names(in directory: URL) throws -> [String] {
        try listing(of: directory).map(\.name)
    }

    /// The entries of a folder with whether each is a folder; empty when the folder does not exist.
    static func listing(of directory: URL) throws -> [(name: String, isFolder: Bool)] {
        guard let dir = opendir(directory.path) else {
            if errno == ENOENT { return [] }
            throw DealersError.io(directory.path, "open folder")
        }
        defer { closedir(dir) }
        var result: [(name: String, isFolder: Bool)] = []
        while true {
            errno = 0
            guard let entry = readdir(dir) else {
                if errno != 0 { throw DealersError.io(directory.path, "read folder") }
                break
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let type = entry.pointee.d_type
            let isFolder: Bool
            if type == UInt8(DT_DIR) {
                isFolder = true
            } else if type == UInt8(DT_UNKNOWN) {
                isFolder = try self.entry(at: directory.appendingPathComponent(name)) == .folder
            } else {
                isFolder = false
            }
            result.append((name, isFolder))
        }
        return result
    }
}
