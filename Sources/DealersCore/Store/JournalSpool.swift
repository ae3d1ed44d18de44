import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A journal being written while its transaction runs: every change is appended to the file the
/// moment it is made, so a transaction's documents live on disk, not in memory, and a later read
/// of a changed document comes back from the file. ``finish()`` seals it with the entry count and
/// the SHA-256 of everything above; the commit point is the rename that follows.
///
/// The format is described on ``Journal``. A spool of a read-only store is an anonymous
/// temporary file (unlinked at once) so that a dry run leaves nothing behind.
final class JournalSpool {
    /// Where the journal is (meaningless for an anonymous spool).
    let url: URL
    /// The transaction id written in the header.
    let txid: String
    private var fd: Int32
    private let anonymous: Bool
    private var hasher = SHA256()
    private var buffer: [UInt8] = []
    /// Bytes written to the file plus bytes buffered: the offset of the next byte.
    private var size: Int64 = 0
    private var flushedSize: Int64 = 0
    /// Entries appended so far.
    private(set) var entries = 0
    private var finished = false

    /// Creates the journal file and writes its header.
    init(url: URL, txid: String, anonymous: Bool) throws {
        self.url = url
        self.txid = txid
        self.anonymous = anonymous
        fd = open(url.path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DealersError.io(url.path, "create journal") }
        if anonymous { unlink(url.path) }
        try append(Array("\(Journal.magic)\ntxid \(txid)\n".utf8))
    }

    deinit { discard() }

    /// Appends the full new content of a document; returns where the content is in the file.
    func appendWrite(_ key: StoreKey, _ data: Data) throws -> (offset: Int64, length: Int) {
        try append(Array("write \(data.count) \(key.path)\n".utf8))
        let offset = size
        try append(data)
        try append([UInt8(ascii: "\n")])
        entries += 1
        return (offset, data.count)
    }

    /// Appends the deletion of a document.
    func appendDelete(_ key: StoreKey) throws {
        try append(Array("delete \(key.path)\n".utf8))
        entries += 1
    }

    /// Reads back content appended earlier.
    func read(offset: Int64, length: Int) throws -> Data {
        if offset + Int64(length) > flushedSize { try flush() }
        var data = Data(count: length)
        try data.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress else { return }
            var done = 0
            while done < length {
                let n = pread(fd, base + done, length - done, off_t(offset) + off_t(done))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw DealersError.io(url.path, "read journal")
                }
                guard n > 0 else { throw DealersError(.corruptStore, path: url.path, "journal shorter than its own index") }
                done += n
            }
        }
        return data
    }

    /// Seals the journal: the entry count, the checksum trailer, everything flushed and fsync'd.
    func finish() throws {
        try append(Array("end \(entries)\n".utf8))
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        buffer.append(contentsOf: Array("sha256 \(digest)\n".utf8))
        try flush()
        guard fsync(fd) == 0 else { throw DealersError.io(url.path, "fsync journal") }
        finished = true
    }

    /// Closes the file; an unsealed named journal is removed (its transaction never happened).
    func discard() {
        guard fd >= 0 else { return }
        Glibc.close(fd)
        fd = -1
        if !finished && !anonymous { unlink(url.path) }
    }

    /// Closes the file and leaves it where it is, as a process that dies there would (test crash
    /// points): recovery decides what it was.
    func abandon() {
        finished = true
        close()
    }

    /// Closes the file after a commit (the journal itself is removed by the commit protocol).
    func close() {
        guard fd >= 0 else { return }
        Glibc.close(fd)
        fd = -1
    }

    private func append<Bytes: Collection>(_ bytes: Bytes) throws where Bytes.Element == UInt8 {
        guard fd >= 0, !finished else {
            throw DealersError(.internalError, path: url.path, "the journal is already sealed")
        }
        let chunk = Array(bytes)
        chunk.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        buffer.append(contentsOf: chunk)
        size += Int64(chunk.count)
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try AtomicFile.writeAll(fd: fd, $0, path: url.path) }
        flushedSize += Int64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }
}
