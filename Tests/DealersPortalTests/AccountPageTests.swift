import DealersCore
import DealersSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import DealersPortal

/// The master's accounts page and the audit log: forms with the session's CSRF token, the account
/// book's rules, every change and sign-in appended to `portal/audit/<month>.jsonl`.
@Suite("Accounts page and audit")
struct AccountPageTests {
    private func post(_ client: any TestClientProtocol, _ uri: String, _ browser: BrowserState, _ fields: [String: String]) async throws -> TestResponse {
        var headers = browser.headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await client.execute(uri: uri, method: .post, headers: headers, body: form(fields))
    }

    private func csrf(_ client: any TestClientProtocol, _ browser: BrowserState) async throws -> String {
        try #require(csrfToken(in: String(buffer: try await client.get("/accounts/", browser).body)))
    }

    @Test func theMasterAddsDisablesAndRemovesAccountsAndEachChangeIsAudited() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            let (olga, _) = try await client.signIn("olga")
            let token = try await csrf(client, olga)
            let added = try await post(client, "/accounts/add", olga, ["csrf": token, "name": "vera", "role": "seller", "dealer": "ACME",
                                                                          "seller": "V01", "email": "vera@acme.example", "password": "a long password"])
            #expect(added.status == .seeOther)
            let book = AccountBook(workspace: try fixture.workspace())
            #expect(try book.account(named: "vera")?.seller == "V01")
            let page = String(buffer: try await client.get("/accounts/", olga).body)
            #expect(page.contains("vera@acme.example") && page.contains("vendedor"))

            let duplicate = try await post(client, "/accounts/add", olga, ["csrf": token, "name": "vero", "role": "admin", "dealer": "ACME",
                                                                              "email": "VERA@acme.example", "password": "a long password"])
            #expect(duplicate.status == .badRequest)
            #expect(String(buffer: duplicate.body).contains("already used by the account &quot;vera&quot;"))
            #expect(try book.account(named: "vero") == nil)

            let stale = try await post(client, "/accounts/disable", olga, ["csrf": "forged", "name": "ana"])
            #expect(stale.status == .forbidden)
            #expect(try book.account(named: "ana")?.disabled == false)
            #expect(try await post(client, "/accounts/disable", olga, ["csrf": token, "name": "ana"]).status == .seeOther)
            #expect(try book.account(named: "ana")?.disabled == true)
            #expect(try await post(client, "/accounts/change", olga, ["csrf": token, "name": "vera", "seller": "V02"]).status == .seeOther)
            #expect(try book.account(named: "vera")?.seller == "V02")
            #expect(try await post(client, "/accounts/remove", olga, ["csrf": token, "name": "olga"]).status == .badRequest)
            #expect(try await post(client, "/accounts/remove", olga, ["csrf": token, "name": "vera"]).status == .seeOther)
            #expect(try book.account(named: "vera") == nil)

            let events = try AuditLog(workspace: try fixture.workspace()).events()
            #expect(events.map(\.action) == [.signIn, .accountAdd, .accountDisable, .accountChange, .accountRemove])
            #expect(events.allSatisfy { $0.account == "olga" && $0.role == "master" })
            #expect(events.dropFirst().map(\.object) == ["vera", "ana", "vera", "vera"])
        }
    }

    @Test func otherRolesCannotPostToTheAccountForms() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            var headers = basic("ana")
            headers[.contentType] = "application/x-www-form-urlencoded"
            let response = try await client.execute(uri: "/accounts/disable", method: .post, headers: headers, body: form(["name": "olga"]))
            #expect(response.status == .notFound)
            #expect(try AccountBook(workspace: try fixture.workspace()).account(named: "olga")?.disabled == false)
        }
    }

    @Test func signInsUploadsAndDownloadsAreAuditedAndTheMasterReadsThemNewestFirst() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            _ = try await client.signIn("ana", password: "wrong password!")
            let (ana, _) = try await client.signIn("ana")
            #expect(try await client.get("/reports/users.csv", ana).status == .ok)
            let upload = multipart(files: [("file", "usuarios.csv", PortalFixture.usersFile)])
            var headers = basic("ana")
            headers[.contentType] = upload.1
            #expect(try await client.execute(uri: "/inbox", method: .post, headers: headers, body: upload.0).status == .created)
            _ = try await client.execute(uri: "/reports/", method: .get, headers: basic("nobody"))

            let events = try AuditLog(workspace: try fixture.workspace()).events()
            #expect(events.map(\.action) == [.signInFailed, .signIn, .download, .upload, .signInFailed])
            #expect(events[0].account == "ana" && events[0].role == nil)
            #expect(events[2].object == "outbox/ACME/reports/users.csv" && events[2].dealer == "ACME" && events[2].role == "admin")
            #expect(events[3].object == "inbox/ACME/usuarios.csv")
            #expect(events[4].account == "nobody")

            var json = basic("olga")
            json[.accept] = "application/json"
            let listed = try await client.execute(uri: "/audit/?account=ana", method: .get, headers: json)
            let shown = try JSONDecoder().decode([AuditEvent].self, from: Data(buffer: listed.body))
            #expect(shown.map(\.action) == [.upload, .download, .signIn, .signInFailed])
            let page = String(buffer: try await client.execute(uri: "/audit/", method: .get, headers: basic("olga").replacing(.accept, "text/html")).body)
            #expect(page.contains("inbox/ACME/usuarios.csv"))
        }
    }

    @Test func theLogIsAMonthFileOfJSONLinesOnlyEverAppended() throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        let log = AuditLog(workspace: try fixture.workspace())
        let november = AuditEvent(time: "2026-11-30T23:59:59Z", account: "ana", role: "admin", dealer: "ACME", action: .download,
                                  object: "outbox/ACME/reports/users.csv", source: "127.0.0.1")
        var december = november
        december.time = "2026-12-01T00:00:00Z"
        try log.append(november)
        let first = try Data(contentsOf: fixture.url("portal/audit/2026-11.jsonl"))
        try log.append(december)
        try log.append(november)
        let after = try Data(contentsOf: fixture.url("portal/audit/2026-11.jsonl"))
        #expect(after.starts(with: first) && after.count == 2 * first.count)
        #expect(String(decoding: first, as: UTF8.self).split(separator: "\n").count == 1)
        #expect(try log.events().map(\.time) == ["2026-11-30T23:59:59Z", "2026-11-30T23:59:59Z", "2026-12-01T00:00:00Z"])
        #expect(try log.events(since: CivilDate(iso: "2026-12-01")).map(\.time) == ["2026-12-01T00:00:00Z"])
    }
}

extension HTTPFields {
    /// The fields with one value replaced.
    func replacing(_ name: HTTPField.Name, _ value: String) -> HTTPFields {
        var fields = self
        fields[name] = value
        return fields
    }
}
