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

    /// Who uploaded a file through the portal, as its uploader note says.
    public struct Uploader: Sendable, Equatable {
        /// The account's name (the receipt's `uploadedBy`).
        public var account: String
        /// The account's seller code, for a seller account: the file may touch only that
        /// seller's clients.
        public var seller: String?

        /// An uploader.
        public init(account: String, seller: String? = nil) {
            self.account = account
            self.seller = seller
        }

        /// The note's text: the account's name on the first line, then `seller CODE` for a seller.
        public var noteText: String { account + "\n" + (seller.map { "seller \($0)\n" } ?? "") }

        /// Reads a note's text (a note of one line, as written before sellers could upload, names
        /// the account only); `nil` when it names no account.
        public init?(noteText: String) {
            let lines = noteText.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let account = lines.first, !account.isEmpty else { return nil }
            self.account = account
            seller = lines.dropFirst().first { $0.hasPrefix("seller ") }.map { String($0.dropFirst("seller ".count)) }
        }
    }

    /// Who uploaded a file, from its uploader note, or `nil` (no note, or an unreadable one).
    public static func uploaderDetails(of file: URL) -> Uploader? {
        guard let data = try? FileSystem.readIfPresent(uploaderNote(for: file).path) else { return nil }
        return Uploader(noteText: String(decoding: data, as: UTF8.self))
    }

    /// The account named by a file's uploader note, or `nil` (no note, or an unreadable one).
    public static func uploader(of file: URL) -> String? { uploaderDetails(of: file)?.account }

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
