import Crypto
import Foundation

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
///     dealers-journal 2
///     txid 20261124T050000.123456Z-4242-000001
///     write 57 users/3f/12345678Z.json
///     <57 bytes of content>
///     delete users/00/00000000T.json
///     end 2
///     sha256 <64 hex digits of every byte above this line>
///
/// Keys cannot contain spaces or line breaks (see ``StoreKey``), so an entry line is unambiguous;
/// content is length-prefixed, so it may contain anything. Entries are in the order the
/// transaction made them (a document written twice appears twice; replaying in order leaves the
/// last). A transaction appends to its journal as it goes (``JournalSpool``); recovery streams it
/// back (``JournalReader``): neither holds the transaction in memory. This type is the whole
/// journal as a value, for tests and small tools.
struct Journal: Equatable {
    static let magic = "dealers-journal 2"
    static let pendingSuffix = ".pending"
    static let committedSuffix = ".committed"
    /// The folder of a transaction's spilled runs (schema 2; see ``StoreTransaction``).
    static let runsSuffix = ".runs"
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
        return String(format: "%@-%d-%06d", stamp, Int(ProcessInfo.processInfo.processIdentifier), sequence)
    }

    /// Writes the journal to a new file at `url`, sealed and `fsync`ed (the folder is not flushed):
    /// how a process of the previous layout left it (tests of the upgrade make such journals).
    func write(to url: URL) throws {
        var bytes = Array("\(Self.magic)\ntxid \(txid)\n".utf8)
        for (key, change) in changes {
            switch change {
            case .write(let data):
                bytes += Array("write \(data.count) \(key.path)\n".utf8) + Array(data) + [UInt8(ascii: "\n")]
            case .delete:
                bytes += Array("delete \(key.path)\n".utf8)
            }
        }
        bytes += Array("end \(changes.count)\n".utf8)
        bytes += Array("sha256 \(Self.hexDigest(bytes))\n".utf8)
        try AtomicFile.write(Data(bytes), to: url)
    }

    /// The SHA-256 of `bytes` as 64 lowercase hex digits.
    static func hexDigest<D: DataProtocol>(_ bytes: D) -> String {
        Checksum.hex(SHA256.hash(data: bytes))
    }

    /// Reads and verifies a journal file; any damage is `.corruptStore` naming the file.
    static func read(from url: URL) throws -> Journal {
        try JournalReader.verify(url)
        var changes: [(key: StoreKey, change: StoreChange)] = []
        let txid = try JournalReader.forEachEntry(url) { changes.append(($0, $1)) }
        return Journal(txid: txid, changes: changes)
    }
}
