import DealersModel

/// Where the store is (`"store"` in `dealers.json`): the JSON store in the workspace's `store/`
/// folder (the default), or a PostgreSQL database shared by several workers.
public enum StoreSetting: Sendable, Equatable {
    /// `store/` in the workspace (docs/store.md).
    case json
    /// A PostgreSQL database (docs/store.md, "The PostgreSQL backend"): `url` is
    /// `postgres://user@host:port/database`; the password comes from `passwordFile` (relative to
    /// the workspace) or, without one, from `$DEALERS_PG_PASSWORD`; `leaseSeconds` is how long a
    /// worker's claim lasts without a renewal (docs/scaling.md, "Leases"; `nil`: the default).
    case postgresql(url: String, passwordFile: String?, leaseSeconds: Double? = nil)

    /// Parses `{"backend": "json"}` or `{"backend": "postgresql", "url": …, "passwordFile": …,
    /// "leaseSeconds": …}`.
    package static func parse(_ cursor: JSONCursor) throws -> StoreSetting {
        let object = try cursor.object(allowed: ["backend", "url", "passwordFile", "leaseSeconds"])
        let backend = try object["backend"].map { try $0.string() } ?? "json"
        switch backend {
        case "json":
            if let extra = object["url"] ?? object["passwordFile"] ?? object["leaseSeconds"] {
                throw extra.fail("only the \"postgresql\" backend takes a url, a passwordFile or leaseSeconds")
            }
            return .json
        case "postgresql":
            guard let urlCursor = object["url"] else {
                throw cursor.fail("the \"postgresql\" backend needs \"url\": \"postgres://user@host:port/database\"")
            }
            let url = try urlCursor.string()
            guard url.lowercased().hasPrefix("postgres://") || url.lowercased().hasPrefix("postgresql://") else {
                throw urlCursor.fail("expected postgres://user@host:port/database, found \"\(url)\"")
            }
            return .postgresql(url: url, passwordFile: try object["passwordFile"].map { try $0.string() },
                               leaseSeconds: try object["leaseSeconds"].map(leaseSeconds))
        default:
            throw (object["backend"] ?? cursor).fail("expected \"json\" or \"postgresql\", found \"\(backend)\"")
        }
    }

    /// A lease's length: seconds as every duration of the settings, and more than none.
    private static func leaseSeconds(_ cursor: JSONCursor) throws -> Double {
        let seconds = try Settings.seconds(cursor)
        guard seconds > 0 else { throw cursor.fail("expected a number of seconds greater than 0") }
        return seconds
    }
}
