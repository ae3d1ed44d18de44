import Foundation

/// The store's own file rules on top of ``FileSystem``: documents read whole, writes without
/// `fsync` made durable later in one flush, leftovers of interrupted writes.
enum StoreFiles {
    /// The whole content of a file, or `nil` when it does not exist.
    /// - Throws: ``DealersError`` `.io`; `.corruptStore` when a folder is where a document was expected.
    static func read(_ url: URL) throws -> Data? {
        guard let file = try OpenFile.openIfPresent(url.path) else { return nil }
        let info = try file.info()
        if info.isFolder {
            throw DealersError(.corruptStore, path: url.path, "is a folder where a document was expected")
        }
        return try file.readToEnd(sizeHint: info.size)
    }

    /// Writes a document by temporary file + rename, without `fsync`; the caller flushes later.
    static func writeUnsynced(_ data: Data, to url: URL) throws {
        try AtomicFile.createDirectory(url.deletingLastPathComponent())
        let temp = AtomicFile.temporaryURL(for: url)
        let file = try OpenFile(temp.path, .writeTruncating)
        do {
            try data.withUnsafeBytes { try file.write($0) }
            try file.close()
        } catch {
            file.closeIgnoringErrors()
            _ = try? FileSystem.remove(temp.path)
            throw error
        }
        try AtomicFile.renameOrRemove(temp: temp, to: url)
    }

    /// Reads exactly `buffer.count` bytes at `offset` of an open file.
    /// - Throws: `.io`, or `.corruptStore` when the file ends first.
    @inline(__always)
    static func readExactly(_ file: OpenFile, into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws {
        guard try file.read(into: buffer, at: offset) == buffer.count else {
            throw DealersError(.corruptStore, path: file.path, "ends before its own index says")
        }
    }

    /// Removes a file; a file that is already gone is fine.
    static func remove(_ url: URL) throws {
        try FileSystem.remove(url.path)
    }

    /// Removes a file or a folder with everything in it; a path that is already gone is fine.
    static func removeTree(_ url: URL) throws {
        try FileSystem.removeTree(url.path)
    }

    /// What is at a path: nothing, a folder, or something else (a file).
    static func entry(at url: URL) throws -> FileSystem.Entry {
        try FileSystem.entry(at: url.path)
    }

    /// Whether ``flush(_:fallback:)`` needs the list of touched paths (no `syncfs` here).
    static var flushNeedsPaths: Bool {
        #if os(Linux)
        return false
        #else
        return true
        #endif
    }

    /// Flushes everything written to the file system holding `directory` with one `syncfs(2)`.
    ///
    /// This is what makes a batch of un-fsynced temp+rename writes durable without one `fsync`
    /// per document. Where `syncfs` is not available, `fallback` lists the files and folders to
    /// `fsync` one by one.
    static func flush(_ directory: URL, fallback: () -> [URL]) throws {
        #if os(Linux)
        try FileSystem.syncFileSystem(containing: directory.path)
        #else
        for url in fallback() { try FileSystem.syncIfPresent(url.path) }
        #endif
    }

    /// Removes hidden temporary files (`.<name>.<pid>.<random>.tmp`) left in `directory` by an
    /// interrupted write; with `name`, only those belonging to that file. Returns how many.
    @discardableResult
    static func removeTemporaries(in directory: URL, for name: String? = nil) throws -> Int {
        let prefix = name.map { ".\($0)." } ?? "."
        var removed = 0
        for entry in try names(in: directory) where entry.hasPrefix(prefix) && entry.hasSuffix(".tmp") {
            try remove(directory.appendingPathComponent(entry))
            removed += 1
        }
        return removed
    }

    /// The names in a folder (not `.` and `..`), unsorted; empty when the folder does not exist.
    static func names(in directory: URL) throws -> [String] {
        try FileSystem.names(in: directory.path)
    }

    /// The entries of a folder with whether each is a folder; empty when the folder does not exist.
    static func listing(of directory: URL) throws -> [FileSystem.ListedEntry] {
        try FileSystem.listing(of: directory.path)
    }
}
