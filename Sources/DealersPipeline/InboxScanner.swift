import Foundation
import DealersLayouts
import DealersSupport
import DealersWorkspace

/// Finds the files waiting in the inbox (§5 step 1): the operator's files in `inbox/`, each
/// declared dealer's in `inbox/<DEALER>/`; hidden and temporary names are skipped, and so are
/// files still changing within the stability window (by mtime, and with a ``StabilityTracker``
/// by size and mtime across scans) and, when `requireDoneMarker` is set, files without their
/// `<name>.done` marker (a file with its marker is complete by agreement: no window applies).
public struct InboxScanner {
    /// A file ready to process.
    public struct Entry: Sendable, Equatable {
        /// The file.
        public var url: URL
        /// The dealer whose inbox holds it (`nil`: the operator's).
        public var dealer: String?
        /// Its modification time.
        public var modified: Date
    }

    /// What a scan found.
    public struct Result: Sendable {
        /// Files ready to process, in no particular order.
        public var ready: [Entry] = []
        /// Folders in `inbox/` that are not declared dealers (reported, not processed).
        public var unknownFolders: [String] = []
        /// Files skipped because they are still being written (`name`, or `DEALER/name`).
        public var unstable: [String] = []
        /// Files skipped because their `.done` marker is missing (`name`, or `DEALER/name`).
        public var awaitingMarker: [String] = []
        /// When the earliest unstable file may become ready (a watcher scans again then).
        public var nextCheck: Date?
        /// The workspace's layouts as the scan read them (to choose markers), for processing the
        /// files it found without reading them again; `nil` when they could not be read (the
        /// processing reads them again and reports why).
        public var catalog: LayoutCatalog?
    }

    package let workspace: Workspace
    package let now: Date
    package let tracker: StabilityTracker?
    /// Which files wait for their `.done` marker.
    package let markers: DoneMarkers

    /// Creates a scanner; `now` is compared with files' mtimes for the stability window; a
    /// `tracker` (the watcher's) adds size and mtime stability across scans and skips files
    /// that failed and have not changed. `markerLayouts` are the workspace's layouts, some of
    /// which may ask for `.done` markers (``DoneMarkers``).
    public init(workspace: Workspace, now: Date, tracker: StabilityTracker? = nil, markerLayouts: [Layout] = []) {
        self.workspace = workspace
        self.now = now
        self.tracker = tracker
        markers = DoneMarkers(requireForEveryFile: workspace.settings.requireDoneMarker, layouts: markerLayouts)
    }

    /// The marker that says a file is complete (``DoneMarkers/marker(for:)``).
    public static func doneMarker(for file: URL) -> URL {
        DoneMarkers.marker(for: file)
    }

    /// Whether a name is hidden or temporary: `.x`, `~$x`, `x.part`, `x.tmp`, `x.crdownload`, `x~`,
    /// or a marker (`x.done`, `x.confirmar`: ``DoneMarkers/isMarker(_:)``).
    public static func isTemporary(_ name: String) -> Bool {
        let lower = name.lowercased()
        return name.hasPrefix(".") || name.hasPrefix("~$") || name.hasSuffix("~")
            || [".part", ".tmp", ".crdownload", ".partial", ".download"].contains { lower.hasSuffix($0) }
            || DoneMarkers.isMarker(name)
    }

    /// The marker that confirms a held roster (``DoneMarkers/confirmation(for:)``).
    public static func confirmation(for file: URL) -> URL {
        DoneMarkers.confirmation(for: file)
    }

    /// Scans the inbox.
    public func scan() throws -> Result {
        tracker?.beginScan()
        defer { tracker?.endScan() }
        var result = Result()
        try AtomicFile.createDirectory(workspace.inbox)
        let names = try FileSystem.names(in: workspace.inbox.path).sorted()
        let declared = Set(workspace.settings.dealers)
        for name in names where !InboxScanner.isTemporary(name) {
            let url = workspace.inbox.appendingPathComponent(name)
            let entry = try FileSystem.entry(at: url.path, followingLinks: true)
            guard entry != .absent else { continue }
            if entry == .folder {
                guard declared.contains(name) else { result.unknownFolders.append(name); continue }
                for inner in try FileSystem.names(in: url.path).sorted() where !InboxScanner.isTemporary(inner) {
                    try consider(url.appendingPathComponent(inner), dealer: name, into: &result)
                }
            } else {
                try consider(url, dealer: nil, into: &result)
            }
        }
        return result
    }

    private func consider(_ url: URL, dealer: String?, into result: inout Result) throws {
        let info = try FileSystem.info(at: url.path, followingLinks: false)
        guard info.isRegularFile else { return }
        let modified = info.modified
        let size = Int64(info.size)
        let shown = dealer.map { "\($0)/\(url.lastPathComponent)" } ?? url.lastPathComponent
        let since = tracker?.stableSince(path: url.path, size: size, modified: modified, now: now) ?? modified
        if tracker?.isQuarantined(path: url.path, size: size, modified: modified) == true { return }
        if markers.needsMarker(fileName: url.lastPathComponent) {
            guard try FileSystem.exists(InboxScanner.doneMarker(for: url).path, followingLinks: true) else {
                result.awaitingMarker.append(shown)
                return
            }
        } else if now.timeIntervalSince(since) < workspace.settings.stabilitySeconds {
            result.unstable.append(shown)
            let ready = since.addingTimeInterval(workspace.settings.stabilitySeconds)
            result.nextCheck = min(result.nextCheck ?? ready, ready)
            return
        }
        result.ready.append(Entry(url: url, dealer: dealer, modified: modified))
    }
}
