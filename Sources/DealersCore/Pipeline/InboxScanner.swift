import Foundation

/// Finds the files waiting in the inbox (§5 step 1): the operator's files in `inbox/`, each
/// declared dealer's in `inbox/<DEALER>/`; hidden and temporary names are skipped, and so are
/// files still changing within the stability window.
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
        /// Files skipped because they are still being written.
        public var unstable: [String] = []
    }

    let workspace: Workspace
    let now: Date

    /// Creates a scanner; `now` is compared with files' mtimes for the stability window.
    public init(workspace: Workspace, now: Date = Date()) {
        self.workspace = workspace
        self.now = now
    }

    /// Whether a name is hidden or temporary: `.x`, `~$x`, `x.part`, `x.tmp`, `x.crdownload`, `x~`.
    public static func isTemporary(_ name: String) -> Bool {
        let lower = name.lowercased()
        return name.hasPrefix(".") || name.hasPrefix("~$") || name.hasSuffix("~")
            || [".part", ".tmp", ".crdownload", ".partial", ".download", ".done"].contains { lower.hasSuffix($0) }
    }

    /// Scans the inbox.
    public func scan() throws -> Result {
        var result = Result()
        let fm = FileManager.default
        try AtomicFile.createDirectory(workspace.inbox)
        let names = try fm.contentsOfDirectory(atPath: workspace.inbox.path).sorted()
        let declared = Set(workspace.settings.dealers)
        for name in names where !InboxScanner.isTemporary(name) {
            let url = workspace.inbox.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                guard declared.contains(name) else { result.unknownFolders.append(name); continue }
                for inner in try fm.contentsOfDirectory(atPath: url.path).sorted() where !InboxScanner.isTemporary(inner) {
                    try consider(url.appendingPathComponent(inner), dealer: name, into: &result)
                }
            } else {
                try consider(url, dealer: nil, into: &result)
            }
        }
        return result
    }

    private func consider(_ url: URL, dealer: String?, into result: inout Result) throws {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        guard attributes[.type] as? FileAttributeType == .typeRegular else { return }
        let modified = attributes[.modificationDate] as? Date ?? now
        if now.timeIntervalSince(modified) < workspace.settings.stabilitySeconds {
            result.unstable.append(url.lastPathComponent)
            return
        }
        result.ready.append(Entry(url: url, dealer: dealer, modified: modified))
    }
}
