import Foundation

/// The connections of a store handle that the lease heartbeat closes when the worker's lease is
/// lost (``LeaseKeeper``), from its own thread: a statement of a file's transaction waiting on
/// one of them then fails at once instead of carrying on for a file another worker now holds.
///
/// `@unchecked Sendable`: the list is used under `lock`.
final class SeverableConnections: @unchecked Sendable {
    private let lock = NSLock()
    private var connections: [BlockingConnection] = []

    /// Adds a connection the handle opened.
    func add(_ connection: BlockingConnection) {
        lock.lock()
        defer { lock.unlock() }
        connections.append(connection)
    }

    /// Closes every connection added, so that what waits on them fails with `reason`.
    func sever(_ reason: String) {
        lock.lock()
        let all = connections
        lock.unlock()
        for connection in all { connection.sever(reason) }
    }
}
