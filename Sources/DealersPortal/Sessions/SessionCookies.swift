import Foundation
import Hummingbird

/// The portal's two cookies, both `HttpOnly`, `SameSite=Strict`, `Path=/`, with an expiry.
enum SessionCookies {
    /// The session token.
    static let session = "dealers_session"
    /// The sign-in form's CSRF token (double submit: the form's hidden field must match it).
    static let login = "dealers_login"

    /// The session cookie, living as long as the session may.
    static func session(_ token: String, policy: SessionPolicy) -> Cookie {
        Cookie(name: session, value: token, maxAge: Int(policy.absoluteLifetime), path: "/",
               secure: policy.secureCookies, httpOnly: true, sameSite: .strict)
    }

    /// The sign-in form's cookie (10 minutes).
    static func login(_ token: String, policy: SessionPolicy) -> Cookie {
        Cookie(name: login, value: token, maxAge: 600, path: "/", secure: policy.secureCookies, httpOnly: true, sameSite: .strict)
    }

    /// A cookie that removes `name` from the browser.
    static func expired(_ name: String, policy: SessionPolicy) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: policy.secureCookies, httpOnly: true, sameSite: .strict)
    }
}
