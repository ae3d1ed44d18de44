import Foundation
import Logging

/// Completes what a process of the previous layout (one file per document) left in `journal/`,
/// so that the upgrade starts from a whole store: `.pending` journals never committed and are
/// deleted; `.committed` ones are verified (checksum, entry count, txid) before any is replayed,
/// replayed in order (each entry a full-content write or a deletion, so a replay is idempotent),
/// flushed with one `syncfs`, and removed.
struct LegacyRecovery {
    let directory: URL
    let logger: Logger

    func run() throws {
        let journal = directory.appendingPathComponent("journal")
        let names = try StoreFiles.names(in: journal).sorted()
        for name in names where name.hasSuffix(Journal.pendingSuffix) {
            logger.warning("discarding a transaction that never committed", metadata: ["journal": "\(name)"])
            try StoreFiles.remove(journal.appendingPathComponent(name))
        }
        let committed = names.filter { $0.hasSuffix(Journal.committedSuffix) }
        for name in committed {
            let url = journal.appendingPathComponent(name)
            let txid = try JournalReader.verify(url)
            guard txid + Journal.committedSuffix == name else {
                throw DealersError(.corruptStore, path: url.path, "journal names transaction \(txid), not its file name")
            }
        }
        guard !committed.isEmpty else { return }
        for name in committed {
            var folders = Set<URL>()
            let txid = try JournalReader.forEachEntry(journal.appendingPathComponent(name)) { key, change in
                let target = directory.appendingPathComponent(key.path)
                if folders.insert(target.deletingLastPathComponent()).inserted {
                    try StoreFiles.removeTemporaries(in: target.deletingLastPathComponent())
                }
                switch change {
                case .write(let data): try StoreFiles.writeUnsynced(data, to: target)
                case .delete: try StoreFiles.remove(target)
                }
            }
            logger.notice("completed an interrupted commit of the previous store layout", metadata: ["txid": "\(txid)"])
        }
        try StoreFiles.flush(directory) { [] }
        for name in committed { try StoreFiles.remove(journal.appendingPathComponent(name)) }
        try AtomicFile.syncDirectory(journal)
    }
}
