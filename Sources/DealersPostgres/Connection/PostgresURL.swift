import DealersStore
import Foundation

/// Where a PostgreSQL store is: `postgres://user@host:port/database`, the password kept apart
/// (read from a file or `DEALERS_PG_PASSWORD`, never from the URL, never logged).
public struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    /// The role to connect as.
    public var user: String
    /// The server's host name or address.
    public var host: String
    /// The server's TCP port (5432 unless the URL says otherwise).
    public var port: Int
    /// The database holding the store.
    public var database: String
    /// The password, when one is needed; never part of ``description``.
    public var password: String?
    /// How long a worker's claim lasts without a renewal, in seconds (`"leaseSeconds"` of the
    /// store in `dealers.json`; docs/scaling.md, "Leases"). Not part of the URL's text.
    public var leaseSeconds: Double = PostgresURL.defaultLeaseSeconds

    /// The lease unless `dealers.json` sets another.
    public static let defaultLeaseSeconds: Double = 30

    /// How long the server lets a worker's transaction sit idle before it ends the session:
    /// twice the lease, and at least 10 s (a busy machine pauses between two statements of a
    /// file; a stopped worker must not keep the writer lock for ever).
    public var idleInTransactionSeconds: Double { max(2 * leaseSeconds, 10) }

    /// The environment variable a password may come from.
    public static let passwordVariable = "DEALERS_PG_PASSWORD"

    /// Parses `postgres://user@host:port/database` (or `postgresql://…`).
    /// - Parameters:
    ///   - passwordFile: a file whose first line is the password (takes precedence).
    ///   - environment: where ``passwordVariable`` is looked up.
    /// - Throws: ``DealersError`` `.config` naming the URL (without any password) and what is
    ///   expected; `.config` when the password file cannot be read.
    public init(_ text: String, passwordFile: String? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let expected = "expected postgres://user@host[:port]/database"
        guard let components = URLComponents(string: text),
              let scheme = components.scheme, ["postgres", "postgresql"].contains(scheme.lowercased()) else {
            throw DealersError(.config, "the store URL \"\(PostgresURL.masked(text))\" is not a PostgreSQL URL: \(expected)")
        }
        guard components.query == nil, components.fragment == nil else {
            throw DealersError(.config, "the store URL \"\(PostgresURL.masked(text))\" has options after \"?\" or \"#\", which are not supported (the connection is plain TCP): \(expected)")
        }
        if components.password != nil {
            throw DealersError(.config, "the store URL \"\(PostgresURL.masked(text))\" holds a password: put it in a file (\"passwordFile\") or in $\(Self.passwordVariable) instead")
        }
        guard let user = components.user, !user.isEmpty else {
            throw DealersError(.config, "the store URL \"\(text)\" names no user: \(expected)")
        }
        guard let host = components.host, !host.isEmpty else {
            throw DealersError(.config, "the store URL \"\(text)\" names no host: \(expected)")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw DealersError(.config, "the store URL \"\(text)\" names no database: \(expected)")
        }
        self.user = user
        self.host = host
        self.port = components.port ?? 5432
        self.database = database
        if let passwordFile {
            do {
                let content = try String(contentsOf: URL(fileURLWithPath: passwordFile), encoding: .utf8)
                password = content.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init)
            } catch {
                throw DealersError(.config, path: passwordFile, "the store's password file cannot be read: \(error.localizedDescription)")
            }
        } else {
            password = environment[Self.passwordVariable]
        }
    }

    /// The URL without its password (the password is never in it).
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    /// Whether a store location in a setting or an argument names PostgreSQL rather than a folder.
    public static func isPostgres(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
    }

    /// `text` with anything between `:` and `@` of its authority replaced by `***`.
    static func masked(_ text: String) -> String {
        guard let at = text.firstIndex(of: "@"), let schemeEnd = text.range(of: "://"),
              let colon = text[schemeEnd.upperBound..<at].firstIndex(of: ":") else { return text }
        return String(text[..<text.index(after: colon)]) + "***" + String(text[at...])
    }
}
