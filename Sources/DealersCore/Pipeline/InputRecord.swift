/// The store's memory of an applied input, by checksum: what makes a re-dropped file a
/// DUPLICATE, and lets a run interrupted after its commit finish archiving the file.
struct InputRecord: Codable {
    var checksum: String
    var name: String
    var dealer: String?
    var layout: String
    var status: Receipt.Status
    var asOf: CivilDate
    var processedAt: String
    /// Set once the input has been moved to the archive.
    var archived: Bool
    /// The receipt as published.
    var receipt: Receipt?
}
