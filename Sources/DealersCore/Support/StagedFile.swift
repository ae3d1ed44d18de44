import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file being written under a hidden temporary name next to its target, moved into place by
/// ``commit()`` through ``AtomicFile`` and deleted if it is dropped before that.
///
/// Owns the temporary file's descriptor. Errors name the target, the file a person asked for.
final class StagedFile {
    /// Where the file goes on ``commit()``.
    let target: URL
    /// The hidden temporary file being written.
    let temporary: URL
    private var descriptor: Int32
    private var finished = false
    /// Bytes not yet written: small writes are gathered into 64 KiB ones.
    private var pending: [UInt8] = []

    /// Creates the target's folder when missing and an empty temporary file next to the target,
    /// so that an unwritable folder fails now rather than at the end.
    init(target: URL) throws {
        self.target = target
        try AtomicFile.createDirectory(target.deletingLastPathComponent())
        temporary = AtomicFile.temporaryURL(for: target)
        descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw DealersError(.cannotCreate, path: target.path,
                               "cannot create a temporary file in the folder: \(String(cString: strerror(errno)))")
        }
    }

    /// Appends bytes to the temporary file (buffered).
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard descriptor >= 0 else {
            throw DealersError(.internalError, path: target.path, "file already closed")
        }
        pending.append(contentsOf: bytes)
        if pending.count >= 1 << 16 { try flush() }
    }

    /// Appends bytes to the temporary file (buffered).
    func write<Bytes: Sequence>(_ bytes: Bytes) throws where Bytes.Element == UInt8 {
        guard descriptor >= 0 else {
            throw DealersError(.internalError, path: target.path, "file already closed")
        }
        pending.append(contentsOf: bytes)
        if pending.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        guard !pending.isEmpty else { return }
        try pending.withUnsafeBytes { try AtomicFile.writeAll(fd: descriptor, $0, path: target.path) }
        pending.removeAll(keepingCapacity: true)
    }

    /// Closes the descriptor without committing, for a file another library writes by path
    /// (``temporary``).
    func releaseDescriptor() {
        pending.removeAll()
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
    }

    /// Flushes the temporary file to disk and renames it over the target.
    func commit() throws {
        guard !finished else { return }
        do {
            if descriptor < 0 {
                // Written by path by someone else: open it again to flush it.
                descriptor = open(temporary.path, O_RDONLY | O_CLOEXEC)
                guard descriptor >= 0 else { throw DealersError.io(target.path, "reopen temporary file") }
            }
            try flush()
            guard fsync(descriptor) == 0 else { throw DealersError.io(target.path, "fsync") }
            let fd = descriptor
            descriptor = -1
            guard close(fd) == 0 else { throw DealersError.io(target.path, "close") }
            try AtomicFile.commit(temp: temporary, to: target)
            finished = true
        } catch {
            discard()
            throw error
        }
    }

    /// Closes and deletes the temporary file; the target is left as it was.
    func discard() {
        releaseDescriptor()
        if !finished {
            unlink(temporary.path)
            finished = true
        }
    }

    deinit { discard() }
}
