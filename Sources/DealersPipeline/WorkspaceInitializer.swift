import Foundation
import DealersLayouts
import DealersSupport

/// `dealers init DIR`: a workspace ready to use (§2) — the default layouts, an example
/// `dealers.json` and empty `inbox/`, `outbox/`, `store/`, `archive/`.
public enum WorkspaceInitializer {
    /// The example settings: every simple key at its default. `archiveRetentionDays` is left out,
    /// as its default is: archived inputs are kept for ever until the operator chooses a number
    /// of days. Every key is explained in the README ("Settings").
    public static let exampleSettings = """
    {
      "dealers": [],
      "language": "es",
      "timeZone": "Europe/Madrid",
      "defaultCountry": "ES",
      "stabilitySeconds": 2,
      "requireDoneMarker": false,
      "pollSeconds": 2,
      "defaultContractLength": "1A"
    }

    """

    /// Creates the workspace; returns what it wrote, relative to `root`.
    /// - Parameter force: use a folder that already holds files (layouts and `dealers.json` are
    ///   written over, everything else is kept).
    /// - Throws: ``DealersError`` `.cannotCreate` for a non-empty folder without `force`, or
    ///   when something cannot be written.
    public static func create(at root: URL, force: Bool) throws -> [String] {
        if let existing = try? FileSystem.names(in: root.path), !existing.isEmpty, !force {
            throw DealersError(.cannotCreate, path: root.path, "the folder is not empty; use --force to make a workspace of it anyway")
        }
        var written: [String] = []
        for folder in ["inbox", "outbox", "store", "archive", "layouts"] {
            try AtomicFile.createDirectory(root.appendingPathComponent(folder))
            written.append(folder + "/")
        }
        for (name, json) in DefaultLayouts.files {
            try AtomicFile.write(Data((json + "\n").utf8), to: root.appendingPathComponent("layouts").appendingPathComponent(name))
            written.append("layouts/\(name)")
        }
        try AtomicFile.write(Data(exampleSettings.utf8), to: root.appendingPathComponent("dealers.json"))
        written.append("dealers.json")
        return written
    }
}
