import DealersCore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import DealersPortal

@Suite("Held rosters confirmed from the portal")
struct HeldRosterTests {
    static let roster = "Colectivo;Nº Documento;Nombre\r\nNORTE;12345678Z;José\r\n"

    /// ACME's held roster: its receipt, its preview and its archived input.
    func heldFixture() throws -> PortalFixture {
        let fixture = try PortalFixture()
        var receipt = PortalFixture.receipt(input: "plantilla.csv", status: "HELD", startedAt: "2026-11-24T11:00:00Z", dealer: "ACME",
                                            outputs: ["errors/2026-11-24/plantilla.csv.changes.csv", "receipts/2026-11-24/plantilla.csv.json"])
        receipt = receipt.replacingOccurrences(of: "\"asOf\"", with: "\"archivedTo\": \"archive/ACME/2026-11-24/plantilla.csv\", \"asOf\"")
        try fixture.write("outbox/ACME/receipts/2026-11-24/plantilla.csv.json", receipt)
        try fixture.write("outbox/ACME/errors/2026-11-24/plantilla.csv.changes.csv", "Acción;Documento\r\nBAJA;23456789D\r\n")
        try fixture.write("archive/ACME/2026-11-24/plantilla.csv", Self.roster)
        return fixture
    }

    func confirm(_ client: any TestClientProtocol, _ browser: BrowserState, date: String, receipt: String, csrf: String,
                 query: String = "") async throws -> TestResponse {
        var headers = browser.headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await client.execute(uri: "/receipts/confirm" + query, method: .post, headers: headers,
                                        body: form(["csrf": csrf, "date": date, "receipt": receipt]))
    }

    @Test("a held file shows its preview and a confirm button; confirming puts it back in the inbox with its .confirmar marker")
    func confirmFromTheReceipts() async throws {
        let fixture = try heldFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            let (browser, _) = try await client.signIn("ana")
            let page = String(buffer: try await client.get("/receipts/", browser).body)
            #expect(page.contains("href=\"/errors/2026-11-24/plantilla.csv.changes.csv\""))
            #expect(page.contains("action=\"/receipts/confirm\""))
            #expect(page.components(separatedBy: "action=\"/receipts/confirm\"").count == 2, "only the held receipt has the button")
            let csrf = try #require(csrfToken(in: page))

            let stale = try await confirm(client, browser, date: "2026-11-24", receipt: "plantilla.csv.json", csrf: "wrong")
            #expect(stale.status == .forbidden)
            let notHeld = try await confirm(client, browser, date: "2026-11-24", receipt: "altas.csv.json", csrf: csrf)
            #expect(notHeld.status == .notFound)
            #expect(!FileManager.default.fileExists(atPath: fixture.url("inbox/ACME/altas.csv").path))

            let done = try await confirm(client, browser, date: "2026-11-24", receipt: "plantilla.csv.json", csrf: csrf)
            #expect(done.status == .seeOther && done.headers[.location] == "/receipts/")
            #expect(try String(contentsOf: fixture.url("inbox/ACME/plantilla.csv"), encoding: .utf8) == Self.roster)
            #expect(FileManager.default.fileExists(atPath: fixture.url("inbox/ACME/plantilla.csv.confirmar").path))
            let again = try await confirm(client, browser, date: "2026-11-24", receipt: "plantilla.csv.json", csrf: csrf)
            #expect(again.status == .conflict, "already waiting in the inbox")
        }
    }

    @Test("another dealer cannot confirm it; the operator can, in the dealer's folders")
    func isolation() async throws {
        let fixture = try heldFixture()
        defer { fixture.remove() }
        try await fixture.test { client in
            let (ivan, _) = try await client.signIn("ivan")
            let ivanCSRF = try await client.sessionCSRF(ivan)
            let refused = try await confirm(client, ivan, date: "2026-11-24", receipt: "plantilla.csv.json", csrf: ivanCSRF)
            #expect(refused.status == .notFound)
            #expect(!FileManager.default.fileExists(atPath: fixture.url("inbox/IBERIA/plantilla.csv").path))
            let crossing = try await confirm(client, ivan, date: "2026-11-24", receipt: "plantilla.csv.json", csrf: ivanCSRF,
                                             query: "?dealer=ACME")
            #expect(crossing.status == .notFound)

            let (olga, _) = try await client.signIn("olga")
            let olgaCSRF = try await client.sessionCSRF(olga)
            let done = try await confirm(client, olga, date: "2026-11-24", receipt: "plantilla.csv.json", csrf: olgaCSRF,
                                         query: "?dealer=ACME")
            #expect(done.status == .seeOther && done.headers[.location] == "/receipts/?dealer=ACME")
            #expect(FileManager.default.fileExists(atPath: fixture.url("inbox/ACME/plantilla.csv.confirmar").path))
        }
    }

    @Test("the hook for roles: a sender who may not speak for collectives has a roster refused, ROSTER_NEEDS_ADMIN; other files pass")
    func rosterNeedsAdmin() throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        let drop = InboxDrop(inbox: fixture.url("inbox/ACME"), layouts: fixture.url("layouts"), limits: UploadLimits(),
                             requireDoneMarker: false)
        #expect(throws: UploadRefusal.rosterNeedsAdmin) {
            try drop.store(name: "plantilla.csv", data: Data(Self.roster.utf8), allowsRoster: false)
        }
        #expect(!FileManager.default.fileExists(atPath: fixture.url("inbox/ACME/plantilla.csv").path))
        #expect(try drop.store(name: "usuarios.csv", data: Data(PortalFixture.usersFile.utf8), allowsRoster: false).layout == "users")
        #expect(PortalText(language: .es).refusal(.rosterNeedsAdmin).contains("ROSTER_NEEDS_ADMIN"))
    }
}
