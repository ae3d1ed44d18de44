/// Where a collection stands in its mandate's life (pain.008 `SeqTp`).
public enum SequenceType: String, Codable, Sendable, CaseIterable {
    /// The first collection under a mandate (or after a new mandate reference).
    case first = "FRST"
    /// A collection after the first.
    case recurrent = "RCUR"
    /// The last collection: a BAJA ends the mandate after it.
    case final = "FNAL"
}
