import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// The commit protocol and crash recovery (see `docs/store.md`, "Commit protocol").
extension DocumentStore {
    /// Makes `changes` durable atomically: journal, commit point, apply, flush, forget.
    func commit(_ changes: [StoreKey: StoreChange]) throws {
        try checkWritable()
        guard !changes.isEmpty else { return }
        do {
            if needsRecovery { try recover(trigger: "commit after an unfinished one") }
            let sorted = changes.sorted { $0.key < $1.key }.map { (key: $0.key, change: $0.value) }
            try checkShapes(sorted)
            transactionSequence += 1
            let journal = Journal(txid: Journal.makeTxid(sequence: transactionSequence), changes: sorted)
            try commit(journal)
        } catch let simulated as SimulatedCrash {
            crashed = true
            throw simulated
        }
    }

    private func commit(_ journal: Journal) throws {
        let pending = journalDirectory.appendingPathComponent(journal.txid + Journal.pendingSuffix)
        let committed = journalDirectory.appendingPathComponent(journal.txid + Journal.committedSuffix)

        // 1. The whole transaction goes to `<txid>.pending`, fsync'd.
        do {
            try journal.write(to: pending)
        } catch {
            try? StoreFiles.remove(pending)
            throw error
        }
        try crash.check(.afterPending)

        // 2. Commit point: rename to `.committed` and flush the journal folder.
        guard rename(pending.path, committed.path) == 0 else {
            let code = errno
            try? StoreFiles.remove(pending)
            throw DealersError.io(committed.path, "rename journal", errno: code)
        }
        needsRecovery = true
        do {
            try AtomicFile.syncDirectory(journalDirectory)
            try crash.check(.afterCommit)

            // 3. Apply each change (temp + rename, no fsync each), 4. flush them all at once.
            try apply(journal.changes, crashAt: .midApply)
            try flush(journal.changes)
            try crash.check(.afterApply)

            // 5. Forget the journal.
            try StoreFiles.remove(committed)
            try AtomicFile.syncDirectory(journalDirectory)
        } catch let error as DealersError {
            logger.error("transaction committed but not fully applied", metadata: ["txid": "\(journal.txid)", "error": "\(error)"])
            var error = error
            error.message += " (the transaction \(journal.txid) is committed and will be completed when the store is next opened)"
            throw error
        }
        needsRecovery = false
        logger.debug("committed", metadata: ["txid": "\(journal.txid)", "changes": "\(journal.changes.count)"])
    }

    /// Completes what an interrupted process left: discards `.pending` journals, verifies every
    /// `.committed` one (a damaged one stops everything), replays them in order, flushes, removes them.
    func recover(trigger: String) throws {
        let files = try journalFiles()
        for name in files.pending {
            logger.warning("discarding a transaction that never committed", metadata: ["journal": "\(name)"])
            try StoreFiles.remove(journalDirectory.appendingPathComponent(name))
        }
        var journals: [Journal] = []
        for name in files.committed {
            let url = journalDirectory.appendingPathComponent(name)
            let journal = try Journal.read(from: url)
            guard journal.txid + Journal.committedSuffix == name else {
                throw DealersError(.corruptStore, path: url.path, "journal names transaction \(journal.txid), not its file name")
            }
            journals.append(journal)
        }
        do {
            for journal in journals {
                logger.notice("completing an interrupted commit",
                              metadata: ["txid": "\(journal.txid)", "changes": "\(journal.changes.count)", "during": "\(trigger)"])
                try removeStrayTemporaries(journal.changes)
                try apply(journal.changes, crashAt: .midRecovery)
            }
            if !journals.isEmpty { try flush(journals.flatMap(\.changes)) }
        } catch let simulated as SimulatedCrash {
            crashed = true
            throw simulated
        }
        for name in files.committed {
            try StoreFiles.remove(journalDirectory.appendingPathComponent(name))
        }
        if !files.pending.isEmpty || !files.committed.isEmpty {
            try AtomicFile.syncDirectory(journalDirectory)
        }
        needsRecovery = false
    }

    /// Writes (temp + rename, unsynced) or deletes each document, in order.
    private func apply(_ changes: [(key: StoreKey, change: StoreChange)], crashAt point: CrashPoint) throws {
        for (index, entry) in changes.enumerated() {
            let target = url(for: entry.key)
            switch entry.change {
            case .write(let data):
                try StoreFiles.writeUnsynced(data, to: target)
            case .delete:
                try StoreFiles.remove(target)
            }
            if index == 0 { try crash.check(point) }
        }
    }

    /// Makes applied changes durable: one `syncfs` on Linux, else each file and folder.
    private func flush(_ changes: [(key: StoreKey, change: StoreChange)]) throws {
        try StoreFiles.flush(directory) {
            var urls: [URL] = []
            var folders = Set<URL>()
            for entry in changes {
                let target = url(for: entry.key)
                if case .write = entry.change { urls.append(target) }
                var folder = target.deletingLastPathComponent()
                while folders.insert(folder).inserted, folder.path.count > directory.path.count {
                    folder = folder.deletingLastPathComponent()
                }
            }
            return urls + folders.sorted { $0.path.count > $1.path.count }
        }
    }

    /// Removes temporary files an interrupted apply may have left in the folders a journal touches.
    private func removeStrayTemporaries(_ changes: [(key: StoreKey, change: StoreChange)]) throws {
        let folders = Set(changes.map { url(for: $0.key).deletingLastPathComponent() })
        for folder in folders.sorted(by: { $0.path < $1.path }) {
            let removed = try StoreFiles.removeTemporaries(in: folder)
            if removed > 0 {
                logger.info("removed stray temporary files", metadata: ["folder": "\(folder.path)", "count": "\(removed)"])
            }
        }
    }

    /// Refuses, before anything is journaled, changes that could never be applied: a document
    /// where a folder is (or must be), or one key of the transaction being a folder of another.
    private func checkShapes(_ changes: [(key: StoreKey, change: StoreChange)]) throws {
        let keys = Set(changes.map(\.key.path))
        var checkedFolders = Set<String>()
        for entry in changes {
            let target = url(for: entry.key)
            if try StoreFiles.entry(at: target) == .folder {
                throw DealersError(.corruptStore, path: target.path, "is a folder, so it cannot hold the document \(entry.key)")
            }
            guard case .write = entry.change else { continue }
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
