import DealersStore
import Foundation
import Logging
import PostgresNIO

/// Creating and dropping whole databases on a server, for throw-away stores (the benchmark's
/// stages, the tests). The role in `server` needs `CREATEDB`.
public enum PostgresDatabases {
    /// Creates an empty database `name` (dropping one of that name first when `replacing`) on the
    /// server of `server`, and returns its URL.
    /// - Throws: ``DealersError`` `.usage` for a name that is not `[a-z0-9_]+`, `.io` from the server.
    @discardableResult
    public static func create(_ name: String, on server: PostgresURL, replacing: Bool = false, logger: Logger) throws -> PostgresURL {
        try checkName(name)
        try withConnection(server, logger: logger) { connection in
            if replacing { try connection.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
            try connection.execute("CREATE DATABASE \(name)")
        }
        var url = server
        url.database = name
        return url
    }

    /// Drops the database `name` (closing its connections); one that does not exist is fine.
    public static func drop(_ name: String, on server: PostgresURL, logger: Logger) throws {
        try checkName(name)
        try withConnection(server, logger: logger) { try $0.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
    }

    private static func checkName(_ name: String) throws {
        guard !name.isEmpty, name.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }) else {
            throw DealersError(.usage, "\"\(name)\" is not a database name of lower-case letters, digits and _")
        }
    }

    private static func withConnection(_ url: PostgresURL, logger: Logger, _ body: (BlockingConnection) throws -> Void) throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        let connection = try BlockingConnection(url, on: group.next(), logger: logger)
        defer { connection.close() }
        try body(connection)
    }
}
