import Foundation

/// Depth-first walk of the documents of a store of the previous layout (one file per document)
/// under a prefix, each folder's entries sorted by name.
///
/// Skips what is not a document: hidden names (temporary files), and at the top level the
/// store's own `meta.json`, `lock` and `journal`. Names that are not valid keys are skipped too.
struct LegacyKeyWalker {
    private struct Level {
        var folder: URL
        var keyPrefix: String
        var entries: [FileSystem.ListedEntry]
        var index = 0
    }

    private let root: URL
    private let prefix: String
    private var levels: [Level] = []
    private var started = false

    /// - Throws: `.data` for an invalid prefix.
    init(root: URL, prefix: String) throws {
        var trimmed = prefix
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        try StoreKey.validate(trimmed, what: "folder prefix", allowEmpty: true)
        self.root = root
        self.prefix = trimmed
    }

    /// The next key, or `nil` at the end. An error leaves the walker past the failing folder.
    mutating func next() throws -> StoreKey? {
        if !started {
            started = true
            let folder = prefix.isEmpty ? root : root.appendingPathComponent(prefix)
            if try StoreFiles.entry(at: folder) == .folder {
                try push(folder, keyPrefix: prefix)
            }
        }
        while !levels.isEmpty {
            let top = levels.count - 1
            guard levels[top].index < levels[top].entries.count else {
                levels.removeLast()
                continue
            }
            let entry = levels[top].entries[levels[top].index]
            levels[top].index += 1
            let path = levels[top].keyPrefix.isEmpty ? entry.name : levels[top].keyPrefix + "/" + entry.name
            if entry.isFolder {
                try push(levels[top].folder.appendingPathComponent(entry.name), keyPrefix: path)
            } else if let key = try? StoreKey(path) {
                return key
            }
        }
        return nil
    }

    private mutating func push(_ folder: URL, keyPrefix: String) throws {
        let atRoot = keyPrefix.isEmpty
        let entries = try StoreFiles.listing(of: folder)
            .filter { !$0.name.hasPrefix(".") && !(atRoot && StoreKey.reservedNames.contains($0.name)) }
            .sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        levels.append(Level(folder: folder, keyPrefix: keyPrefix, entries: entries))
    }
}
