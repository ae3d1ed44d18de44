import Foundation
import HTTPTypes
import Hummingbird

/// `/` (to the reports or the sign-in), `/portal.css`, `GET|POST /login`, `POST /logout`.
struct SessionRoutes {
    let portal: Portal

    func register(on router: Router<PortalContext>) {
        router.get("/") { _, context in
            Responses.redirect(context.visitor == nil ? "/login" : "/dashboard")
        }
        router.get("/portal.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: Stylesheet.css)))
        }
        router.get("/login") { _, context in
            if context.visitor != nil { return Responses.redirect("/dashboard") }
            return loginForm(error: nil, status: .ok)
        }
        router.post("/login") { request, context in try await signIn(request, context) }
        router.post("/logout") { request, context in
            let form = try await FormFields.read(request)
            guard let visitor = context.visitor, let session = visitor.session else { return Responses.redirect("/login") }
            guard visitor.acceptsForm(csrf: form["csrf"]) else {
                return Responses.html(MessagePage.html(title: portal.text.signOut, message: portal.text.staleForm, isError: true,
                                                       visitor: visitor.header(portal.text), text: portal.text), status: .forbidden)
            }
            portal.sessions.close(token: session.token)
            return Responses.redirect("/login", cookies: [SessionCookies.expired(SessionCookies.session, policy: portal.configuration.sessions)])
        }
    }

    /// A fresh sign-in form with its CSRF cookie.
    private func loginForm(error: String?, status: HTTPResponse.Status) -> Response {
        let token = RandomToken.make()
        var response = Responses.html(LoginPage(text: portal.text, csrfToken: token, error: error).html, status: status)
        response.setCookie(SessionCookies.login(token, policy: portal.configuration.sessions))
        return response
    }

    private func signIn(_ request: Request, _ context: PortalContext) async throws -> Response {
        let form = try await FormFields.read(request)
        let text = portal.text
        guard let cookie = request.cookies[SessionCookies.login]?.value, RandomToken.equal(form["csrf"] ?? "", cookie) else {
            return loginForm(error: text.staleForm, status: .forbidden)
        }
        let name = form["name"] ?? ""
        let now = portal.now
        guard portal.throttle.allows(name, now: now) else {
            await portal.audit(.signInFailed, account: nil, name: name, object: nil, context: context)
            let minutes = max(1, (portal.throttle.retryAfter(name, now: now) + 59) / 60)
            var response = loginForm(error: text.tooManyAttempts(minutes: minutes), status: .tooManyRequests)
            response.headers[.retryAfter] = String(portal.throttle.retryAfter(name, now: now))
            return response
        }
        guard let account = try await portal.authenticate(name: name, password: form["password"] ?? ""), portal.isActive(account) else {
            portal.throttle.recordFailure(name, now: now)
            await portal.audit(.signInFailed, account: nil, name: name, object: nil, context: context)
            return loginForm(error: text.wrongCredentials, status: .unauthorized)
        }
        portal.throttle.recordSuccess(name)
        await portal.audit(.signIn, account: account, object: nil, context: context)
        let opened = portal.sessions.open(account: account, now: now)
        let policy = portal.configuration.sessions
        return Responses.redirect("/dashboard", cookies: [SessionCookies.session(opened.token, policy: policy),
                                                          SessionCookies.expired(SessionCookies.login, policy: policy)])
    }
}
