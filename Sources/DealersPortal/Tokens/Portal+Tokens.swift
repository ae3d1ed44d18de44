import Foundation

extension Portal {
    /// The account an API token acts as, or `nil` (not a token of this workspace, revoked, its
    /// account disabled, removed or made again, its dealer no longer declared). The files are
    /// read on NIO's thread pool; the token's hash is a SHA-256, no password check. The first use
    /// of each token after the server starts is written to the audit log (`token-use`).
    func account(presenting token: String, context: PortalContext) async throws -> PortalAccount? {
        let tokens = self.tokens
        let found = try await BlockingWork.run { () -> (APIToken, PortalAccount)? in
            guard let record = try tokens.record(for: token), let account = try tokens.account(of: record) else { return nil }
            return (record, account)
        }
        guard let (record, account) = found, isActive(account) else { return nil }
        if tokenUses.firstUse(of: record.id) {
            await audit(.tokenUse, account: account, object: "token \(record.id)", context: context)
        }
        return account
    }
}

/// The tokens used since the server started, so that only each one's first use is audited.
final class TokenUses: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: Set<String> = []

    /// Whether this is the first time `id` is seen (and notes it).
    func firstUse(of id: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return seen.insert(id).inserted
    }
}
