import DealersStore

/// Claims of a shared inbox and once-only jobs, as PostgreSQL session advisory locks on the
/// writer connection — the connection whose transaction applies the claimed file.
///
/// A claim is `pg_try_advisory_lock(claims, id)`, `id` from the file's SHA-256: it never waits
/// (another worker's claim means "not yours now"), and it belongs to the session, so it ends
/// with the worker: killed, its connection closes and the server releases the claim in the same
/// moment it rolls back the uncommitted transaction; a host that vanishes is noticed by TCP
/// keepalive (about 25 s, set on the connection) — that is the claim's lease. A claim can
/// therefore never be taken over while the transaction it protects could still commit.
extension PostgresStore: WorkerCoordination {
    public func claimInput(checksum: String) throws -> Bool {
        let rows = try writerConnection().query(
            "SELECT pg_try_advisory_lock(\(AdvisoryLock.claimSpace), \(AdvisoryLock.id(hex: checksum)))")
        return try rows.first?.decode(Bool.self) ?? false
    }

    public func releaseInput(checksum: String) {
        _ = try? writerConnection().query(
            "SELECT pg_advisory_unlock(\(AdvisoryLock.claimSpace), \(AdvisoryLock.id(hex: checksum)))")
    }

    public func exclusively<T>(job: String, _ body: () throws -> T) throws -> T {
        let lock = "\(AdvisoryLock.nightlySpace), \(AdvisoryLock.id(text: job))"
        let connection = try writerConnection()
        try connection.execute("SELECT pg_advisory_lock(\(lock))")
        defer { _ = try? connection.query("SELECT pg_advisory_unlock(\(lock))") }
        return try body()
    }
}
