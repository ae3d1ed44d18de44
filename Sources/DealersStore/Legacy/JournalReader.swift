import Crypto
import Foundation

/// Reads a journal file from start to end with a fixed buffer, however large the file: first to
/// verify it (checksum, structure, entry count), then to replay it entry by entry.
enum JournalReader {
    /// Verifies a journal completely without applying anything; returns its txid.
    /// - Throws: `.corruptStore` naming the file for any damage.
    @discardableResult
    static func verify(_ url: URL) throws -> String {
        try checkChecksum(url)
        return try forEachEntry(url) { _, _ in }
    }

    /// Calls `body` for each entry in file order (call ``verify(_:)`` first); returns the txid.
    static func forEachEntry(_ url: URL, _ body: (StoreKey, StoreChange) throws -> Void) throws -> String {
        let stream = try ByteStream(url: url)
        let end = stream.size - Int64(Journal.trailerLength)
        guard stream.readLine() == Journal.magic else { throw damaged(url, "unknown header") }
        guard let txLine = stream.readLine(), txLine.hasPrefix("txid ") else { throw damaged(url, "no txid") }
        var count = 0
        while stream.position < end {
            guard let line = stream.readLine() else { throw damaged(url, "truncated") }
            let fields = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            if fields.count == 3, fields[0] == "write", let length = Int(fields[1]), length >= 0 {
                guard let key = try? StoreKey(String(fields[2])) else { throw damaged(url, "invalid key \"\(fields[2])\"") }
                guard let content = try stream.take(length, url), stream.readLine() == "" else {
                    throw damaged(url, "truncated entry for \(key)")
                }
                count += 1
                try body(key, .write(content))
            } else if fields.count == 2, fields[0] == "delete" {
                guard let key = try? StoreKey(String(fields[1])) else { throw damaged(url, "invalid key \"\(fields[1])\"") }
                count += 1
                try body(key, .delete)
            } else if fields.count == 2, fields[0] == "end", let declared = Int(fields[1]) {
                guard declared == count else { throw damaged(url, "holds \(count) entries, its end line says \(declared)") }
                guard stream.position == end else { throw damaged(url, "entries after the end line") }
                return String(txLine.dropFirst(5))
            } else {
                throw damaged(url, "unreadable entry line \"\(line.prefix(80))\"")
            }
        }
        throw damaged(url, "no end line")
    }

    /// Streams the SHA-256 of everything above the trailer and compares it with the trailer.
    private static func checkChecksum(_ url: URL) throws {
        let stream = try ByteStream(url: url)
        guard stream.size >= Int64(Journal.trailerLength) else { throw damaged(url, "too short to hold its checksum") }
        var hasher = SHA256()
        var remaining = stream.size - Int64(Journal.trailerLength)
        while remaining > 0 {
            guard let chunk = try stream.take(Int(min(remaining, 1 << 20)), url) else { throw damaged(url, "truncated") }
            hasher.update(data: chunk)
            remaining -= Int64(chunk.count)
        }
        guard let trailer = try stream.take(Journal.trailerLength, url) else { throw damaged(url, "no checksum trailer") }
        let text = String(decoding: trailer, as: UTF8.self)
        guard text.hasPrefix("sha256 "), text.hasSuffix("\n") else { throw damaged(url, "no checksum trailer") }
        let actual = Checksum.hex(hasher.finalize())
        guard text.dropFirst(7).dropLast() == actual else { throw damaged(url, "checksum mismatch") }
    }

    static func damaged(_ url: URL, _ reason: String) -> DealersError {
        DealersError(.corruptStore, path: url.path,
                     "committed journal is damaged (\(reason)); the store cannot be recovered automatically — "
                     + "restore it from a backup or inspect the journal by hand (see docs/store.md)")
    }
}

/// A file read forwards through a 1 MiB buffer.
private final class ByteStream {
    let size: Int64
    private(set) var position: Int64 = 0
    private let file: OpenFile
    private var buffer: [UInt8] = []
    private var start = 0

    init(url: URL) throws {
        guard let file = try? OpenFile(url.path, .read) else {
            throw DealersError(.corruptStore, path: url.path, "journal disappeared while recovering")
        }
        self.file = file
        size = Int64(try file.size())
    }

    private func fill() -> Bool {
        if start > 0 { buffer.removeFirst(start); start = 0 }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        let n = (try? chunk.withUnsafeMutableBytes { try file.read(into: $0) }) ?? 0
        guard n > 0 else { return false }
        buffer.append(contentsOf: chunk[0..<n])
        return true
    }

    /// The next line without its `\n`; `nil` at the end of the file.
    func readLine() -> String? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[start..<newline], as: UTF8.self)
                position += Int64(newline - start + 1)
                start = newline + 1
                return line
            }
            guard fill() else { return nil }
        }
    }

    /// The next `count` bytes, or `nil` when the file ends first.
    func take(_ count: Int, _ url: URL) throws -> Data? {
        while buffer.count - start < count {
            guard fill() else { return nil }
        }
        let data = Data(buffer[start..<(start + count)])
        start += count
        position += Int64(count)
        return data
    }
}
