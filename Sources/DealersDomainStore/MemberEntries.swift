import DealersStore

/// The `members/<CODE>/<bucket>/<DOCUMENT>.json` keys of a store, for `store verify`, held as
/// their three parts (short strings, kept inline) rather than as a million path strings: about
/// half the memory, and no sort of every path at the end.
package struct MemberEntries: Sendable {
    /// One well-formed member key.
    private struct Entry: Hashable, Sendable {
        package var collective: String
        package var bucket: String
        /// The key's last component without `.json`.
        package var document: String

        package var path: String { "members/\(collective)/\(bucket)/\(document).json" }
    }

    private var entries = Set<Entry>()
    /// Keys of four components whose last one does not end in `.json`: kept as they are.
    private var odd: [String] = []
    /// Keys that are not `members/<CODE>/<bucket>/<NAME>` at all.
    private var unexpected: [String] = []

    /// The number of member keys.
    package var count: Int { entries.count + odd.count + unexpected.count }

    /// Reads every key under `members/`.
    package init(store: any DocumentBackend) throws {
        try store.forEachKey(under: "members") { key in
            let path = key.path
            let parts = path.split(separator: "/")
            guard parts.count == 4 else { unexpected.append(path); return }
            guard parts[3].hasSuffix(".json") else { odd.append(path); return }
            entries.insert(Entry(collective: String(parts[1]), bucket: String(parts[2]),
                                 document: String(parts[3].dropLast(".json".count))))
        }
    }

    /// Whether the member key of a user in a collective exists (``StoreLayout/member(_:_:)``).
    package func contains(collective: String, document: String) -> Bool {
        entries.contains(Entry(collective: StoreLayout.safe(collective), bucket: StoreLayout.bucket(document),
                               document: StoreLayout.safe(document)))
    }

    /// The problems of the member keys, in key order: keys of another shape, and members whose
    /// user is not in that collective (`collectiveOf` gives a user's collective by document).
    package func problems(collectiveOf: (String) -> String?) -> [String] {
        var found: [(path: String, problem: String)] = unexpected.map { ($0, "\($0): unexpected member entry") }
        func check(_ path: String, collective: String, document: String) {
            if collectiveOf(document) != collective { found.append((path, "\(path): \(document) is not a member of \(collective)")) }
        }
        for entry in entries { check(entry.path, collective: entry.collective, document: entry.document) }
        for path in odd {
            let parts = path.split(separator: "/")
            check(path, collective: String(parts[1]), document: String(parts[3].dropLast(".json".count)))
        }
        return found.sorted { $0.path < $1.path }.map(\.problem)
    }
}
