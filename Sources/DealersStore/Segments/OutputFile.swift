import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A new file written front to back through a 1 MiB buffer, with a running SHA-256 of its bytes;
/// ``finish()`` writes what is buffered and `fsync`s. Used for segments and their indexes.
final class OutputFile {
    let path: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private var hasher = SHA256()
    /// Bytes appended so far.
    private(set) var size = 0

    /// Creates `url`, refusing to overwrite an existing file.
    init(create url: URL) throws {
        path = url.path
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DealersError.io(path, "create") }
        buffer.reserveCapacity(1 << 20)
    }

    deinit { if fd >= 0 { close(fd) } }

    func append(_ bytes: UnsafeRawBufferPointer) throws {
        hasher.update(bufferPointer: bytes)
        size += bytes.count
        if buffer.count + bytes.count > 1 << 20 { try flush() }
        if bytes.count >= 1 << 20 {
            try AtomicFile.writeAll(fd: fd, bytes, path: path)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    /// Writes the rest, `fsync`s and closes; returns the SHA-256 of the whole file as hex.
    func finish() throws -> String {
        try flush()
        guard fsync(fd) == 0 else { throw DealersError.io(path, "fsync") }
        guard close(fd) == 0 else { fd = -1; throw DealersError.io(path, "close") }
        fd = -1
        return Checksum.hex(hasher.finalize())
    }

    /// Closes without finishing; with `remove`, deletes the file.
    func abandon(remove: Bool) {
        if fd >= 0 { close(fd); fd = -1 }
        if remove { unlink(path) }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try AtomicFile.writeAll(fd: fd, $0, path: path) }
        buffer.removeAll(keepingCapacity: true)
    }
}
