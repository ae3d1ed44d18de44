import Foundation
import DealersSupport

/// What identifies a file's content cheaply: device, inode, size and modification time (see
/// ``FileInfo``). Taken before and after reading, it tells whether someone changed the file in
/// between.
package struct FileIdentity: Equatable {
    package let info: FileInfo

    package init(_ url: URL) throws {
        info = try FileSystem.info(at: url.path)
    }

    /// The identity as text, for keeping in the store: `device:inode:size:seconds.nanoseconds`.
    package var text: String {
        "\(info.device):\(info.inode):\(info.size):\(info.modifiedSeconds).\(info.modifiedNanoseconds)"
    }
}
