#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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
struct ReadableFolder: Sendable {
    /// The folder.
    let url: URL

    /// The visible regular files (not hidden, not temporary, not links, not folders), by name.
    /// A folder that is missing, or is itself a symbolic link, lists nothing.
    func entries() -> [FolderEntry] {
        guard Self.isRealFolder(url.path), let names = try? FileSystem.names(in: url.path) else { return [] }
        return names.filter { !InboxScanner.isTemporary($0) }.compactMap(entry(forListed:)).sorted { $0.name < $1.name }
    }

    /// The entry with exactly this name, or `nil` (for every reason alike).
    func entry(named name: String) -> FolderEntry? {
        entries().first { $0.name == name }
    }

    /// Opens a listed file for reading; `nil` when it is no longer a regular file in a real folder
    /// (the folder is opened with `O_NOFOLLOW` too, so a folder swapped for a link fails).
    func openFile(_ entry: FolderEntry) -> FileHandle? {
        let folder = open(url.path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard folder >= 0 else { return nil }
        let descriptor = openat(folder, entry.name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        close(folder)
        guard descriptor >= 0 else { return nil }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            return nil
        }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    /// Reads a listed file whole (receipts: small JSON files).
    func contents(of entry: FolderEntry) -> Data? {
        guard let handle = openFile(entry) else { return nil }
        return try? handle.readToEnd() ?? Data()
    }

    private func entry(forListed name: String) -> FolderEntry? {
        var status = stat()
        guard lstat(url.appendingPathComponent(name).path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        let modified = Date(timeIntervalSince1970: TimeInterval(status.st_mtim.tv_sec) + TimeInterval(status.st_mtim.tv_nsec) / 1e9)
        return FolderEntry(name: name, size: Int(status.st_size), modified: modified)
    }

    /// Whether `path` is a folder itself, not a link to one.
    static func isRealFolder(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }
}
