import Foundation

/// `manifest.json`: the segments that make up the store, oldest first. Replacing this one small
/// file (temporary file, `fsync`, `rename`, `fsync` of the folder) is the commit point of every
/// transaction and every merge: before the rename the store is what the old manifest lists,
/// after it what the new one lists. Segment files it does not list are leftovers of an
/// interrupted commit or merge and are deleted by the next writer.
struct Manifest: Codable, Equatable {
    static let fileName = "manifest.json"

    /// Increases with every replacement of the manifest.
    var generation: Int
    /// The number the next segment gets (numbers are never reused).
    var nextSegment: Int
    /// The live segments, oldest first; a key's newest line wins.
    var segments: [SegmentInfo]

    static let empty = Manifest(generation: 0, nextSegment: 1, segments: [])

    /// Reads the manifest of a store folder; `nil` when there is none.
    static func load(in directory: URL) throws -> Manifest? {
        let url = directory.appendingPathComponent(fileName)
        guard let data = try StoreFiles.read(url) else { return nil }
        return try StoreJSON.decode(Manifest.self, from: data, path: url.path)
    }

    /// Replaces the manifest atomically and durably: this is a commit point.
    func save(in directory: URL) throws {
        try AtomicFile.write(try StoreJSON.encodePretty(self), to: directory.appendingPathComponent(Self.fileName))
    }

    /// Bytes of all segments.
    var totalBytes: Int { segments.reduce(0) { $0 + $1.bytes } }
}
