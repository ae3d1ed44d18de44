/// What the manifest records of one segment: enough to check its files and to choose merges.
struct SegmentInfo: Codable, Equatable, Sendable {
    /// The segment's number: `segments/<id>.jsonl` and `.idx`.
    var id: Int
    /// Lines that hold a document.
    var documents: Int
    /// Lines that delete a key (kept until a merge reaches the oldest segment).
    var deletions: Int
    /// Size of the `.jsonl` file.
    var bytes: Int
    /// SHA-256 of the `.jsonl` file.
    var sha256: String
    /// SHA-256 of the `.idx` file.
    var indexSha256: String
}
