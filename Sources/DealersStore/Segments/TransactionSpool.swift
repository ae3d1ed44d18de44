import Foundation

/// Where a transaction keeps its changes until it commits: `journal/<txid>.pending`, one
/// ``DocumentLine`` per change appended the moment it is made, so a transaction's documents live
/// on disk, not in memory. A document changed twice has two lines; the transaction's index knows
/// which is the latest. The commit copies the latest lines, sorted by key, into a new segment.
///
/// The spool is never replayed: a crash before the commit point leaves a `.pending` file that
/// the next writer deletes. A read-only store's spool is an anonymous temporary file.
final class TransactionSpool {
    /// Where the spool is (meaningless for an anonymous one).
    let url: URL
    /// The transaction id (its file name).
    let txid: String
    private let file: OpenFile
    private let anonymous: Bool
    private var buffer: [UInt8] = []
    /// Bytes written to the file plus bytes buffered: the offset of the next line.
    private(set) var size = 0
    private var flushedSize = 0

    /// Creates the spool file.
    init(url: URL, txid: String, anonymous: Bool) throws {
        self.url = url
        self.txid = txid
        self.anonymous = anonymous
        file = try OpenFile(url.path, .readWriteNew)
        if anonymous { _ = try? FileSystem.remove(url.path) }
        buffer.reserveCapacity(Self.bufferSize)
    }

    /// Bytes of lines kept before they are written to the file.
    private static let bufferSize = 1 << 20

    deinit { discard() }

    /// Appends the line of a change (`value == nil`: a deletion); returns where the line is.
    func append(_ key: StoreKey, value: UnsafeRawBufferPointer?) throws -> Segment.Entry {
        guard file.isOpen else { throw DealersError(.internalError, path: url.path, "the journal is closed") }
        let keyLength = key.path.utf8.count
        let length = DocumentLine.length(keyLength: keyLength, valueLength: value?.count)
        // Written out before a line would outgrow the buffer: it never doubles (1 MiB more).
        if buffer.count + length > Self.bufferSize { try flush() }
        let start = buffer.count
        DocumentLine.append(key: key, value: value, to: &buffer)
        assert(buffer.count - start == length, "DocumentLine.length disagrees with DocumentLine.append")
        let entry = Segment.Entry(offset: size, length: length, keyLength: keyLength, isDeletion: value == nil)
        size += entry.length
        return entry
    }

    /// The document bytes of a line appended earlier.
    func value(of entry: Segment.Entry) throws -> Data {
        let range = DocumentLine.valueRange(lineLength: entry.length, keyLength: entry.keyLength)
        if entry.offset + entry.length > flushedSize { try flush() }
        var data = Data(count: range.count)
        try data.withUnsafeMutableBytes { raw in
            try StoreFiles.readExactly(file, into: raw, at: entry.offset + range.lowerBound)
        }
        return data
    }

    /// Calls `body` with a whole line appended earlier (valid only during the call).
    ///
    /// A line is read with `pread` into a buffer reused from call to call, not through a
    /// mapping: lines are copied in key order, from all over the spool, and a fault on a mapping
    /// maps the 64 KiB around the line — a spill through a mapping spent a third of an apply
    /// faulting pages in and giving them back.
    func withLine<T>(_ entry: Segment.Entry, _ body: (UnsafeRawBufferPointer) throws -> T) throws -> T {
        if entry.offset + entry.length > flushedSize { try flush() }
        if lineBuffer.count < entry.length { lineBuffer = [UInt8](repeating: 0, count: max(entry.length, 2 * lineBuffer.count)) }
        return try lineBuffer.withUnsafeMutableBytes { whole in
            let line = UnsafeMutableRawBufferPointer(rebasing: whole[0..<entry.length])
            try StoreFiles.readExactly(file, into: line, at: entry.offset)
            return try body(UnsafeRawBufferPointer(line))
        }
    }

    /// The buffer ``withLine(_:_:)`` reads into.
    private var lineBuffer: [UInt8] = []

    /// Where the transaction's spilled runs go: `journal/<txid>.runs/` (for an anonymous spool, a
    /// hidden folder next to it).
    var runsFolder: URL {
        url.deletingLastPathComponent().appendingPathComponent((anonymous ? ".dealers-" : "") + txid + Journal.runsSuffix)
    }

    /// Empties the spool (its lines were copied into a run): the file starts again at offset 0.
    func reset() throws {
        buffer.removeAll(keepingCapacity: true)
        try file.truncate(to: 0)
        size = 0
        flushedSize = 0
    }

    /// Closes the file and removes it (a named spool); the transaction is over either way.
    func discard() {
        guard file.isOpen else { return }
        abandon()
        if !anonymous { _ = try? FileSystem.remove(url.path) }
    }

    /// Closes the file and leaves it, as a process that dies here would (test crash points).
    func abandon() {
        file.closeIgnoringErrors()
    }

    /// Writes every buffered line to the file: from then on lines are only read (``withLine(_:_:)``
    /// and ``value(of:)`` read with `pread` and change nothing shared), so another thread may read
    /// them while this one reads too — a spill in the background.
    func flushAll() throws {
        try flush()
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try file.write($0) }
        flushedSize += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }
}
