#if canImport(Glibc)
import Glibc
#endif
import SystemPackage

extension FileSystem {
    /// One entry of a folder.
    public struct ListedEntry: Equatable, Sendable {
        /// The entry's name in the folder.
        public var name: String
        /// Whether it is a folder (a symbolic link is not).
        public var isFolder: Bool

        /// Creates an entry.
        public init(name: String, isFolder: Bool) {
            self.name = name
            self.isFolder = isFolder
        }
    }

    /// The entries of a folder (not `.` and `..`), unsorted; empty when the folder does not exist.
    /// - Throws: ``DealersError`` `.io` `"open folder failed: …"` or `"read folder failed: …"`.
    public static func listing(of folder: String) throws -> [ListedEntry] {
        guard let dir = opendir(folder) else {
            let error = Errno(rawValue: errno)
            if error == .noSuchFileOrDirectory { return [] }
            throw DealersError.fileSystem("open folder", path: folder, error)
        }
        defer { closedir(dir) }
        var result: [ListedEntry] = []
        while true {
            errno = 0
            guard let entry = readdir(dir) else {
                if errno != 0 { throw DealersError.fileSystem("read folder", path: folder, Errno(rawValue: errno)) }
                break
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let type = entry.pointee.d_type
            let isFolder: Bool
            if type == UInt8(DT_DIR) {
                isFolder = true
            } else if type == UInt8(DT_UNKNOWN) {
                isFolder = try self.entry(at: folder + "/" + name) == .folder
            } else {
                isFolder = false
            }
            result.append(ListedEntry(name: name, isFolder: isFolder))
        }
        return result
    }

    /// The names in a folder (not `.` and `..`), unsorted; empty when the folder does not exist.
    /// - Throws: ``DealersError`` `.io`.
    public static func names(in folder: String) throws -> [String] {
        try listing(of: folder).map(\.name)
    }
}
