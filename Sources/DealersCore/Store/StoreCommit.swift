import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// The commit protocol and crash recovery (see `docs/store.md`, "Commit protocol").
extension DocumentStore {
    /// A new journal for a transaction: `journal/<txid>.pending`, or an anonymous temporary file
    /// for a read-only store (whose transactions never commit).
    func makeSpool() throws -> JournalSpool {
        transactionSequence += 1
        let txid = Journal.makeTxid(sequence: transactionSequence)
        if isReadOnly {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent(".dealers-journal-\(txid)")
            return try JournalSpool(url: url, txid: txid, anonymous: true)
        }
        try checkWritable()
        return try JournalSpool(url: journalDirectory.appendingPathComponent(txid + Journal.pendingSuffix), txid: txid,
                                anonymous: false)
    }

    /// Makes a transaction durable atomically: seal its journal, commit point, apply, flush, forget.
    func commit(_ spool: JournalSpool, index: [StoreKey: StoreTransaction.IndexEntry]) throws {
        try checkWritable()
        do {
            let sorted: [(key: StoreKey, value: StoreTransaction.IndexEntry)]
            do {
                // Not the pending journals: this instance's open transactions are writing them.
                if needsRecovery { try recover(trigger: "commit after an unfinished one", discardPending: false) }
                sorted = index.sorted { $0.key < $1.key }
                try checkShapes(sorted.map { (key: $0.key, isWrite: $0.value.isWrite) })
            } catch let error as DealersError {
                spool.discard()   // refused before the commit point: the transaction never happened
                throw error
            }
            try commit(spool, sorted)
        } catch let simulated as SimulatedCrash {
            crashed = true
            spool.abandon()
            throw simulated
        }
    }

    private func commit(_ spool: JournalSpool, _ changes: [(key: StoreKey, value: StoreTransaction.IndexEntry)]) throws {
        let pending = spool.url
        let committed = journalDirectory.appendingPathComponent(spool.txid + Journal.committedSuffix)

        // 1. The journal, written as the transaction went, is sealed (count, checksum) and fsync'd.
        do {
            try spool.finish()
        } catch {
            spool.discard()
            try? StoreFiles.remove(pending)
            throw error
        }
        try crash.check(.afterPending)

        // 2. Commit point: rename to `.committed` and flush the journal folder.
        guard rename(pending.path, committed.path) == 0 else {
            let code = errno
            spool.discard()
            try? StoreFiles.remove(pending)
            throw DealersError.io(committed.path, "rename journal", errno: code)
        }
        needsRecovery = true
        do {
            try AtomicFile.syncDirectory(journalDirectory)
            try crash.check(.afterCommit)

            // 3. Apply the latest change of each document (temp + rename, no fsync each), read
            //    back from the journal one at a time; 4. flush them all at once.
            for (position, entry) in changes.enumerated() {
                let target = url(for: entry.key)
                switch entry.value {
                case .written(let offset, let length):
                    try StoreFiles.writeUnsynced(try spool.read(offset: offset, length: length), to: target)
                case .deleted:
                    try StoreFiles.remove(target)
                }
                if position == 0 { try crash.check(.midApply) }
            }
            spool.close()
            try flush(changes.map { (key: $0.key, isWrite: $0.value.isWrite) })
            try crash.check(.afterApply)

            // 5. Forget the journal.
            try StoreFiles.remove(committed)
            try AtomicFile.syncDirectory(journalDirectory)
        } catch let error as DealersError {
            spool.close()
            logger.error("transaction committed but not fully applied", metadata: ["txid": "\(spool.txid)", "error": "\(error)"])
            var error = error
            error.message += " (the transaction \(spool.txid) is committed and will be completed when the store is next opened)"
            throw error
        }
        needsRecovery = false
        logger.debug("committed", metadata: ["txid": "\(spool.txid)", "changes": "\(changes.count)"])
    }

    /// Completes what an interrupted process left: discards `.pending` journals (at open; not when
    /// an instance with open transactions completes its own failed commit), verifies every
    /// `.committed` one (a damaged one stops everything), replays them in order streaming them
    /// from disk, flushes, removes them.
    func recover(trigger: String, discardPending: Bool = true) throws {
        let files = try journalFiles()
        for name in files.pending where discardPending {
            logger.warning("discarding a transaction that never committed", metadata: ["journal": "\(name)"])
            try StoreFiles.remove(journalDirectory.appendingPathComponent(name))
        }
        for name in files.committed {
            let url = journalDirectory.appendingPathComponent(name)
            let txid = try JournalReader.verify(url)
            guard txid + Journal.committedSuffix == name else {
                throw DealersError(.corruptStore, path: url.path, "journal names transaction \(txid), not its file name")
            }
        }
        var touched: [(key: StoreKey, isWrite: Bool)] = []
        do {
            for name in files.committed {
                let url = journalDirectory.appendingPathComponent(name)
                var first = true
                var count = 0
                var folders = Set<URL>()
                let txid = try JournalReader.forEachEntry(url) { key, change in
                    let target = self.url(for: key)
                    if folders.insert(target.deletingLastPathComponent()).inserted {
                        try self.removeStrayTemporaries(in: target.deletingLastPathComponent())
                    }
                    switch change {
                    case .write(let data): try StoreFiles.writeUnsynced(data, to: target)
                    case .delete: try StoreFiles.remove(target)
                    }
                    if StoreFiles.flushNeedsPaths { touched.append((key, { if case .write = change { return true } else { return false } }())) }
                    count += 1
                    if first { first = false; try crash.check(.midRecovery) }
                }
                logger.notice("completed an interrupted commit", metadata: ["txid": "\(txid)", "changes": "\(count)", "during": "\(trigger)"])
            }
            if !files.committed.isEmpty { try flush(touched) }
        } catch let simulated as SimulatedCrash {
            crashed = true
            throw simulated
        }
        for name in files.committed {
            try StoreFiles.remove(journalDirectory.appendingPathComponent(name))
        }
        if (discardPending && !files.pending.isEmpty) || !files.committed.isEmpty {
            try AtomicFile.syncDirectory(journalDirectory)
        }
        needsRecovery = false
    }

    /// Makes applied changes durable: one `syncfs` on Linux, else each file and folder.
    private func flush(_ changes: [(key: StoreKey, isWrite: Bool)]) throws {
        try StoreFiles.flush(directory) {
            var urls: [URL] = []
            var folders = Set<URL>()
            for entry in changes {
                let target = url(for: entry.key)
                if entry.isWrite { urls.append(target) }
                var folder = target.deletingLastPathComponent()
                while folders.insert(folder).inserted, folder.path.count > directory.path.count {
                    folder = folder.deletingLastPathComponent()
                }
            }
            return urls + folders.sorted { $0.path.count > $1.path.count }
        }
    }

    /// Removes temporary files an interrupted apply may have left in a folder a journal touches.
    private func removeStrayTemporaries(in folder: URL) throws {
        let removed = try StoreFiles.removeTemporaries(in: folder)
        if removed > 0 {
            logger.info("removed stray temporary files", metadata: ["folder": "\(folder.path)", "count": "\(removed)"])
        }
    }

    /// Refuses, before anything is journaled, changes that could never be applied: a document
    /// where a folder is (or must be), or one key of the transaction being a folder of another.
    private func checkShapes(_ changes: [(key: StoreKey, isWrite: Bool)]) throws {
        let keys = Set(changes.map(\.key.path))
        var checkedFolders = Set<String>()
        for entry in changes {
            let target = url(for: entry.key)
            if try StoreFiles.entry(at: target) == .folder {
                throw DealersError(.corruptStore, path: target.path, "is a folder, so it cannot hold the document \(entry.key)")
            }
            guard entry.isWrite else { continue }
            let parts = entry.key.components
            for depth in stride(from: parts.count - 1, to: 0, by: -1) {
                let folderKey = parts[0..<depth].joined(separator: "/")
                if keys.contains(folderKey) {
                    throw DealersError(.internalError, "the transaction writes both \(folderKey) and \(entry.key), "
                                       + "which would need \(folderKey) to be a document and a folder")
                }
                guard checkedFolders.insert(folderKey).inserted else { break }
                switch try StoreFiles.entry(at: directory.appendingPathComponent(folderKey)) {
                case .file:
                    throw DealersError(.corruptStore, path: directory.appendingPathComponent(folderKey).path,
                                       "is a document, so it cannot be the folder of \(entry.key)")
                case .folder:
                    break
                case .absent:
                    continue
                }
                break
            }
        }
    }
}
