import DealersStore
import Foundation

/// `dealers store copy`: every document of one store into another, empty one (a JSON store folder
/// into PostgreSQL or back), as one transaction of the target, then checked on arrival.
public enum StoreCopy {
    /// What a copy did.
    public struct Result: Sendable {
        /// Documents copied (and found again, byte for byte, in the target).
        public var documents: Int
    }

    /// Copies, then re-reads every document of `source` from `target` and compares the bytes, and
    /// checks that the target holds no other key.
    /// - Throws: ``DealersError`` `.cannotCreate` when the target already holds documents,
    ///   `.corruptStore` naming the first document that differs after the copy.
    public static func copy(from source: any DocumentBackend, to target: any DocumentBackend) throws -> Result {
        var occupied: StoreKey?
        do {
            try target.forEachKey(under: "") { key in
                occupied = key
                throw CancellationError()
            }
        } catch is CancellationError {}
        if let occupied {
            throw DealersError(.cannotCreate, path: target.location(of: occupied), "the target store is not empty; copy only into an empty store")
        }
        let transaction = target.beginTransaction()
        var count = 0
        try source.forEachDocument(under: "") { key, bytes in
            try transaction.write(key, json: [UInt8](bytes))
            count += 1
        }
        try transaction.commit()
        // Checked on arrival: the same bytes under every key, and nothing else. One side is walked
        // in key order and the other read key by key; the walked side is the database when there
        // is one (a scan is a page per round trip, a read one round trip per document).
        let walkSource = source is PostgresStore && !(target is PostgresStore)
        let (walked, looked) = walkSource ? (source, target) : (target, source)
        var found = 0
        try walked.forEachDocument(under: "") { key, bytes in
            guard let other = try looked.read(key), other.elementsEqual(bytes) else {
                throw DealersError(.corruptStore, path: target.location(of: key), "differs from the source after the copy")
            }
            found += 1
        }
        if walkSource {
            found = 0
            try target.forEachKey(under: "") { _ in found += 1 }
        }
        guard found == count else {
            throw DealersError(.corruptStore, "the target store holds \(found) documents after copying \(count)")
        }
        return Result(documents: count)
    }
}
