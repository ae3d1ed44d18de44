import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What `stat(2)` says about a file: its size, whether it is a folder or a regular file, and what
/// identifies its content cheaply (device, inode, modification time).
public struct FileInfo: Equatable, Sendable {
    /// Size in bytes.
    public var size: Int
    /// Whether it is a folder.
    public var isFolder: Bool
    /// Whether it is a regular file (not a folder, a symbolic link described as itself, a
    /// device or a pipe).
    public var isRegularFile: Bool
    /// The device the file is on.
    public var device: UInt64
    /// The file's inode on that device.
    public var inode: UInt64
    /// Last modification: whole seconds since 1970.
    public var modifiedSeconds: Int
    /// Last modification: nanoseconds within the second.
    public var modifiedNanoseconds: Int

    init(_ raw: stat) {
        size = Int(raw.st_size)
        isFolder = (raw.st_mode & S_IFMT) == S_IFDIR
        isRegularFile = (raw.st_mode & S_IFMT) == S_IFREG
        device = UInt64(raw.st_dev)
        inode = UInt64(raw.st_ino)
        modifiedSeconds = Int(raw.st_mtim.tv_sec)
        modifiedNanoseconds = Int(raw.st_mtim.tv_nsec)
    }
}

extension FileInfo {
    /// The last modification as a date.
    public var modified: Date {
        Date(timeIntervalSince1970: TimeInterval(modifiedSeconds) + TimeInterval(modifiedNanoseconds) / 1e9)
    }
}
