import Foundation
import Logging

/// The keys under a folder of a store, read lazily one folder at a time (see ``DocumentStore/keys(under:)``).
///
/// Only the listing of the folders on the current path is held in memory, never the whole key set.
/// Each iteration starts a fresh walk of the folders.
public struct StoreKeySequence: Sequence {
    private let walker: KeyWalker
    private let logger: Logger

    init(walker: KeyWalker, logger: Logger) {
        self.walker = walker
        self.logger = logger
    }

    public func makeIterator() -> Iterator {
        Iterator(walker: walker, logger: logger)
    }

    /// Yields keys depth first; logs and skips a subfolder that cannot be read.
    public struct Iterator: IteratorProtocol {
        private var walker: KeyWalker
        private let logger: Logger

        init(walker: KeyWalker, logger: Logger) {
            self.walker = walker
            self.logger = logger
        }

        public mutating func next() -> StoreKey? {
            while true {
                do {
                    return try walker.next()
                } catch {
                    logger.error("skipping a folder that cannot be read", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}

/// Depth-first walk of the documents under a prefix, each folder's entries sorted by name.
///
/// Skips what is not a document: hidden names (temporary files), and at the top level the
/// store's own `meta.json`, `lock` and `journal`. Names that are not valid keys are skipped too.
struct KeyWalker {
    private struct Level {
        var folder: URL
        var keyPrefix: String
        var entries: [(name: String, isFolder: Bool)]
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
