import Foundation

/// A plain file a visitor may see in a folder.
public struct FolderEntry: Sendable, Equatable {
    /// Its name (one path component).
    public var name: String
    /// Its size in bytes.
    public var size: Int
    /// When it was last modified.
    public var modified: Date
}
