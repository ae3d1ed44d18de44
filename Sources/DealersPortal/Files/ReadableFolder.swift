import DealersCore
import DealersSupport
import Foundation

/// A folder the portal shows: its plain, visible files, and each of them opened by exact name.
///
/// A name asked for is never turned into a path: it is looked up among the names the folder
/// lists, so `..`, slashes (encoded or not), hidden and temporary names, sub-folders and symbolic
/// links cannot be reached — they are simply not in the list. The file is then opened with
/// `O_NOFOLLOW` (inside its folder, itself opened with `O_NOFOLLOW`) and checked to be a regular
/// file, so a link swapped in after the listing fails too. Date folders: ``dateFolders()``.
///
/// Every call here blocks on the file system: handlers make them through ``BlockingWork``.
struct ReadableFolder: Sendable {
    /// The folder.
    let url: URL
    /// Which of its files (and its date folders' files) the visitor's role may see.
    var filter = EntryFilter.everything

    /// The visible regular files (not hidden, not temporary, not links, not folders), by name.
    /// A folder that is missing, or is itself a symbolic link, lists nothing.
    func entries() -> [FolderEntry] {
        guard Self.isRealFolder(url.path), let names = try? FileSystem.names(in: url.path) else { return [] }
        return names.filter { !InboxScanner.isTemporary($0) }.compactMap(entry(forListed:)).filter { filter.allows(url, $0) }.sorted { $0.name < $1.name }
    }

    /// The entry with exactly this name, or `nil` (for every reason alike).
    func entry(named name: String) -> FolderEntry? {
        entries().first { $0.name == name }
    }

    /// Opens a listed file for reading; `nil` when it is no longer a regular file in a real folder
    /// (the folder is opened with `O_NOFOLLOW` too, so a folder swapped for a link fails).
    func openFile(_ entry: FolderEntry) -> OpenFile? {
        try? OpenFile.openRegularFile(named: entry.name, in: url.path)
    }

    /// Reads a listed file whole (receipts: small JSON files).
    func contents(of entry: FolderEntry) -> Data? {
        guard let file = openFile(entry) else { return nil }
        defer { file.closeIgnoringErrors() }
        return try? file.readToEnd()
    }

    private func entry(forListed name: String) -> FolderEntry? {
        guard let info = try? FileSystem.info(at: url.appendingPathComponent(name).path, followingLinks: false),
              info.isRegularFile else { return nil }
        return FolderEntry(name: name, size: info.size, modified: info.modified)
    }

    /// Whether `path` is a folder itself, not a link to one.
    static func isRealFolder(_ path: String) -> Bool {
        (try? FileSystem.entry(at: path)) == .folder
    }
}
