import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file written in pieces that appears at its name only when complete: bytes go to a hidden
/// temporary file in the same folder, and ``commit()`` flushes and renames it into place.
/// Dropped without a commit, the temporary file is removed.
final class AtomicStream {
    let url: URL
    private let temp: URL
    private var fd: Int32
    private var buffer: [UInt8] = []

    init(url: URL) throws {
        self.url = url
        try AtomicFile.createDirectory(url.deletingLastPathComponent())
        temp = AtomicFile.temporaryURL(for: url)
        fd = open(temp.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw DealersError(.cannotCreate, path: temp.path, "cannot create: \(String(cString: strerror(errno)))")
        }
        buffer.reserveCapacity(1 << 16)
    }

    deinit { abort() }

    /// Appends bytes (buffered).
    func write(_ bytes: some Collection<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        try buffer.withUnsafeBytes { try AtomicFile.writeAll(fd: fd, $0, path: temp.path) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, syncs and renames the file into place.
    func commit() throws {
        guard fd >= 0 else { return }
        try flush()
        guard fsync(fd) == 0 else { throw DealersError.io(temp.path, "fsync") }
        close(fd)
        fd = -1
        try AtomicFile.commit(temp: temp, to: url)
    }

    /// Removes the temporary file without touching the target.
    func abort() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
        unlink(temp.path)
    }
}
