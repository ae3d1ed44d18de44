import Foundation

/// A file being written under a hidden temporary name next to its target, moved into place by
/// ``commit()`` through ``AtomicFile`` and deleted if it is dropped before that.
///
/// Owns the temporary file. Errors name the target, the file a person asked for.
package final class StagedFile {
    /// Where the file goes on ``commit()``.
    package let target: URL
    /// The hidden temporary file being written.
    package let temporary: URL
    private var file: OpenFile?
    private var finished = false
    /// Bytes not yet written: small writes are gathered into 64 KiB ones.
    private var pending: [UInt8] = []

    /// Creates the target's folder when missing and an empty temporary file next to the target,
    /// so that an unwritable folder fails now rather than at the end.
    package init(target: URL) throws {
        self.target = target
        try AtomicFile.createDirectory(target.deletingLastPathComponent())
        temporary = AtomicFile.temporaryURL(for: target)
        do {
            file = try OpenFile(temporary.path, .writeNew, failure: .cannotCreate)
        } catch let error as DealersError {
            throw DealersError(.cannotCreate, path: target.path, "cannot create a temporary file in the folder: \(error.message)")
        }
    }

    /// Appends bytes to the temporary file (buffered).
    package func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard file != nil else {
            throw DealersError(.internalError, path: target.path, "file already closed")
        }
        pending.append(contentsOf: bytes)
        if pending.count >= 1 << 16 { try flush() }
    }

    /// Appends bytes to the temporary file (buffered).
    package func write<Bytes: Sequence>(_ bytes: Bytes) throws where Bytes.Element == UInt8 {
        guard file != nil else {
            throw DealersError(.internalError, path: target.path, "file already closed")
        }
        pending.append(contentsOf: bytes)
        if pending.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        guard !pending.isEmpty, let file else { return }
        do {
            try pending.withUnsafeBytes { try file.write($0) }
        } catch let error as DealersError {
            throw error.about(target.path)
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Closes the temporary file without committing, for a file another library writes by path
    /// (``temporary``).
    package func releaseDescriptor() {
        pending.removeAll()
        file?.closeIgnoringErrors()
        file = nil
    }

    /// Flushes the temporary file to disk and renames it over the target.
    package func commit() throws {
        guard !finished else { return }
        do {
            // Written by path by someone else: open it again to flush it.
            let file = try self.file ?? OpenFile(temporary.path, .read, failure: .io)
            self.file = file
            try flush()
            try file.sync()
            self.file = nil
            try file.close()
            try AtomicFile.commit(temp: temporary, to: target)
            finished = true
        } catch let error as DealersError {
            discard()
            throw error.about(target.path)
        } catch {
            discard()
            throw error
        }
    }

    /// Closes and deletes the temporary file; the target is left as it was.
    package func discard() {
        releaseDescriptor()
        if !finished {
            _ = try? FileSystem.remove(temporary.path)
            finished = true
        }
    }

    deinit { discard() }
}
