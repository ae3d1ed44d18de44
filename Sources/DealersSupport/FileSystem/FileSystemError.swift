#if canImport(Glibc)
import Glibc
#endif
import SystemPackage

extension DealersError {
    /// A failed file-system operation: `"<operation> failed: <errno text>"` about `path`.
    /// - Parameters:
    ///   - operation: what was being done, in a person's words (`"open"`, `"fsync folder"` …).
    ///   - path: the file or folder it was done to.
    ///   - error: the system's error.
    ///   - kind: the kind of failure; `.io` unless the caller knows better (`.cannotCreate` for
    ///     an output, `.noInput` for a missing input).
    public static func fileSystem(_ operation: String, path: String, _ error: Errno, kind: Kind = .io) -> DealersError {
        DealersError(kind, path: path, "\(operation) failed: \(String(cString: strerror(error.rawValue)))")
    }

    /// The same error about another path: a temporary file's failure told as the failure of the
    /// file a person asked for.
    public func about(_ path: String) -> DealersError {
        DealersError(kind, path: path, message)
    }

    /// A failed operating-system call outside the file system (a pipe, inotify) with the text of
    /// the `errno` it left.
    public static func io(_ path: String, _ action: String) -> DealersError {
        fileSystem(action, path: path, Errno(rawValue: errno))
    }
}

extension Errno {
    /// Whether the error says the path (or one of its folders) is not there.
    @usableFromInline
    var meansAbsent: Bool { self == .noSuchFileOrDirectory || self == .notDirectory }
}
