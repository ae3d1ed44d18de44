/// What a backend shared by several worker processes (`run`/`watch` on one inbox, on any hosts)
/// offers so that each input is handled by one of them. A store only one process writes (the
/// JSON store, whose lock admits one writer) does not implement it. A claim is a lease: kept
/// alive while its process works, taken over by another worker when it passes.
public protocol WorkerCoordination: AnyObject {
    /// Claims the input with this content checksum for this process, or says another worker holds
    /// it (`false`: leave the file alone for now). A claim ends with ``releaseInput(checksum:)``,
    /// or when its lease passes (the process died, stopped, or lost the store): then another
    /// worker may take it over.
    func claimInput(checksum: String) throws -> Bool
    /// Ends a claim.
    func releaseInput(checksum: String)
    /// Runs `body` while no other worker runs the job of the same name (waiting for one that does).
    func exclusively<T>(job: String, _ body: () throws -> T) throws -> T
    /// Throws when a claim this process holds was taken over by another worker (its lease
    /// passed): what a worker checks before answering a file it did not commit anything for.
    func confirmClaims() throws
}
