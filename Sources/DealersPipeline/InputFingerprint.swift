import Foundation
import DealersSupport

/// What one read of an input file tells: its identity (device, inode, size, modification time)
/// taken before the read, and the SHA-256 of its content.
///
/// Made once per file and processing: a worker sharing the store needs the checksum to claim the
/// file before it touches it, and hands the same fingerprint to ``FileProcessor`` so the content
/// is hashed once. The checksum has to come before the parse, not from the same read: it decides
/// whether the file is parsed at all (a duplicate, or a run interrupted after its commit that is
/// completed under the names it chose, docs/reliability.md). The identity taken first lets
/// ``FileInput/checkUnchanged()`` refuse a file that changed after it was hashed.
public struct InputFingerprint: Equatable {
    package let identity: FileIdentity
    /// The SHA-256 of the content, in lowercase hexadecimal.
    public let checksum: String

    /// Takes the file's identity, then reads it once to hash it.
    public init(_ file: URL) throws {
        identity = try FileIdentity(file)
        checksum = try Checksum.sha256(of: file)
    }
}
