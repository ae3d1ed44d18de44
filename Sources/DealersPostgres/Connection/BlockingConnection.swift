import DealersStore
import Foundation
import Logging
import PostgresNIO

/// One PostgreSQL connection used synchronously: each statement is sent and waited for.
///
/// `dealers` is a synchronous program (the pipeline reads a file row by row and writes through
/// the store as it goes; the store interface returns values, it does not suspend), while
/// postgres-nio only talks through SwiftNIO futures and `async` functions. The bridge is here and
/// nowhere else: every connection of a ``PostgresStore`` lives on the store's own one-thread
/// event loop group (``PostgresStore`` creates it and shuts it down at close), and the calling
/// thread blocks on each statement's future with `wait()`. That is safe because the caller is
/// never that event loop's thread (NIO traps a `wait()` on its own loop), costs one thread per
/// open store, and keeps the rest of the program free of `async` and of NIO types.
///
/// Statements whose answer the caller does not need (a transaction's batches of writes) may be
/// *sent* without waiting (``send(_:_:uniqueViolationIsConflict:)``): the connection runs them in
/// order while the caller goes on, and the next statement waited for (``query(_:_:deadline:)``)
/// first waits for them and throws the first one's error.
///
/// Every connection's socket watches its peer (``DeadPeerDetection``): over a cut link a
/// statement fails within about a lease's length instead of waiting for TCP to give up.
///
/// `@unchecked Sendable`: statements are sent from one thread at a time; ``sever(_:)`` may be
/// called from another (the lease heartbeat), and its reason is kept under a lock.
final class BlockingConnection: @unchecked Sendable {
    private let connection: PostgresConnection
    /// Statements sent and not yet waited for, in order, each with whether its unique violation
    /// is a ``StoreConflict``.
    private var inFlight: [(EventLoopFuture<PostgresQueryResult>, uniqueViolationIsConflict: Bool, number: Int)] = []
    /// Statements sent so far (``send(_:_:uniqueViolationIsConflict:)`` and ``startQuery(_:_:)``): the next one's number.
    private var sentCount = 0
    private let logger: Logger
    private let severed = NSLock()
    /// Why ``sever(_:)`` closed the connection, if it did.
    private var severReason: String?
    /// The server, for messages.
    let url: PostgresURL
    /// Whether a statement sent with `uniqueViolationIsConflict` met a duplicate key since
    /// ``takeDuplicateKeyMet()`` last asked.
    private var duplicateKeyMet = false

    /// Connects and authenticates.
    /// - Throws: ``DealersError`` `.io` naming the server when it cannot be reached or refuses
    ///   the role, password or database.
    init(_ url: PostgresURL, on loop: any EventLoop, logger: Logger) throws {
        self.url = url
        self.logger = logger
        do {
            var bootstrap = ClientBootstrap(group: loop).connectTimeout(.seconds(10))
            for (option, value) in DeadPeerDetection(leaseSeconds: url.leaseSeconds).channelOptions {
                bootstrap = bootstrap.channelOption(option, value: value)
            }
            let channel = try bootstrap.connect(host: url.host, port: url.port).wait()
            let configuration = PostgresConnection.Configuration(establishedChannel: channel, username: url.user,
                                                                 password: url.password, database: url.database)
            connection = try PostgresConnection.connect(on: loop, configuration: configuration, id: 1, logger: logger).wait()
        } catch {
            throw DealersError(.io, path: url.description, "cannot connect to PostgreSQL: \(BlockingConnection.reason(error))")
        }
    }

    /// Runs one statement and returns all its rows (use for statements whose result is small:
    /// a page of a scan, a count, nothing).
    /// - Throws: ``DealersError`` `.io` with the server's message and SQLSTATE.
    /// - Throws: ``StoreConflict`` when the server rolled the transaction back for a deadlock or
    ///   a serialization failure (doing the work again is safe).
    /// - Parameter deadline: seconds after which a statement still unanswered is given up: the
    ///   connection is closed (it cannot carry another statement while one is outstanding) and
    ///   `.io` thrown. `nil`: wait as long as the connection is open (a lock wait included).
    @discardableResult
    func query(_ sql: String, _ binds: PostgresBindings = PostgresBindings(), deadline: Double? = nil) throws -> [PostgresRow] {
        try drain()
        do {
            return try waitWatchingConnection(connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger),
                                              deadline: deadline).rows
        } catch {
            throw mapped(error, uniqueViolationIsConflict: false)
        }
    }

    /// Sends a statement without waiting for it (its rows are dropped); its error comes from the
    /// next ``query(_:_:)`` or ``drain()``, or from a later `send` that waits for it.
    /// At most ``maxInFlight`` statements wait to be answered: past it, the oldest is waited for,
    /// so that a server slower than the rules holds the client's memory to a few batches.
    /// - Parameter uniqueViolationIsConflict: whether a duplicate key is another transaction's
    ///   document made meanwhile (a ``StoreConflict``), not a fault.
    /// - Throws: the error of a statement waited for (see ``drain()``).
    func send(_ sql: String, _ binds: PostgresBindings, uniqueViolationIsConflict: Bool = false) throws {
        if inFlight.count >= Self.maxInFlight { try waitForOldest() }
        inFlight.append((connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger), uniqueViolationIsConflict, sentCount))
        sentCount += 1
    }

    /// A statement sent ahead whose rows are wanted later (``startQuery(_:_:)``).
    struct PendingRows {
        fileprivate let future: EventLoopFuture<PostgresQueryResult>
        /// Its place among the statements sent: those before it are answered first.
        fileprivate let number: Int
    }

    /// Sends a statement whose rows ``finish(_:)`` waits for later, without waiting now: the
    /// server answers it after the statements sent before it, while the caller goes on.
    func startQuery(_ sql: String, _ binds: PostgresBindings) -> PendingRows {
        defer { sentCount += 1 }
        return PendingRows(future: connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger), number: sentCount)
    }

    /// The rows of a statement sent ahead, after the statements sent before it (whose first
    /// error is thrown, as ``drain()`` does).
    /// - Throws: ``DealersError`` `.io`, ``StoreConflict``, as ``query(_:_:deadline:)``.
    func finish(_ pending: PendingRows) throws -> [PostgresRow] {
        while let oldest = inFlight.first, oldest.number < pending.number { try waitForOldest() }
        do {
            return try waitWatchingConnection(pending.future, deadline: nil).rows
        } catch {
            throw mapped(error, uniqueViolationIsConflict: false)
        }
    }

    /// Statements sent and not yet answered, at most (each a batch of up to a few thousand
    /// documents).
    static let maxInFlight = 8

    /// Waits for the oldest statement sent; on its failure waits for the rest too (they failed
    /// only because the server's transaction was aborted) and throws the first.
    private func waitForOldest() throws {
        let (future, uniqueViolationIsConflict, _) = inFlight.removeFirst()
        do {
            _ = try waitWatchingConnection(future, deadline: nil)
        } catch {
            let first = mapped(error, uniqueViolationIsConflict: uniqueViolationIsConflict)
            try? drain()
            throw first
        }
    }

    /// Waits for every statement sent; throws the first one's error (the later ones then failed
    /// only because the server's transaction was already aborted).
    func drain() throws {
        guard !inFlight.isEmpty else { return }
        let sent = inFlight
        inFlight.removeAll()
        var first: (any Error)?
        for (future, uniqueViolationIsConflict, _) in sent {
            do {
                _ = try waitWatchingConnection(future, deadline: nil)
            } catch {
                if first == nil { first = mapped(error, uniqueViolationIsConflict: uniqueViolationIsConflict) }
            }
        }
        if let first { throw first }
    }

    /// What a statement's failure means to the caller.
    private func mapped(_ error: any Error, uniqueViolationIsConflict: Bool) -> any Error {
        if error is DealersError { return error }
        if uniqueViolationIsConflict && Self.sqlState(error) == "23505" {
            duplicateKeyMet = true
            return StoreConflict(Self.reason(error))
        }
        if Self.isRetryable(error) { return StoreConflict(Self.reason(error)) }
        if let reason = severedBecause { return DealersError(.io, path: url.description, "PostgreSQL: \(reason)") }
        return DealersError(.io, path: url.description, "PostgreSQL: \(BlockingConnection.reason(error))")
    }

    /// Whether a duplicate key was met (see ``send(_:_:uniqueViolationIsConflict:)``) since the
    /// last call; asking forgets it.
    func takeDuplicateKeyMet() -> Bool {
        defer { duplicateKeyMet = false }
        return duplicateKeyMet
    }

    /// How often a waiting statement looks whether its connection is still open.
    private static let watchInterval = 1.0

    /// Waits for `future`, but not past the end of its connection: a statement sent on a session
    /// the server ended (while this process was stopped, say) fails within ``watchInterval``
    /// instead of waiting for an answer that never comes. A statement that waits for a lock
    /// waits as long as the lock is held.
    private func waitWatchingConnection<T: Sendable>(_ future: EventLoopFuture<T>, deadline: Double?) throws -> T {
        let done = DispatchSemaphore(value: 0)
        future.whenComplete { _ in done.signal() }
        let start = DispatchTime.now()
        while done.wait(timeout: .now() + min(Self.watchInterval, deadline ?? Self.watchInterval)) == .timedOut {
            if connection.isClosed {
                throw DealersError(.io, path: url.description,
                                   "PostgreSQL: \(severedBecause ?? "the server or the network ended the session while a statement waited for its answer")")
            }
            if let deadline, Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 >= deadline {
                let reason = "no answer within \(deadline) s (the server or the network is gone)"
                sever(reason)
                throw DealersError(.io, path: url.description, "PostgreSQL: \(reason)")
            }
        }
        return try future.wait()
    }

    /// Closes the connection from any thread, so that a statement waiting on it fails with
    /// `reason` (the heartbeat does this when the worker's lease is lost).
    func sever(_ reason: String) {
        severed.lock()
        if severReason == nil { severReason = reason }
        severed.unlock()
        let closing: EventLoopFuture<Void> = connection.close()
        _ = closing
    }

    private var severedBecause: String? {
        severed.lock()
        defer { severed.unlock() }
        return severReason
    }

    /// Runs one statement with no parameters.
    func execute(_ sql: String) throws {
        try query(sql)
    }

    /// Whether the connection is still open (false once the server or the network dropped it).
    var isOpen: Bool { !connection.isClosed }

    /// Closes the connection (the server rolls back any open transaction).
    func close() {
        try? drain()
        try? connection.close().wait()
    }

    /// The server's message and SQLSTATE, or the error's own text.
    static func reason(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let info = error.serverInfo, let message = info[.message] {
                return "\(message) (SQLSTATE \(info[.sqlState] ?? "?"))"
            }
            if let underlying = error.underlying { return "\(underlying)" }
            return "\(error.code)"
        }
        return "\(error)"
    }

    /// Whether an error is the server refusing a statement because the transaction must be retried
    /// (serialization failure, deadlock).
    static func isRetryable(_ error: any Error) -> Bool {
        let state = sqlState(error)
        return state == "40001" || state == "40P01"
    }

    /// The server's SQLSTATE for a statement it refused.
    private static func sqlState(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }
}
