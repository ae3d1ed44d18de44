import Foundation
import Testing
import Logging
import PostgresNIO
import DealersTestSupport
@testable import DealersPostgres

/// A fresh database on the test server (`DEALERS_TEST_POSTGRES_URL`, set by scripts/test.sh),
/// dropped by ``drop()``. Without the variable, the suites that need one are skipped and say so.
struct TestDatabase {
    /// The server's URL, when the tests have one.
    static var serverURL: String? { ProcessInfo.processInfo.environment["DEALERS_TEST_POSTGRES_URL"] }
    /// Whether a test server is configured.
    static var isAvailable: Bool { serverURL != nil }
    /// Why a suite is skipped.
    static let skipReason: Comment = "needs PostgreSQL: set DEALERS_TEST_POSTGRES_URL (scripts/test.sh starts a throw-away server)"

    /// The new database's URL (text, as `dealers.json` takes it).
    let url: String
    let name: String
    /// A private server's database, which goes with its server (``drop()`` leaves it alone).
    private var ownServer = false

    init() throws {
        let server = try PostgresURL(Self.serverURL ?? "")
        let database = "dealers_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try PostgresDatabases.create(database, on: server, logger: quietLogger)
        name = database
        url = "postgres://\(server.user)@\(server.host):\(server.port)/\(database)"
    }

    /// The database of a ``PrivateServer`` at `url`.
    init(existing url: String) throws {
        self.url = url
        name = try PostgresURL(url).database
        ownServer = true
    }

    /// The database as a ``PostgresURL``.
    var postgresURL: PostgresURL { get throws { try PostgresURL(url) } }

    /// Runs SQL on the test database itself.
    func sql(_ statement: String) throws -> [String] {
        var result: [String] = []
        try Self.admin(try postgresURL) { connection in
            result = try connection.query(statement).map { try $0.decode(String.self) }
        }
        return result
    }

    /// Waits until no worker's lease is live (a killed worker's passes after its `leaseSeconds`).
    func leasesPassed() throws -> Bool {
        try eventually { try sql("SELECT count(*)::text FROM dealers_claims WHERE lease_until > clock_timestamp()") == ["0"] }
    }

    /// Waits (up to a minute) until a session of this database waits for a lock: a file waiting
    /// for another transaction's rows.
    func someSessionWaitsForALock() throws -> Bool {
        try eventually(timeout: .seconds(60)) {
            try sql("SELECT count(*)::text FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") != ["0"]
        }
    }

    func drop() {
        guard !ownServer, let server = try? PostgresURL(Self.serverURL ?? "") else { return }
        try? PostgresDatabases.drop(name, on: server, logger: quietLogger)
    }

    private static func admin(_ url: PostgresURL, _ body: (BlockingConnection) throws -> Void) throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        let connection = try BlockingConnection(url, on: group.next(), logger: Logger(label: "tests") { _ in SwiftLogNoOpLogHandler() })
        defer { connection.close() }
        try body(connection)
    }
}

/// A logger that says nothing.
let quietLogger = Logger(label: "tests") { _ in SwiftLogNoOpLogHandler() }
