import Foundation

extension FileSystem {
    /// The process's working folder.
    public static var currentDirectory: String {
        FileManager.default.currentDirectoryPath
    }

    /// The folder for temporary files: `TMPDIR` when set, else the system's (`/tmp`).
    public static var temporaryDirectory: URL {
        FileManager.default.temporaryDirectory
    }

    /// A path in ``temporaryDirectory`` that no other call returns: `<prefix>-<UUID>`. Nothing is
    /// created there.
    /// - Parameter prefix: what the file or folder is for (`"dealers-xlsx"`), seen by whoever
    ///   lists the temporary folder.
    public static func uniqueTemporaryURL(prefix: String) -> URL {
        temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    }
}
