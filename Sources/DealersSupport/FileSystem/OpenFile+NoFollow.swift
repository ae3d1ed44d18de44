#if canImport(Glibc)
import Glibc
#endif
import SystemPackage

extension OpenFile {
    /// Opens the regular file `name` inside `folder` for reading without following a symbolic
    /// link at either: the folder is opened with `O_NOFOLLOW | O_DIRECTORY`, the file relative to
    /// it (`openat`) with `O_NOFOLLOW`, and what was opened is checked to be a regular file. A
    /// link, folder or device swapped in under a name after it was listed is refused, not read.
    ///
    /// The file is opened with `O_NONBLOCK` too, so that a named pipe swapped in cannot hang the
    /// open; reads of a regular file do not care.
    /// - Parameters:
    ///   - name: one path component (no `/`).
    ///   - folder: the folder that holds it.
    /// - Returns: the open file, or `nil` when `name` is not one component, or the folder or the
    ///   file is missing, is a symbolic link, or is not what it should be.
    /// - Throws: ``DealersError`` `.io` `"open failed: …"` or `"stat failed: …"` for any other
    ///   failure (permissions, too many open files).
    public static func openRegularFile(named name: String, in folder: String) throws -> OpenFile? {
        guard !name.isEmpty, !name.contains("/") else { return nil }
        let directory: FileDescriptor
        do {
            directory = try FileDescriptor.open(FilePath(folder), .readOnly, options: [.closeOnExec, .directory, .noFollow])
        } catch {
            let error = (error as? Errno) ?? .ioError
            if error.meansAbsentOrLink { return nil }
            throw DealersError.fileSystem("open", path: folder, error)
        }
        defer { try? directory.close() }
        let path = folder + "/" + name
        var raw: Int32 = -1
        if let error = SystemCall.run({
            raw = openat(directory.rawValue, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
            return raw
        }) {
            if error.meansAbsentOrLink { return nil }
            throw DealersError.fileSystem("open", path: path, error)
        }
        let file = OpenFile(path: path, descriptor: FileDescriptor(rawValue: raw))
        guard try file.info().isRegularFile else {
            file.closeIgnoringErrors()
            return nil
        }
        return file
    }
}

extension Errno {
    /// Whether an open with `O_NOFOLLOW` (and `O_DIRECTORY`) failed because the path is missing,
    /// is a symbolic link, or is not a folder where one was asked for.
    var meansAbsentOrLink: Bool { meansAbsent || self == .tooManySymbolicLinkLevels }
}
