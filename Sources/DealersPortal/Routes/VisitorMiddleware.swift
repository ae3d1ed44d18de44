import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth

/// Finds who is asking: an API token (`Authorization: Bearer`, scripts), HTTP Basic (scripts,
/// kept for compatibility), else the session cookie (browsers). A token that is not one, or whose
/// account is disabled or gone, and a wrong Basic password answer 401 at once (no challenge
/// header, so a browser never offers to remember it); a Basic name over its failure limit answers
/// 429, and Basic while the password checks are full 503. Tokens and sessions never pay a bcrypt.
struct VisitorMiddleware: RouterMiddleware {
    typealias Context = PortalContext
    let portal: Portal

    func handle(_ request: Request, context: PortalContext, next: (Request, PortalContext) async throws -> Response) async throws -> Response {
        var context = context
        if let bearer = request.headers.bearer {
            guard let account = try await portal.account(presenting: bearer.token, context: context) else {
                return Responses.json(ScriptError(error: "UNAUTHORIZED"), status: .unauthorized)
            }
            context.visitor = Visitor(account: account, session: nil)
        } else if request.headers[.authorization] != nil {
            guard let basic = request.headers.basic else { return Responses.json(ScriptError(error: "UNAUTHORIZED"), status: .unauthorized) }
            let now = portal.now
            guard portal.throttle.allows(basic.username, now: now) else {
                await portal.audit(.signInFailed, account: nil, name: basic.username, object: nil, context: context)
                var response = Responses.json(ScriptError(error: "TOO_MANY_ATTEMPTS"), status: .tooManyRequests)
                response.headers[.retryAfter] = String(portal.throttle.retryAfter(basic.username, now: now))
                return response
            }
            let checked: PortalAccount?
            do { checked = try await portal.authenticate(name: basic.username, password: basic.password) } catch let busy as PasswordChecks.Busy {
                return Responses.busy(busy, portal.text)
            }
            guard let account = checked, portal.isActive(account) else {
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

    /// Checks a name and password: the accounts file is read on NIO's thread pool, the bcrypt
    /// check runs on the password checks' own threads (``PasswordChecks``), so neither holds up
    /// the event loop nor the threads other requests read files on.
    /// - Throws: ``PasswordChecks/Busy`` when the password checks' queue is full.
    func authenticate(name: String, password: String) async throws -> PortalAccount? {
        let account = try await self.account(named: name)
        let matches = try await passwordChecks.verify(password, hash: account?.passwordHash)
        return AccountBook.signedIn(account, passwordMatches: matches)
    }

    /// The account with a name, read off the event loop.
    func account(named name: String) async throws -> PortalAccount? {
        let accounts = self.accounts
        return try await BlockingWork.run { try accounts.account(named: name) }
    }
}
