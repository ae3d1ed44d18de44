import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import DealersPortal

@Suite("Sign-in, sessions, CSRF, rate limit, HTTP Basic")
struct SessionTests {
    @Test func signInSetsAStrictHttpOnlySessionCookieWithAnExpiryAndOpensTheDashboard() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            let (browser, response) = try await client.signIn("ana")
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/dashboard", "the dashboard is the landing page (issue 34)")
            let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("dealers_session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            #expect(cookie.contains("Max-Age=43200"))
            #expect(cookie.contains("Path=/"))
            let page = try await client.get("/reports/", browser)
            #expect(page.status == .ok)
            #expect(String(buffer: page.body).contains("users.csv"))
            #expect(String(buffer: page.body).contains("ana · ACME"))
        }
    }

    @Test func aWrongPasswordAndAnUnknownNameGetTheSameAnswer() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            let (_, wrong) = try await client.signIn("ana", password: "not the password")
            let (_, unknown) = try await client.signIn("nobody", password: "not the password")
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            let strip = { (text: String) in text.replacingOccurrences(of: #"value="[^"]*""#, with: "", options: .regularExpression) }
            #expect(strip(String(buffer: wrong.body)) == strip(String(buffer: unknown.body)))
            #expect(String(buffer: wrong.body).contains("Usuario o contraseña incorrectos."))
            #expect(!wrong.headers[values: .setCookie].contains { $0.hasPrefix("dealers_session=") })
        }
    }

    @Test func signInWithoutTheFormsCSRFTokenIsRefused() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            let response = try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                    body: form(["name": "ana", "password": PortalFixture.password, "csrf": "forged"]))
            #expect(response.status == .forbidden)
            #expect(!response.headers[values: .setCookie].contains { $0.hasPrefix("dealers_session=") })
        }
    }

    @Test func everyFormCarriesACSRFTokenAndAFormWithoutItIsRefused() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            let (browser, _) = try await client.signIn("ana")
            for page in ["/reports/", "/receipts/", "/upload"] {
                let html = String(buffer: try await client.get(page, browser).body)
                let forms = html.components(separatedBy: "<form").count - 1
                let tokens = html.components(separatedBy: "name=\"csrf\"").count - 1
                #expect(forms > 0 && forms == tokens, "\(page): \(forms) forms, \(tokens) tokens")
            }
            var headers = browser.headers
            headers[.contentType] = "application/x-www-form-urlencoded"
            let forged = try await client.execute(uri: "/logout", method: .post, headers: headers, body: form(["csrf": "forged"]))
            #expect(forged.status == .forbidden)
            #expect(try await client.get("/reports/", browser).status == .ok)
            let (body, type) = multipart(fields: ["csrf": "forged"], files: [("file", "usuarios.csv", PortalFixture.usersFile)])
            var uploadHeaders = browser.headers
            uploadHeaders[.contentType] = type
            let upload = try await client.execute(uri: "/upload", method: .post, headers: uploadHeaders, body: body)
            #expect(upload.status == .forbidden)
            #expect(!FileManager.default.fileExists(atPath: fixture.url("inbox/ACME/usuarios.csv").path))
        }
    }

    @Test func signingOutEndsTheSession() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            var (browser, _) = try await client.signIn("ana")
            let stolen = browser
            let token = try await client.sessionCSRF(browser)
            var headers = browser.headers
            headers[.contentType] = "application/x-www-form-urlencoded"
            let out = try await client.execute(uri: "/logout", method: .post, headers: headers, body: form(["csrf": token]))
            #expect(out.status == .seeOther)
            browser.take(out)
            #expect(browser.cookies["dealers_session"] == nil)
            let again = try await client.get("/reports/", stolen)
            #expect(again.status == .seeOther)
            #expect(again.headers[.location] == "/login")
        }
    }

    @Test func aSessionExpiresAfterHalfAnHourIdleAndTwelveHoursInAll() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            let (browser, _) = try await client.signIn("ana")
            fixture.clock.advance(by: 29 * 60)
            #expect(try await client.get("/reports/", browser).status == .ok)
            fixture.clock.advance(by: 29 * 60)
            #expect(try await client.get("/reports/", browser).status == .ok)
            fixture.clock.advance(by: 30 * 60)
            #expect(try await client.get("/reports/", browser).status == .seeOther)

            let (second, _) = try await client.signIn("ana")
            for _ in 0..<25 {
                fixture.clock.advance(by: 29 * 60)
                _ = try await client.get("/reports/", second)
            }
            #expect(try await client.get("/reports/", second).status == .seeOther)
        }
    }

    @Test func removingAnAccountOrChangingItsPasswordEndsItsSessions() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            let (ana, _) = try await client.signIn("ana")
            let (ivan, _) = try await client.signIn("ivan")
            let book = AccountBook(workspace: try fixture.workspace(), hasher: PasswordHasher(cost: 4))
            try book.remove(name: "ana")
            try book.add(.init(name: "ivan", role: .admin, dealer: "IBERIA", email: "ivan@iberia.example"), password: "another long password", replace: true)
            #expect(try await client.get("/reports/", ana).status == .seeOther)
            #expect(try await client.get("/reports/", ivan).status == .seeOther)
        }
    }

    @Test func anAccountWhoseDealerIsNoLongerDeclaredCannotSignIn() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try fixture.write("dealers.json", #"{"dealers": ["ACME"], "stabilitySeconds": 0}"#)
        try await fixture.test { client in
            let (_, ivan) = try await client.signIn("ivan")
            let script = try await client.execute(uri: "/reports/", method: .get, headers: basic("ivan"))
            let (_, ana) = try await client.signIn("ana")
            #expect(ivan.status == .unauthorized)
            #expect(script.status == .unauthorized)
            #expect(ana.status == .seeOther)
        }
    }

    @Test func fiveFailedSignInsBlockTheNameForFifteenMinutesEvenWithTheRightPassword() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            for _ in 0..<5 {
                #expect(try await client.signIn("ana", password: "wrong password!").1.status == .unauthorized)
            }
            let blocked = try await client.signIn("ana").1
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.headers[.retryAfter] == "900")
            #expect(String(buffer: blocked.body).contains("Demasiados intentos"))
            #expect(try await client.execute(uri: "/reports/", method: .get, headers: basic("ana")).status == .tooManyRequests)
            #expect(try await client.signIn("ivan").1.status == .seeOther)
            fixture.clock.advance(by: 15 * 60)
            #expect(try await client.signIn("ana").1.status == .seeOther)
        }
    }

    @Test func scriptsUseHTTPBasicWithTheSameAccountsAndNeverGetAChallenge() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            let listing = try await client.execute(uri: "/reports/", method: .get, headers: basic("ana"))
            #expect(listing.status == .ok)
            #expect(listing.headers[.contentType] == "application/json; charset=utf-8")
            let list = try #require(try JSONSerialization.jsonObject(with: Data(buffer: listing.body)) as? [[String: Any]])
            let names = list.compactMap { $0["name"] as? String }
            #expect(names == ["users.csv", "users.xlsx"])
            let download = try await client.execute(uri: "/reports/users.csv", method: .get, headers: basic("ana"))
            #expect(String(buffer: download.body) == "\u{FEFF}Documento;Nombre\r\n12345678Z;José\r\n")
            let wrong = try await client.execute(uri: "/reports/", method: .get, headers: basic("ana", "wrong password"))
            #expect(wrong.status == .unauthorized)
            #expect(wrong.headers[.wwwAuthenticate] == nil)
            let anonymous = try await client.execute(uri: "/reports/", method: .get, headers: [.accept: "application/json"])
            #expect(anonymous.status == .unauthorized)
            let browser = try await client.execute(uri: "/reports/", method: .get, headers: [.accept: "text/html"])
            #expect(browser.status == .seeOther)
            #expect(browser.headers[.location] == "/login")
        }
    }

    @Test func pagesAreInSpanishByDefaultAndInEnglishBySetting() async throws {
        let spanish = try PortalFixture()
        defer { spanish.remove() }
        try await spanish.test { client in
            let html = String(buffer: try await client.get("/login", BrowserState()).body)
            #expect(html.contains("<html lang=\"es\">"))
            #expect(html.contains("Contraseña"))
        }
        let english = try PortalFixture(language: "en")
        defer { english.remove() }
        try await english.test { client in
            let (browser, _) = try await client.signIn("ana")
            let html = String(buffer: try await client.get("/receipts/", browser).body)
            #expect(html.contains("<html lang=\"en\">"))
            #expect(html.contains("Receipts"))
            #expect(html.contains("Sign out"))
        }
    }

    @Test func pagesAllowNoScriptAndAreReadableOnAPhone() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            let (browser, _) = try await client.signIn("ana")
            let page = try await client.get("/reports/", browser)
            #expect(page.headers[.contentSecurityPolicy] == "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
            #expect(page.headers[.xContentTypeOptions] == "nosniff")
            #expect(page.headers[.xFrameOptions] == "DENY")
            let html = String(buffer: page.body)
            #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
            #expect(!html.contains("<script"))
        }
    }
}
