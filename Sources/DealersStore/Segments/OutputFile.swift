import Crypto
import Foundation

/// A new file written front to back through a 1 MiB buffer, with a running SHA-256 of its bytes;
/// ``finish()`` writes what is buffered and `fsync`s. Used for segments and their indexes; a
/// transaction's private runs are written without either (``durable`` `false`): a crash throws
/// them away, and their lines are checksummed once, in the segment they end up in.
final class OutputFile {
    let path: String
    /// Whether the file is checksummed and `fsync`ed.
    let durable: Bool
    private let file: OpenFile
    private var buffer: [UInt8] = []
    private var hasher = SHA256()
    /// Bytes appended so far.
    private(set) var size = 0

    /// Creates `url`, refusing to overwrite an existing file.
    init(create url: URL, durable: Bool = true) throws {
        path = url.path
        self.durable = durable
        file = try OpenFile(path, .writeNew)
        buffer.reserveCapacity(1 << 20)
    }

    func append(_ bytes: UnsafeRawBufferPointer) throws {
        if durable { hasher.update(bufferPointer: bytes) }
        size += bytes.count
        if buffer.count + bytes.count > 1 << 20 { try flush() }
        if bytes.count >= 1 << 20 {
            try file.write(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    /// Writes the rest, `fsync`s and closes; returns the SHA-256 of the whole file as hex (empty
    /// for a file that is not ``durable``).
    func finish() throws -> String {
        try flush()
        if durable { try file.sync() }
        try file.close()
        return durable ? Checksum.hex(hasher.finalize()) : ""
    }

    /// Closes without finishing; with `remove`, deletes the file.
    func abandon(remove: Bool) {
        file.closeIgnoringErrors()
        if remove { _ = try? FileSystem.remove(path) }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try file.write($0) }
        buffer.removeAll(keepingCapacity: true)
    }
}
