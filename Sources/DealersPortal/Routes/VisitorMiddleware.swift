import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth

/// Finds who is asking: HTTP Basic when an `Authorization` header is sent (scripts), else the
/// session cookie (browsers). A wrong Basic password answers 401 at once (no challenge header,
/// so a browser never offers to remember it); a name over its failure limit answers 429.
struct VisitorMiddleware: RouterMiddleware {
    typealias Context = PortalContext
    let portal: Portal

    func handle(_ request: Request, context: PortalContext, next: (Request, PortalContext) async throws -> Response) async throws -> Response {
        var context = context
        if request.headers[.authorization] != nil {
            guard let basic = request.headers.basic else { return Responses.json(ScriptError(error: "UNAUTHORIZED"), status: .unauthorized) }
            let now = portal.now
            guard portal.throttle.allows(basic.username, now: now) else {
                await portal.audit(.signInFailed, account: nil, name: basic.username, object: nil, context: context)
                var response = Responses.json(ScriptError(error: "TOO_MANY_ATTEMPTS"), status: .tooManyRequests)
                response.headers[.retryAfter] = String(portal.throttle.retryAfter(basic.username, now: now))
                return response
            }
            guard let account = try await portal.authenticate(name: basic.username, password: basic.password),
                  portal.isActive(account) else {
                portal.throttle.recordFailure(basic.username, now: now)
                await portal.audit(.signInFailed, account: nil, name: basic.username, object: nil, context: context)
                return Responses.json(ScriptError(error: "UNAUTHORIZED"), status: .unauthorized)
            }
            portal.throttle.recordSuccess(basic.username)
            context.visitor = Visitor(account: account, session: nil)
        } else if let token = request.cookies[SessionCookies.session]?.value,
                  let session = portal.sessions.session(token: token, now: portal.now),
                  let account = try? await portal.account(named: session.account),
                  account.passwordHash == session.passwordHash, portal.isActive(account) {
            context.visitor = Visitor(account: account, session: (token, session.csrfToken))
        }
        return try await next(request, context)
    }
}

/// Lets only a visitor through: a browser without a session is sent to the sign-in page, a
/// script gets 401.
struct RequireVisitorMiddleware: RouterMiddleware {
    typealias Context = PortalContext
    let portal: Portal

    func handle(_ request: Request, context: PortalContext, next: (Request, PortalContext) async throws -> Response) async throws -> Response {
        guard context.visitor != nil else {
            if request.method == .get, request.headers[.accept]?.contains("text/html") == true {
                return Responses.redirect("/login")
            }
            return Responses.json(ScriptError(error: "UNAUTHORIZED"), status: .unauthorized)
        }
        return try await next(request, context)
    }
}

/// The JSON body of an error answered to a script.
struct ScriptError: Encodable {
    var error: String
    var message: String?
}

extension Portal {
    /// Whether an account may use the portal: not while disabled; a master always; a dealer's
    /// account while its code is declared in `dealers.json` (an undeclared dealer's inbox is not
    /// processed). Accounts are re-read at every request, so disabling one ends its sessions at once.
    func isActive(_ account: PortalAccount) -> Bool {
        !account.disabled && (account.role == .master || account.dealer.map(workspace.settings.dealers.contains) == true)
    }

    /// Checks a name and password off the event loop (bcrypt is slow on purpose; the accounts
    /// file is read from disk).
    func authenticate(name: String, password: String) async throws -> PortalAccount? {
        let accounts = self.accounts
        return try await BlockingWork.run { try accounts.authenticate(name: name, password: password) }
    }

    /// The account with a name, read off the event loop.
    func account(named name: String) async throws -> PortalAccount? {
        let accounts = self.accounts
        return try await BlockingWork.run { try accounts.account(named: name) }
    }
}
