import DealersSupport
import Foundation

/// The one rule of `.done` markers (docs/layouts.md, "Markers"): a file waits in the inbox until
/// `<name>.done` appears beside it when `dealers.json`'s `requireDoneMarker` says so for every
/// file, or when a layout that asks for markers (`"doneMarker": true`) matches its name — or is
/// the layout a caller already found for it. The scanner asks it which files wait; the portal
/// asks it whether to write the marker of an upload, so the two never disagree.
///
/// It owns the other marker too, `<name>.confirmar`, which confirms a held roster (docs/layouts.md,
/// "Roster files"): neither marker is ever processed as a file.
public struct DoneMarkers: Sendable {
    /// Every file waits for its marker.
    public let everyFile: Bool
    /// The file-name patterns of the layouts that ask for markers.
    private let patterns: [String]

    /// The rule of a workspace: its `requireDoneMarker` setting and its layouts.
    public init(requireForEveryFile: Bool, layouts: [Layout]) {
        everyFile = requireForEveryFile
        patterns = layouts.filter(\.doneMarker).compactMap(\.match.fileNamePattern)
    }

    /// Whether the file named `fileName` waits for its marker; `layout`: the layout the caller
    /// identified it with, when it has.
    public func needsMarker(fileName: String, layout: Layout? = nil) -> Bool {
        if everyFile || layout?.doneMarker == true { return true }
        return patterns.contains { pattern in
            fileName.range(of: pattern, options: [.regularExpression, .caseInsensitive]) != nil
        }
    }

    /// The marker of a file: `<name>.done` in the same folder.
    public static func marker(for file: URL) -> URL {
        file.deletingLastPathComponent().appendingPathComponent(file.lastPathComponent + doneSuffix)
    }

    /// The note of who uploaded a file through the portal: `.<name>.uploaded-by` in the same
    /// folder (hidden, so no scanner takes it for an input), holding the account's name. The
    /// portal writes it before the file appears; the pipeline names the account in the receipt
    /// (`uploadedBy`) and removes the note with the file's marker. A file without one reached
    /// the inbox another way.
    public static func uploaderNote(for file: URL) -> URL {
        file.deletingLastPathComponent().appendingPathComponent("." + file.lastPathComponent + ".uploaded-by")
    }

    /// The account named by a file's uploader note, or `nil` (no note, or an unreadable one).
    public static func uploader(of file: URL) -> String? {
        guard let data = try? FileSystem.readIfPresent(uploaderNote(for: file).path) else { return nil }
        let name = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return name.isEmpty ? nil : name
    }

    /// Removes a processed file's markers (`.done`, a roster's `.confirmar`) and uploader note
    /// (each when there is one).
    public static func removeCompanions(of file: URL) {
        try? FileSystem.removeTree(marker(for: file).path)
        try? FileSystem.removeTree(confirmation(for: file).path)
        try? FileSystem.removeTree(uploaderNote(for: file).path)
    }

    /// The marker that confirms a held roster: `<name>.confirmar` in the same folder.
    public static func confirmation(for file: URL) -> URL {
        file.deletingLastPathComponent().appendingPathComponent(file.lastPathComponent + confirmationSuffix)
    }

    /// Whether a name is a marker (`x.done`, `x.confirmar`, in any case): never a file to process.
    public static func isMarker(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(doneSuffix) || lower.hasSuffix(confirmationSuffix)
    }

    private static let doneSuffix = ".done"
    private static let confirmationSuffix = ".confirmar"
}
