import DealersStore

/// Claims of a shared inbox and once-only jobs, as leases in `dealers_claims` (``LeaseKeeper``).
///
/// A claim is the lease on `input/<sha256 of the file>`: it never waits (another worker's live
/// lease means "not yours now"); it is renewed by the handle's heartbeat while the file is
/// applied, and taken over by another worker once it has passed (a worker killed, stopped, or
/// cut off from the database). Whatever the worker that lost it does next, its commit is
/// refused: each transaction checks its handle's leases before `COMMIT`
/// (``LeaseKeeper/fence(on:)``), and the pipeline confirms them before answering a file that
/// needed no commit (``confirmClaims()``).
extension PostgresStore: WorkerCoordination {
    public func claimInput(checksum: String) throws -> Bool {
        try leaseKeeper().claim("input/\(checksum)")
    }

    public func releaseInput(checksum: String) {
        try? leaseKeeper().release("input/\(checksum)")
    }

    public func exclusively<T>(job: String, _ body: () throws -> T) throws -> T {
        let keeper = try leaseKeeper()
        let key = "job/\(job)"
        try keeper.claimWaiting(key)
        defer { keeper.release(key) }
        return try body()
    }

    public func confirmClaims() throws {
        try leases?.confirm()
    }
}
