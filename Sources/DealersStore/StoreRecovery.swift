import Foundation
import Logging

/// What a writer does at open, under the lock, before anything else: remove what an interrupted
/// commit, merge or upgrade left. Nothing is ever replayed: the manifest on disk is the state.
struct StoreRecovery {
    let directory: URL
    let logger: Logger

    /// The store's own top-level entries; anything else in a store upgraded from the previous
    /// layout is a leftover of it.
    static let ownNames: Set<String> = ["meta.json", Manifest.fileName, "lock", "journal", DocumentStore.segmentsFolder]

    /// Cleans up and returns the manifest.
    /// - Throws: `.corruptStore` when the manifest is missing or a journal is from another layout.
    func run(meta: StoreMeta) throws -> Manifest {
        try StoreFiles.removeTemporaries(in: directory)
        let journal = directory.appendingPathComponent("journal")
        for name in try StoreFiles.names(in: journal) {
            if name.hasSuffix(Journal.pendingSuffix) {
                logger.warning("discarding a transaction that never committed", metadata: ["journal": "\(name)"])
                try StoreFiles.removeTree(journal.appendingPathComponent(name))
            } else if name.hasSuffix(Journal.runsSuffix) {
                try StoreFiles.removeTree(journal.appendingPathComponent(name))
            } else if name.hasSuffix(Journal.committedSuffix) {
                throw DealersError(.corruptStore, path: journal.appendingPathComponent(name).path,
                                   "a committed journal of the previous layout in a store of the current one; "
                                   + "restore the store from a backup")
            }
        }
        guard let manifest = try Manifest.load(in: directory) else {
            throw DealersError(.corruptStore, path: directory.appendingPathComponent(Manifest.fileName).path,
                               "is missing; restore the store from a backup")
        }
        let segments = directory.appendingPathComponent(DocumentStore.segmentsFolder)
        let live = Set(manifest.segments.flatMap { [Segment.dataName($0.id), Segment.indexName($0.id)] })
        var removed = 0
        for name in try StoreFiles.names(in: segments) where !live.contains(name) {
            try StoreFiles.remove(segments.appendingPathComponent(name))
            removed += 1
        }
        if removed > 0 {
            logger.info("removed files of an interrupted commit or merge", metadata: ["files": "\(removed)"])
            try AtomicFile.syncDirectory(segments)
        }
        if meta.migratedFrom != nil { try removeLeftovers(meta: meta) }
        return manifest
    }

    /// Removes the documents of the previous layout that an interrupted upgrade left after its
    /// commit point, then forgets that the store was upgraded.
    private func removeLeftovers(meta: StoreMeta) throws {
        for name in try StoreFiles.names(in: directory) where !Self.ownNames.contains(name) && !name.hasPrefix(".") {
            logger.info("removing a folder of the previous store layout", metadata: ["name": "\(name)"])
            try StoreFiles.removeTree(directory.appendingPathComponent(name))
        }
        var done = meta
        done.migratedFrom = nil
        try done.save(in: directory)
    }
}
