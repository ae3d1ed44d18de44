import Foundation
import Logging

/// Upgrades a store of the previous layout (schema 1: one file per document) to segments, under
/// the writer lock, crash-safe at every step (see `docs/store.md`, "Upgrading"):
///
/// 1. complete the old layout's own interrupted commit, if any (``LegacyRecovery``);
/// 2. remove what an earlier, interrupted upgrade wrote (`segments/`, `manifest.json`);
/// 3. copy every document, compacted, into a spool and write it as one sorted segment and a
///    manifest listing it;
/// 4. check: every document of the old layout reads back byte for byte (compacted) from the new;
/// 5. commit point: `meta.json` says schema 2 (and `migratedFrom: 1`);
/// 6. remove the old documents; an interruption here is finished by the next open.
///
/// Until step 5 the old layout is the store, untouched; after it the new one is.
struct StoreMigration {
    let directory: URL
    let logger: Logger
    let crash: CrashHook

    func run(from meta: StoreMeta) throws -> StoreMeta {
        guard meta.schemaVersion == 1 else {
            throw DealersError(.corruptStore, path: directory.path, "no upgrade from schema version \(meta.schemaVersion)")
        }
        let started = ContinuousClock.now
        try LegacyRecovery(directory: directory, logger: logger).run()
        try StoreFiles.removeTree(directory.appendingPathComponent(DocumentStore.segmentsFolder))
        try StoreFiles.remove(directory.appendingPathComponent(Manifest.fileName))
        try StoreFiles.removeTemporaries(in: directory)

        let journal = directory.appendingPathComponent("journal")
        try AtomicFile.createDirectory(journal)
        let txid = Journal.makeTxid(sequence: 0)
        let spool = try TransactionSpool(url: journal.appendingPathComponent(txid + Journal.pendingSuffix), txid: txid, anonymous: false)
        defer { spool.discard() }
        var index = SpoolIndex()
        var walker = try LegacyKeyWalker(root: directory, prefix: "")
        while let key = try walker.next() {
            guard let data = try StoreFiles.read(directory.appendingPathComponent(key.path)) else { continue }
            let compact = try Self.compact(data, key: key, directory: directory)
            try index.set(key, line: try compact.withUnsafeBytes { try spool.append(key, value: $0) })
        }
        let info = try DocumentStore.writeSegment(from: spool, index: index,
                                                  folder: directory.appendingPathComponent(DocumentStore.segmentsFolder), id: 1) { _ in false }
        let manifest = Manifest(generation: 1, nextSegment: 2, segments: info.map { [$0] } ?? [])
        try manifest.save(in: directory)
        try verify(manifest, documents: index.count)
        try crash.check(.midMigration)

        var upgraded = meta
        upgraded.schemaVersion = StoreMeta.currentSchemaVersion
        upgraded.migratedFrom = 1
        try upgraded.save(in: directory)
        logger.notice("upgraded the store to segments", metadata: [
            "documents": "\(index.count)", "seconds": "\((ContinuousClock.now - started).components.seconds)"])
        return upgraded
    }

    /// The document's compact JSON; a file that is not JSON stops the upgrade, naming it.
    private static func compact(_ data: Data, key: StoreKey, directory: URL) throws -> [UInt8] {
        do {
            return try JSONCompaction.compact(data, what: key.path)
        } catch let error as DealersError {
            throw DealersError(.corruptStore, path: directory.appendingPathComponent(key.path).path,
                               "\(error.message); fix or remove it, then open the store again to upgrade it")
        }
    }

    /// Reads every old document again and compares it with what the new segment holds.
    private func verify(_ manifest: Manifest, documents: Int) throws {
        guard let set = try SegmentSet.open(manifest, folder: directory.appendingPathComponent(DocumentStore.segmentsFolder)) else {
            throw DealersError(.corruptStore, path: directory.path, "the upgraded segment disappeared")
        }
        var walker = try LegacyKeyWalker(root: directory, prefix: "")
        var seen = 0
        while let key = try walker.next() {
            guard let data = try StoreFiles.read(directory.appendingPathComponent(key.path)) else { continue }
            let expected = try Self.compact(data, key: key, directory: directory)
            guard let stored = try set.read(key), stored.elementsEqual(expected) else {
                throw DealersError(.corruptStore, path: directory.appendingPathComponent(key.path).path,
                                   "reads back differently from the upgraded store; the upgrade was stopped, nothing changed")
            }
            seen += 1
        }
        guard seen == documents else {
            throw DealersError(.corruptStore, path: directory.path, "the store changed during its upgrade; nothing changed")
        }
    }
}
