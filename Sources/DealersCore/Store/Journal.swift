import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One change of a transaction: the full new content of a document, or its deletion.
public enum StoreChange: Equatable, Sendable {
    /// The document's complete new bytes.
    case write(Data)
    /// The document is removed.
    case delete
}

/// The write-ahead record of one transaction, as stored in `journal/<txid>.pending|committed`.
///
/// The file is self-describing and readable with `less`:
///
///     dealers-journal 1
///     txid 20261124T050000.123456Z-4242-000001
///     count 2
///     write 57 users/3f/12345678Z.json
///     <57 bytes of content>
///     delete users/00/00000000T.json
///     sha256 <64 hex digits of every byte above this line>
///
/// Keys cannot contain spaces or line breaks (see ``StoreKey``), so a header line is unambiguous;
/// content is length-prefixed, so it may contain anything. Entries are in key order.
struct Journal: Equatable {
    static let magic = "dealers-journal 1"
    static let pendingSuffix = ".pending"
    static let committedSuffix = ".committed"
    /// `"sha256 "` + 64 hex digits + `"\n"`.
    static let trailerLength = 7 + 64 + 1

    var txid: String
    var changes: [(key: StoreKey, change: StoreChange)]

    static func == (lhs: Journal, rhs: Journal) -> Bool {
        lhs.txid == rhs.txid && lhs.changes.elementsEqual(rhs.changes) { $0.key == $1.key && $0.change == $1.change }
    }

    /// A transaction id that sorts in commit order: UTC time to the microsecond, pid, sequence.
    static func makeTxid(sequence: Int, now: Date = Date()) -> String {
        let seconds = now.timeIntervalSince1970
        var whole = time_t(seconds.rounded(.down))
        let micros = Int((seconds - Double(whole)) * 1_000_000)
        var parts = tm()
        gmtime_r(&whole, &parts)
        let stamp = String(format: "%04d%02d%02dT%02d%02d%02d.%06dZ",
                           Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                           Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), micros)
        return String(format: "%@-%d-%06d", stamp, Int(getpid()), sequence)
    }

    // MARK: Writing

    /// Writes the journal to a new file at `url` and `fsync`s it (the folder is not flushed here).
    func write(to url: URL) throws {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DealersError.io(url.path, "create journal") }
        do {
            var out = HashingWriter(fd: fd, path: url.path)
            try out.append("\(Journal.magic)\ntxid \(txid)\ncount \(changes.count)\n")
            for (key, change) in changes {
                switch change {
                case .write(let data):
                    try out.append("write \(data.count) \(key.path)\n")
                    try out.append(data)
                    try out.append("\n")
                case .delete:
                    try out.append("delete \(key.path)\n")
                }
            }
            let digest = out.hasher.finalize().map { String(format: "%02x", $0) }.joined()
            try out.appendUnhashed("sha256 \(digest)\n")
            try out.flush()
            guard fsync(fd) == 0 else { throw DealersError.io(url.path, "fsync journal") }
            guard close(fd) == 0 else { throw DealersError.io(url.path, "close journal") }
        } catch {
            close(fd)
            throw error
        }
    }

    /// The SHA-256 of `bytes` as 64 lowercase hex digits.
    static func hexDigest<D: DataProtocol>(_ bytes: D) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    // MARK: Reading

    /// Reads and verifies a journal file; any damage is `.corruptStore` naming the file.
    static func read(from url: URL) throws -> Journal {
        guard let data = try StoreFiles.read(url) else {
            throw DealersError(.corruptStore, path: url.path, "journal disappeared while recovering")
        }
        return try decode(data, path: url.path)
    }

    static func decode(_ data: Data, path: String) throws -> Journal {
        func damaged(_ reason: String) -> DealersError {
            DealersError(.corruptStore, path: path,
                         "committed journal is damaged (\(reason)); the store cannot be recovered automatically — "
                         + "restore it from a backup or inspect the journal by hand (see docs/store.md)")
        }
        let bytes = [UInt8](data)
        guard bytes.count >= trailerLength else { throw damaged("too short to hold its checksum") }
        let bodyCount = bytes.count - trailerLength
        let trailer = String(decoding: bytes[bodyCount...], as: UTF8.self)
        guard trailer.hasPrefix("sha256 "), trailer.hasSuffix("\n") else { throw damaged("no checksum trailer") }
        let expected = trailer.dropFirst(7).dropLast()
        let actual = hexDigest(bytes[0..<bodyCount])
        guard expected == actual else { throw damaged("checksum mismatch") }

        var reader = LineReader(bytes: bytes, end: bodyCount)
        guard reader.line() == magic else { throw damaged("unknown header") }
        guard let txLine = reader.line(), txLine.hasPrefix("txid ") else { throw damaged("no txid") }
        guard let countLine = reader.line(), countLine.hasPrefix("count "),
              let count = Int(countLine.dropFirst(6)), count >= 0 else { throw damaged("no count") }
        var changes: [(key: StoreKey, change: StoreChange)] = []
        while let line = reader.line() {
            let fields = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            if fields.count == 3, fields[0] == "write", let length = Int(fields[1]), length >= 0 {
                guard let key = try? StoreKey(String(fields[2])) else { throw damaged("invalid key \"\(fields[2])\"") }
                guard let content = reader.take(length), reader.line() == "" else { throw damaged("truncated entry for \(key)") }
                changes.append((key, .write(Data(content))))
            } else if fields.count == 2, fields[0] == "delete" {
                guard let key = try? StoreKey(String(fields[1])) else { throw damaged("invalid key \"\(fields[1])\"") }
                changes.append((key, .delete))
            } else {
                throw damaged("unreadable entry line \"\(line.prefix(80))\"")
            }
        }
        guard changes.count == count else { throw damaged("holds \(changes.count) entries, header says \(count)") }
        return Journal(txid: String(txLine.dropFirst(5)), changes: changes)
    }
}

/// Appends to a file descriptor through a buffer, hashing what it writes.
private struct HashingWriter {
    let fd: Int32
    let path: String
    var hasher = SHA256()
    var buffer = Data()

    init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    mutating func append(_ text: String) throws { try append(Data(text.utf8)) }

    mutating func append(_ data: Data) throws {
        hasher.update(data: data)
        try appendUnhashed(data)
    }

    mutating func appendUnhashed(_ text: String) throws { try appendUnhashed(Data(text.utf8)) }

    mutating func appendUnhashed(_ data: Data) throws {
        buffer.append(data)
        if buffer.count >= 1 << 20 { try flush() }
    }

    mutating func flush() throws {
        let pending = buffer
        buffer = Data()
        try pending.withUnsafeBytes { try AtomicFile.writeAll(fd: fd, $0, path: path) }
    }
}

/// Splits a byte buffer into `\n`-terminated lines and raw runs of bytes.
private struct LineReader {
    let bytes: [UInt8]
    let end: Int
    var position = 0

    init(bytes: [UInt8], end: Int) {
        self.bytes = bytes
        self.end = end
    }

    /// The next line without its `\n`, or `nil` at the end (or when the last line is unterminated).
    mutating func line() -> String? {
        guard position < end, let newline = bytes[position..<end].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        defer { position = newline + 1 }
        return String(decoding: bytes[position..<newline], as: UTF8.self)
    }

    /// The next `count` raw bytes, or `nil` when fewer remain.
    mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
        guard count <= end - position else { return nil }
        defer { position += count }
        return bytes[position..<(position + count)]
    }
}
