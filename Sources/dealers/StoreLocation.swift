import DealersCore
import DealersPostgres
import Foundation
import Logging

/// Where a store is, as the CLI opens it: the JSON store in a folder, or a PostgreSQL database
/// (`"store"` in `dealers.json`, or `store copy --to`).
enum StoreLocation: CustomStringConvertible, Sendable {
    /// A JSON store folder.
    case folder(URL)
    /// A PostgreSQL database.
    case postgres(PostgresURL)

    /// The workspace's store, as its settings say.
    static func of(_ workspace: Workspace) throws -> StoreLocation {
        switch workspace.settings.store {
        case .json:
            return .folder(workspace.store)
        case .postgresql(let url, let passwordFile, let leaseSeconds):
            let file = passwordFile.map { $0.hasPrefix("/") ? $0 : workspace.root.appendingPathComponent($0).path }
            var location = try PostgresURL(url, passwordFile: file)
            if let leaseSeconds { location.leaseSeconds = leaseSeconds }
            return .postgres(location)
        }
    }

    /// A location given on the command line: a `postgres://` URL (password from
    /// `$DEALERS_PG_PASSWORD`) or a folder path.
    static func parse(_ text: String) throws -> StoreLocation {
        if PostgresURL.isPostgres(text) { return .postgres(try PostgresURL(text)) }
        return .folder(URL(fileURLWithPath: text, isDirectory: true))
    }

    var description: String {
        switch self {
        case .folder(let url): url.path
        case .postgres(let url): url.description
        }
    }

    /// Opens the store for writing (for the JSON store: taking its lock, waiting when `wait`).
    func openForWriting(wait: Bool, waitTimeout: Double? = nil, logger: Logger) throws -> any DocumentBackend {
        switch self {
        case .folder(let url): try DocumentStore(directory: url, wait: wait, waitTimeout: waitTimeout, logger: logger)
        case .postgres(let url): try PostgresStore(url: url, logger: logger)
        }
    }

    /// Opens a read-only view of one committed state.
    func openReadOnly(logger: Logger) throws -> any DocumentBackend {
        switch self {
        case .folder(let url): try DocumentStore.openReadOnly(directory: url, logger: logger)
        case .postgres(let url): try PostgresStore.openReadOnly(url, logger: logger)
        }
    }
}
