import Foundation
import DealersSupport
import DealersWorkspace

/// The customer look-up's index, `portal/lookup/users.idx` in the workspace: one line per key a
/// user is found by (``LookupKey/keys(of:)``), `key TAB dealer TAB seller TAB document`, sorted
/// bytewise, in UTF-8 (`-` for no dealer or seller). Written whole with the reports
/// (``LookupIndexWriter``), replaced atomically; read by binary search in the mapped file, so a
/// search costs a few page reads whatever the number of users.
public struct LookupIndex: Sendable {
    /// The file.
    public let url: URL

    /// The index of a workspace.
    public init(workspace: Workspace) {
        url = workspace.portal.appendingPathComponent("lookup").appendingPathComponent("users.idx")
    }

    /// Whether the index has been written (the reports write it once the workspace has portal
    /// accounts; until then every search finds nobody, and the search page says why).
    public var isWritten: Bool { (try? FileSystem.exists(url.path)) ?? false }

    /// Whether the reports keep the index: only for a workspace with portal accounts
    /// (`portal/users.json`), since only the portal searches it; the index costs a report
    /// regeneration about a quarter of its time (docs/performance.md, "Customer look-up").
    /// Accounts added later get their index at the next regeneration of the reports.
    public static func isKept(for workspace: Workspace) -> Bool {
        (try? FileSystem.exists(workspace.portalAccounts.path)) ?? false
    }

    /// Whose customers a search may return: every one (`dealer` nil: the operator), a dealer's, or
    /// one seller's clients of a dealer.
    public struct Scope: Sendable, Equatable {
        /// The dealer (`nil`: every dealer).
        public var dealer: String?
        /// The seller code (`nil`: every client of the dealer).
        public var seller: String?

        /// A scope.
        public init(dealer: String?, seller: String?) {
            self.dealer = dealer
            self.seller = seller
        }

        func admits(dealer lineDealer: Substring, seller lineSeller: Substring) -> Bool {
            if let dealer, lineDealer != dealer { return false }
            if let seller, lineSeller != seller { return false }
            return true
        }
    }

    /// The documents of the users one of whose keys starts with the normalised `query`, in key
    /// order, each once, at most `limit`; none for a query that normalises to nothing or when
    /// the index has not been written yet.
    /// - Throws: ``DealersError`` `.io` when the file cannot be read.
    public func search(_ query: String, scope: Scope, limit: Int) throws -> [String] {
        let prefix = Array(LookupKey.normalise(query).utf8)
        guard !prefix.isEmpty, limit > 0, let file = try MappedFile.openIfPresent(url.path) else { return [] }
        let bytes = file.bytes
        var found: [String] = []
        var seen = Set<String>()
        var start = Self.firstLine(notBefore: prefix, in: bytes)
        while start < bytes.count, found.count < limit {
            let end = Self.lineEnd(from: start, in: bytes)
            let line = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
            guard line.starts(with: prefix) else { break }
            let fields = String(decoding: line, as: UTF8.self).split(separator: "\t", omittingEmptySubsequences: false)
            if fields.count == 4, scope.admits(dealer: fields[1], seller: fields[2]) {
                let document = String(fields[3])
                if seen.insert(document).inserted { found.append(document) }
            }
            start = end + 1
        }
        return found
    }

    /// The offset of the first line whose bytes are not below `prefix`: a binary search over
    /// byte offsets, where an offset stands for the first line that starts at or after it.
    private static func firstLine(notBefore prefix: [UInt8], in bytes: UnsafeRawBufferPointer) -> Int {
        func lineStart(_ offset: Int) -> Int {
            guard offset > 0 else { return 0 }
            return lineEnd(from: offset - 1, in: bytes) + 1
        }
        func notBelow(_ offset: Int) -> Bool {
            let start = lineStart(offset)
            guard start < bytes.count else { return true }
            return !UnsafeRawBufferPointer(rebasing: bytes[start..<lineEnd(from: start, in: bytes)]).lexicographicallyPrecedes(prefix)
        }
        var low = 0, high = bytes.count
        while low < high {
            let middle = (low + high) / 2
            if notBelow(middle) { high = middle } else { low = middle + 1 }
        }
        return lineStart(low)
    }

    private static func lineEnd(from start: Int, in bytes: UnsafeRawBufferPointer) -> Int {
        var index = start
        while index < bytes.count, bytes[index] != 0x0A { index += 1 }
        return index
    }
}
