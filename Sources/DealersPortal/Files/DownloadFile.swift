import DealersSupport
import Hummingbird

/// A listed file opened for a download: the name it is sent under, its size when opened, and the
/// open file, read a chunk at a time on the thread pool (``BlockingWork``).
///
/// `@unchecked Sendable`: the open file is read by one response body, one awaited chunk after
/// the other, so never by two threads at once; it is closed when the value goes away.
final class DownloadFile: @unchecked Sendable {
    /// The listed entry (its name is the download's name).
    let entry: FolderEntry
    /// The file's size when it was opened: what the response promises to send.
    let size: Int
    private let file: OpenFile
    private var sent = 0

    /// Opens a listed file of `folder` without following links (``ReadableFolder/openFile(_:)``);
    /// `nil` when it is no longer a regular file in a real folder.
    init?(_ entry: FolderEntry, in folder: ReadableFolder) {
        guard let file = folder.openFile(entry), let size = try? file.size() else { return nil }
        self.entry = entry
        self.size = size
        self.file = file
    }

    /// The next bytes, at most `limit`, never past ``size``; empty at the end.
    /// - Throws: ``DealersError`` `.io` `"read failed: …"`.
    func nextChunk(limit: Int) throws -> ByteBuffer {
        var bytes = [UInt8](repeating: 0, count: min(limit, size - sent))
        let count = try bytes.withUnsafeMutableBytes { try file.read(into: $0, at: sent) }
        sent += count
        return ByteBuffer(bytes: bytes[..<count])
    }
}
