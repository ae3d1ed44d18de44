import DealersCore
import DealersSupport
import Foundation

/// Puts an uploaded file into an inbox folder so that the watcher sees all of it or nothing.
///
/// The file is written and flushed under a hidden staging folder inside the inbox
/// (`.upload-<random>/<name>`: hidden, so the watcher skips it), identified there with the
/// workspace's layouts exactly as `dealers layouts FILE` does, then linked to its real name
/// (which fails, rather than replaces, when that name is already waiting) and the staging copy removed.
struct InboxDrop: Sendable {
    /// The inbox folder (`inbox/` or `inbox/<DEALER>/`).
    let inbox: URL
    /// The workspace's `layouts/`.
    let layouts: URL
    /// The limits.
    let limits: UploadLimits
    /// `dealers.json`'s `requireDoneMarker`: every file waits for its `.done` marker.
    let requireDoneMarker: Bool
    /// What the uploading account's role may send.
    var access: Access?
    /// The uploading account (its name and, for a seller, its seller code), noted beside the file
    /// before it appears (``DoneMarkers/uploaderNote(for:)``), so the receipt names it
    /// (`uploadedBy`) and a seller's rows reach only the seller's clients.
    var uploader: DoneMarkers.Uploader?

    /// What was stored.
    struct Stored {
        /// The name in the inbox.
        var name: String
        /// The layout that will read it.
        var layout: String
        /// SHA-256 of the content (the receipt's `checksum`).
        var checksum: String
    }

    /// Stores `data` as `name`.
    /// - Throws: ``UploadRefusal`` for what the visitor can mend; ``DealersError`` for I/O or a broken layout.
    /// - Parameter confirmed: a held roster confirmed (docs/layouts.md, "Roster files"): its
    ///   `<name>.confirmar` marker is written before the file appears.
    /// - Parameter allowsRoster: whether the sender may send a roster (``RosterAuthority``);
    ///   otherwise a file read as one is refused, ``UploadRefusal/rosterNeedsAdmin``.
    func store(name rawName: String, data: Data, confirmed: Bool = false, allowsRoster: Bool = true) throws -> Stored {
        guard let name = Self.cleanName(rawName) else { throw UploadRefusal.badName }
        guard data.count <= limits.maxFileBytes else { throw UploadRefusal.tooLarge(limit: limits.maxFileBytes) }
        try AtomicFile.createDirectory(inbox)
        let waiting = try FileSystem.listing(of: inbox.path).filter { !$0.isFolder && !InboxScanner.isTemporary($0.name) }
        guard !waiting.contains(where: { $0.name == name }) else { throw UploadRefusal.alreadyWaiting }
        guard waiting.count < limits.maxWaitingFiles else { throw UploadRefusal.tooManyWaiting(limit: limits.maxWaitingFiles) }

        let staging = inbox.appendingPathComponent(".upload-\(RandomToken.make())")
        let staged = staging.appendingPathComponent(name)
        defer { try? FileSystem.removeTree(staging.path) }
        try AtomicFile.write(data, to: staged)
        let checksum = try Checksum.sha256(of: staged)
        let catalog = try LayoutCatalog(folder: layouts)
        let match = catalog.identify(staged)
        guard let layout = match.layout else { throw UploadRefusal.unknownLayout(reason: match.reason) }
        if let access, !access.mayHandle(layout.kind) { throw UploadRefusal.layoutNotAllowed(layout: layout.name) }
        guard allowsRoster || layout.kind != .roster else { throw UploadRefusal.rosterNeedsAdmin }
        let target = inbox.appendingPathComponent(name)
        guard try !FileSystem.exists(target.path, followingLinks: false) else { throw UploadRefusal.alreadyWaiting }
        if confirmed { try AtomicFile.write(Data(), to: DoneMarkers.confirmation(for: target)) }
        let note = try noteUploader(of: target)
        let linked: Bool
        do { linked = try FileSystem.linkIfAbsent(staged.path, to: target.path) } catch let error as DealersError {
            if let note { try? FileSystem.removeTree(note.path) }
            throw DealersError(.io, path: target.path, "cannot move the upload into the inbox: \(error.message)")
        }
        // Another upload of that name won the race: its note may be this one's by now (two
        // accounts uploading one name at the same instant: not promised).
        guard linked else { throw UploadRefusal.alreadyWaiting }
        // A file the watcher takes only with its marker (the same rule as the scanner's) is
        // complete once linked: the portal writes the marker, or the upload would wait for ever.
        let markers = DoneMarkers(requireForEveryFile: requireDoneMarker, layouts: catalog.layouts)
        if markers.needsMarker(fileName: name, layout: layout) {
            try AtomicFile.write(Data(), to: DoneMarkers.marker(for: target))
        }
        try AtomicFile.syncDirectory(inbox)
        return Stored(name: name, layout: layout.name, checksum: checksum)
    }

    /// Writes the uploader note of `target` atomically, before the file appears. A note left
    /// behind by a file of that name that is no longer waiting (taken away by hand) is replaced.
    /// - Returns: the note written, or `nil` without an uploader.
    private func noteUploader(of target: URL) throws -> URL? {
        guard let uploader else { return nil }
        let note = DoneMarkers.uploaderNote(for: target)
        try AtomicFile.write(Data(uploader.noteText.utf8), to: note)
        return note
    }

    /// The last path component of a client's file name (browsers may send `C:\…\x.csv`), or
    /// `nil` when it is empty, hidden or temporary, too long, or holds control characters.
    static func cleanName(_ raw: String) -> String? {
        let name = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        guard !name.isEmpty, name.utf8.count <= 200, name != ".", name != "..",
              !InboxScanner.isTemporary(name),
              !name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return nil }
        return name
    }
}

extension Portal {
    /// The drop into `inbox` of a file `visitor` sends: the workspace's layouts, the portal's
    /// limits, the visitor's role (what it may send) and its uploader note.
    func inboxDrop(into inbox: URL, for visitor: Visitor) -> InboxDrop {
        InboxDrop(inbox: inbox, layouts: workspace.layouts, limits: configuration.uploads,
                  requireDoneMarker: workspace.settings.requireDoneMarker, access: visitor.access, uploader: visitor.uploader)
    }
}
