import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What identifies a file's content cheaply: device, inode, size and modification time. Taken
/// before and after reading, it tells whether someone changed the file in between.
struct FileIdentity: Equatable {
    let device: UInt64
    let inode: UInt64
    let size: Int64
    let modifiedSeconds: Int
    let modifiedNanoseconds: Int

    init(_ url: URL) throws {
        var info = stat()
        guard stat(url.path, &info) == 0 else { throw DealersError.io(url.path, "stat") }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modifiedSeconds = info.st_mtim.tv_sec
        modifiedNanoseconds = info.st_mtim.tv_nsec
    }
}
