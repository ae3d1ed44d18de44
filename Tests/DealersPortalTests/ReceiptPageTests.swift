import DealersCore
import DealersTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import DealersPortal

/// The processing's page (issue 34, item 2): linked from the receipts list, the errors grouped
/// by row, the rejected rows in a form grid that sends only the cells changed.
@Suite("The processing's page and its grid")
struct ReceiptPageTests {
    static let page = "/receipts/2026-11-24/usuarios-2026-11.csv"

    @Test func theReceiptsListLinksToThePageWhichShowsTheStatusInWordsTheErrorsByRowAndTheGrid() async throws {
        let ws = try ReceiptAPITests.sampleRun()
        defer { ws.remove() }
        try await ReceiptAPITests.test(ws) { client in
            let (browser, _) = try await client.signIn("olga")
            let list = String(buffer: try await client.get("/receipts/", browser).body)
            #expect(list.contains("<a href=\"\(Self.page)\">usuarios-2026-11.csv</a>"))
            #expect(list.contains("href=\"/receipts/2026-11-24/usuarios-2026-11.csv.json\""), "the JSON download stays")
            let response = try await client.get(Self.page, browser)
            #expect(response.status == .ok)
            let html = String(buffer: response.body)
            #expect(html.contains("<span class=\"status PARTIAL\">PARCIAL</span>"))
            #expect(html.contains("ALTA: 5, EXTENSION: 1"))
            // Line 5 has two errors: one group, the line shown once over both.
            #expect(html.contains("<th scope=\"rowgroup\" rowspan=\"2\" data-label=\"Línea\">5</th>"))
            #expect(html.contains("<td data-label=\"Mensaje\">«45678901A» no es válido: la letra de control debería ser G</td>"))
            #expect(html.contains("name=\"c.6.3\" value=\"45678901A\" aria-label=\"Línea 6, Nº Documento\""))
            #expect(html.contains("<form method=\"post\" action=\"\(Self.page)/corrections\""))
            #expect(!html.contains("<script"), "no script")
            #expect(response.headers[.contentSecurityPolicy]?.contains("script-src") == false)
            let other = try await client.get("/receipts/2026-11-24/nada.csv", browser)
            #expect(other.status == .notFound)
        }
    }

    @Test func theGridSendsOnlyTheChangedCellsThenFollowsTheNewFilesStatus() async throws {
        let ws = try ReceiptAPITests.sampleRun()
        defer { ws.remove() }
        try await ReceiptAPITests.test(ws) { client in
            let (browser, _) = try await client.signIn("olga")
            let html = String(buffer: try await client.get(Self.page, browser).body)
            let token = try #require(csrfToken(in: html))
            var headers = browser.headers
            headers[.contentType] = "application/x-www-form-urlencoded"
            // As the browser sends the form: every cell with the value it had; one changed.
            var fields = ["csrf": token]
            for line in [5, 6] {
                for index in 0..<13 {
                    fields["c.\(line).\(index)"] = "x"
                    fields["o.\(line).\(index)"] = "x"
                }
            }
            fields["c.6.3"] = "45678901G"
            fields["o.6.3"] = "45678901A"
            let stale = try await client.execute(uri: Self.page + "/corrections", method: .post, headers: headers,
                                                 body: form(fields.merging(["csrf": "wrong"]) { $1 }))
            #expect(stale.status == .forbidden)
            #expect(try ReceiptAPITests.waiting(ws).isEmpty)
            let sent = try await client.execute(uri: Self.page + "/corrections", method: .post, headers: headers, body: form(fields))
            #expect(sent.status == .seeOther)
            #expect(sent.headers[.location]?.hasPrefix("/upload/status?file=\(ReceiptAPITests.correction)&sha256=") == true)
            let text = try #require(String(data: try Data(contentsOf: ws.url("inbox/" + ReceiptAPITests.correction)), encoding: .windowsCP1252))
            #expect(text.hasSuffix("\r\nALTA;ASOC-SUR;DNI;45678901G;Lucía;Fernández;lucia@example.es;;;TITULAR;;;\r\n"), "only line 6, only its changed cell")
            let again = try await client.execute(uri: Self.page + "/corrections", method: .post, headers: headers, body: form(fields))
            #expect(again.status == .conflict)
            #expect(String(buffer: again.body).contains("La corrección \(ReceiptAPITests.correction) ya está esperando"))
        }
    }
}
