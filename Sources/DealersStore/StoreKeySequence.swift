import Foundation
import Logging

/// The keys under a folder of a store, read lazily from its segments (see ``DocumentStore/keys(under:)``).
///
/// Holds one position per segment, never the key set. A sequence is iterated once: it reads
/// the store as it was when the sequence was made.
public struct StoreKeySequence: Sequence {
    private let cursor: DocumentCursor
    private let logger: Logger

    init(cursor: DocumentCursor, logger: Logger) {
        self.cursor = cursor
        self.logger = logger
    }

    public func makeIterator() -> Iterator {
        Iterator(cursor: cursor, logger: logger)
    }

    /// Yields keys in byte order; logs a damaged segment and ends there.
    public struct Iterator: IteratorProtocol {
        private var cursor: DocumentCursor
        private let logger: Logger
        private var done = false

        init(cursor: DocumentCursor, logger: Logger) {
            self.cursor = cursor
            self.logger = logger
        }

        public mutating func next() -> StoreKey? {
            guard !done else { return nil }
            do {
                guard let (segment, entry) = try cursor.next() else { done = true; return nil }
                return StoreKey(trusted: String(decoding: segment.key(of: entry), as: UTF8.self))
            } catch {
                logger.error("stopping at a damaged segment", metadata: ["error": "\(error)"])
                done = true
                return nil
            }
        }
    }
}
