import DealersStore
import Foundation
import Logging
import Metrics

/// The leases one ``PostgresStore`` handle holds in `dealers_claims`, and the heartbeat that
/// renews them (docs/scaling.md, "Leases").
///
/// A lease is a row (key, worker, lease until, fencing token). Taking one is a conditional
/// upsert: it inserts the row, or takes it over when its `lease_until` has passed, in one
/// statement, so two workers never both get it. Every time is the database's clock
/// (`clock_timestamp()`), never the worker's, so a worker whose clock is minutes off neither
/// steals a live lease nor keeps a dead one. The token comes from a sequence: each claim gets a
/// new, larger one, and a commit checks (inside its SQL transaction, ``fence(on:)``) that each
/// lease the handle holds still carries its token — a worker whose lease was taken over while it
/// was stopped or cut off cannot commit.
///
/// The keeper has a connection of its own (claims and renewals never ride inside a file's
/// transaction) and a thread that renews every held lease each third of the lease's length.
/// When the heartbeat finds a lease lost — taken over by another worker, or not renewed for a
/// whole lease's length (the server or the link gone: a renewal waits a lease's length at
/// most) — it calls `onLost`, which closes the handle's other connections: the worker gives the
/// file up by itself, whatever statement it was waiting on, instead of carrying on until its
/// commit is refused.
///
/// `@unchecked Sendable`: every mutable member, and the connection, is used under `condition`.
final class LeaseKeeper: @unchecked Sendable {
    /// This worker's name in `dealers_claims.worker`: host, process and a random part.
    let worker: String
    /// How long a lease lasts after each renewal.
    let seconds: Double
    private let connection: BlockingConnection
    private let logger: Logger
    private let condition = NSCondition()
    /// Held leases: key → fencing token.
    private var held: [String: Int64] = [:]
    /// How many times each held lease was taken by this handle and not yet released (a job run
    /// inside the same job, the reports regenerating the sync feed, takes it again).
    private var depth: [String: Int] = [:]
    private var stopping = false
    private var running = true
    /// When every held lease was last renewed (this host's monotonic clock, which only measures
    /// how long since: the lease's own times are the database's).
    private var renewedAt = DispatchTime.now()
    /// What to do, once, when a lease is lost.
    private let onLost: @Sendable (String) -> Void
    private var lost = false

    /// Lease takeovers this handle made (another worker's lease had passed).
    private(set) var takeovers = 0

    init(connection: BlockingConnection, seconds: Double, logger: Logger, onLost: @escaping @Sendable (String) -> Void = { _ in }) {
        self.connection = connection
        self.seconds = seconds
        self.logger = logger
        self.onLost = onLost
        let host = ProcessInfo.processInfo.hostName
        worker = "\(host):\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString.prefix(8).lowercased())"
        Thread { [self] in heartbeat() }.start()
    }

    /// Takes the lease on `key`, or says another worker holds it (`false`); a lease this handle
    /// holds already is taken once more (released when every taking is).
    /// - Throws: ``DealersError`` `.io` from the server.
    func claim(_ key: String) throws -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if held[key] != nil {
            depth[key, default: 1] += 1
            return true
        }
        if lost {
            throw DealersError(.locked, path: connection.url.description, "this worker lost a lease and gave its work up; start it again")
        }
        var binds = PostgresBindingsBuilder()
        binds.append(key)
        binds.append(worker)
        binds.append(seconds)
        // One statement of its own: met by a concurrent one (a deadlock), it is simply sent again.
        let rows = try ConflictRetry.run("the lease on \(key)", doing: "asking for it", logger: logger) { try connection.query("""
            WITH previous AS (SELECT worker FROM dealers_claims WHERE key = $1)
            INSERT INTO dealers_claims AS c (key, worker, lease_until, token)
            VALUES ($1, $2, clock_timestamp() + $3::float8 * interval '1 second', nextval('dealers_fencing'))
            ON CONFLICT (key) DO UPDATE SET worker = EXCLUDED.worker, lease_until = EXCLUDED.lease_until, token = EXCLUDED.token
                WHERE c.lease_until < clock_timestamp()
            RETURNING c.token, (SELECT worker FROM previous)
            """, binds.bindings) }
        guard let row = rows.first else { return false }
        let (token, previous) = try row.decode((Int64, String?).self)
        if let previous {
            takeovers += 1
            Counter(label: LeaseTakeoverMetric.name).increment()
            logger.warning("took over the lease on \(key) from \(previous) (its lease had passed)")
        }
        if held.isEmpty { renewedAt = DispatchTime.now() }
        held[key] = token
        depth[key] = 1
        return true
    }

    /// Ends the lease on `key` (when this handle still holds it).
    func release(_ key: String) {
        condition.lock()
        defer { condition.unlock() }
        let remaining = (depth[key] ?? 1) - 1
        guard remaining <= 0 else {
            depth[key] = remaining
            return
        }
        depth[key] = nil
        guard let token = held.removeValue(forKey: key) else { return }
        var binds = PostgresBindingsBuilder()
        binds.append(key)
        binds.append(token)
        _ = try? connection.query("DELETE FROM dealers_claims WHERE key = $1 AND token = $2", binds.bindings)
    }

    /// Takes the lease on `key`, waiting (polling a tenth of the lease, at most a second apart)
    /// while another worker holds it.
    func claimWaiting(_ key: String) throws {
        while try !claim(key) {
            Thread.sleep(forTimeInterval: min(1, seconds / 10))
        }
    }

    /// Inside an open SQL transaction on `transaction`: checks that every lease this handle holds
    /// still carries its token, and extends them (locking their rows until the commit, so no
    /// takeover can slip between this check and the `COMMIT`).
    /// - Throws: ``DealersError`` `.locked` naming the leases that were taken over.
    func fence(on transaction: BlockingConnection) throws {
        try renew(snapshot(), on: transaction)
    }

    /// Renews every held lease now, on the keeper's connection.
    /// - Throws: ``DealersError`` `.locked` naming the leases that were taken over.
    func confirm() throws {
        condition.lock()
        defer { condition.unlock() }
        try renew(held.sorted { $0.key < $1.key }.map { (key: $0.key, token: $0.value) }, on: connection)
    }

    /// Extends the leases whose rows still carry their tokens; throws naming the others. The
    /// rows are locked in key order first (the heartbeat's statement and a commit's fence may
    /// renew the same leases at once, on two connections: in one order they cannot deadlock).
    /// - Parameter deadline: how long to wait for the server (``BlockingConnection/query(_:_:deadline:)``).
    private func renew(_ leases: [(key: String, token: Int64)], on connection: BlockingConnection, deadline: Double? = nil) throws {
        guard !leases.isEmpty else { return }
        var binds = PostgresBindingsBuilder()
        binds.append(leases.map(\.key))
        binds.append(leases.map(\.token))
        binds.append(seconds)
        let rows = try connection.query("""
            UPDATE dealers_claims c SET lease_until = clock_timestamp() + $3::float8 * interval '1 second'
            FROM (SELECT key FROM dealers_claims WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE) AS locked,
                unnest($1::text[], $2::bigint[]) AS h(key, token)
            WHERE c.key = locked.key AND c.key = h.key AND c.token = h.token
            RETURNING c.key
            """, binds.bindings, deadline: deadline)
        let kept = Set(try rows.map { try $0.decode(String.self) })
        let gone = leases.map(\.key).filter { !kept.contains($0) }
        guard gone.isEmpty else {
            throw DealersError(.locked, path: connection.url.description,
                               "the lease on \(gone.joined(separator: ", ")) passed and another worker took it over; nothing was committed")
        }
    }

    private func snapshot() -> [(key: String, token: Int64)] {
        condition.lock()
        defer { condition.unlock() }
        return held.sorted { $0.key < $1.key }.map { (key: $0.key, token: $0.value) }
    }

    /// Stops the heartbeat, releases every lease and closes the connection.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while running { condition.wait() }
        for (key, token) in held {
            var binds = PostgresBindingsBuilder()
            binds.append(key)
            binds.append(token)
            _ = try? connection.query("DELETE FROM dealers_claims WHERE key = $1 AND token = $2", binds.bindings)
        }
        held.removeAll()
        depth.removeAll()
        condition.unlock()
        connection.close()
    }

    /// Renews each held lease every third of its length until ``stop()``.
    private func heartbeat() {
        condition.lock()
        defer {
            running = false
            condition.broadcast()
            condition.unlock()
        }
        while !stopping {
            _ = condition.wait(until: Date(timeIntervalSinceNow: seconds / 3))
            if stopping { return }
            renewHeld()
        }
    }

    /// One beat (under `condition`): renews every held lease in one statement, waiting a lease's
    /// length at most; on a lease taken over, or none renewed for a lease's length, gives
    /// the held leases up as lost.
    private func renewHeld() {
        guard !held.isEmpty, !lost else { return }
        let leases = held.sorted { $0.key < $1.key }
        do {
            try renew(leases.map { (key: $0.key, token: $0.value) }, on: connection, deadline: max(seconds, 1))
            renewedAt = DispatchTime.now()
        } catch let error as DealersError where error.kind == .locked {
            giveUp(error.message)
        } catch {
            let since = Double(DispatchTime.now().uptimeNanoseconds - renewedAt.uptimeNanoseconds) / 1e9
            logger.warning("could not renew the leases on \(leases.map(\.key).joined(separator: ", ")): \(error)")
            if since >= seconds {
                giveUp("the lease on \(leases.map(\.key).joined(separator: ", ")) could not be renewed for \(Int(since)) s and has passed; nothing was committed")
            }
        }
    }

    /// Marks the held leases lost and ends the handle's other connections.
    private func giveUp(_ reason: String) {
        lost = true
        logger.error("\(reason) (this worker gives its work up)")
        onLost(reason)
    }
}

/// The counter of lease takeovers (docs/scaling.md, "Metrics"), recorded through swift-metrics' facade.
package enum LeaseTakeoverMetric {
    /// Leases this worker took over because another worker's had passed.
    package static let name = "dealers_lease_takeovers_total"
}
