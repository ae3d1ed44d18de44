/// The version of this program, in one place: `dealers --version` prints it, and whatever else
/// names the version (the portal's pages, the `serve` log, a receipt) reads it here.
public enum DealersVersion {
    /// The version, `MAJOR.MINOR.PATCH` (Semantic Versioning); raised for each release.
    public static let current = "0.1.0"
}
