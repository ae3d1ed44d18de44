import Foundation

/// The open sessions, in memory: a restart signs everyone out.
///
/// Sessions are keyed by a random 256-bit token (the cookie's value); an expired session is
/// dropped when it is next looked up, and all expired ones at each sign-in.
public final class SessionStore: @unchecked Sendable {
    private let lock = NSLock()
    private var sessions: [String: PortalSession] = [:]
    private let policy: SessionPolicy

    /// An empty store with a policy.
    public init(policy: SessionPolicy) {
        self.policy = policy
    }

    /// Opens a session for an account and returns its token.
    func open(account: PortalAccount, now: Date) -> (token: String, session: PortalSession) {
        let token = RandomToken.make()
        let session = PortalSession(account: account.name, passwordHash: account.passwordHash,
                                    csrfToken: RandomToken.make(), createdAt: now, lastSeen: now)
        lock.lock()
        defer { lock.unlock() }
        sessions = sessions.filter { !isExpired($0.value, now: now) }
        sessions[token] = session
        return (token, session)
    }

    /// The live session for a token, its idle clock restarted; `nil` when unknown or expired.
    func session(token: String, now: Date) -> PortalSession? {
        lock.lock()
        defer { lock.unlock() }
        guard var session = sessions[token] else { return nil }
        if isExpired(session, now: now) {
            sessions[token] = nil
            return nil
        }
        session.lastSeen = now
        sessions[token] = session
        return session
    }

    /// Ends a session.
    func close(token: String) {
        lock.lock()
        sessions[token] = nil
        lock.unlock()
    }

    private func isExpired(_ session: PortalSession, now: Date) -> Bool {
        now.timeIntervalSince(session.lastSeen) >= policy.idleTimeout
            || now.timeIntervalSince(session.createdAt) >= policy.absoluteLifetime
    }
}
